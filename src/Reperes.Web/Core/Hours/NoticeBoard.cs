using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Hours;

/// <summary>
/// The notices that are current or to come, by structure, held in memory for a minute or until a change of the public
/// data (see <see cref="Changes.PublicChanges"/>): they are few, and every
/// result needs them to tell "open now" right.
/// </summary>
public sealed class NoticeBoard
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private volatile Reading? snapshot;

    public NoticeBoard(IServiceScopeFactory scopes, TimeProvider clock, Changes.PublicChanges changes)
    {
        this.scopes = scopes;
        this.clock = clock;

        // A notice written on another instance is seen within a second, not at the end of the minute.
        changes.Changed += Invalidate;
    }

    public void Invalidate() => snapshot = null;

    public IReadOnlyList<NoticeInfo> For(int structureId) => Current().For(structureId);

    /// <summary>The notices as they are now, for a loop over many structures (the clock read once, not per structure).</summary>
    public Reading Read() => Current();

    private Reading Current()
    {
        var now = clock.GetUtcNow();
        if (snapshot is { } s && now >= s.LoadedAt && now - s.LoadedAt < Lifetime)
        {
            return s;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var today = HoursEvaluator.LocalDate(now);
        var notices = db.Notices.AsNoTracking()
            .Where(n => n.EndsOn >= today)
            .Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours, n.Id))
            .ToList();
        var loaded = new Reading(now, notices.GroupBy(n => n.StructureId).ToDictionary(g => g.Key, g => (IReadOnlyList<NoticeInfo>)g.OrderBy(n => n.StartsOn).ToList()));
        snapshot = loaded;
        return loaded;
    }

    /// <summary>The notices loaded at one moment, by structure.</summary>
    public sealed class Reading(DateTimeOffset loadedAt, Dictionary<int, IReadOnlyList<NoticeInfo>> byStructure)
    {
        internal DateTimeOffset LoadedAt => loadedAt;

        public IReadOnlyList<NoticeInfo> For(int structureId) => byStructure.TryGetValue(structureId, out var list) ? list : [];
    }
}
