using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists;

/// <summary>What changed for a place of a list, as a professional is told.</summary>
public enum PlaceChangeKind
{
    /// <summary>The structure's or a service's regular hours, or exceptional hours announced.</summary>
    Hours = 0,

    /// <summary>A temporary closure announced (of the structure or of a service).</summary>
    Closure = 1,

    /// <summary>The structure closed for good.</summary>
    ClosedForGood = 2,

    /// <summary>The coordination marked its information as unverified.</summary>
    Unverified = 3,

    /// <summary>Its information passed its update date without being confirmed.</summary>
    PastUpdateDate = 4,
}

/// <summary>One change of a place; <see cref="Detail"/> says which service or which dates, in the history's words.</summary>
public sealed record PlaceChange(int StructureId, string Name, string Slug, PlaceChangeKind Kind, DateTimeOffset At, string? Detail);

/// <summary>A change with the lists (of the person, own or shared) that hold the place.</summary>
public sealed record ListedChange(PlaceChange Change, IReadOnlyList<string> Lists);

/// <summary>
/// The changes of watched places between two instants, derived from what already records them: the sheets'
/// revisions (written by <see cref="StructureWriter"/> with the French field names of <see cref="SheetFields"/>,
/// <see cref="ServiceFields"/> and <see cref="NoticeFields"/>), the structure's status, its "unverified" mark and its
/// update date (<see cref="FreshnessRules"/>). Nothing is written when a sheet changes.
/// </summary>
public sealed class ListChanges(ReperesDbContext db)
{
    /// <summary>How far back the changes page looks.</summary>
    public static readonly TimeSpan PageWindow = TimeSpan.FromDays(30);

    /// <summary>The places of the person's lists (own and shared with them) and the names of the lists holding each.</summary>
    public async Task<Dictionary<int, List<string>>> WatchedAsync(ListViewer viewer, CancellationToken cancellationToken)
    {
        var items = await db.PlaceListItems.AsNoTracking()
            .Join(ListAccess.Visible(db, viewer), i => i.ListId, l => l.Id, (i, l) => new { i.StructureId, l.Name })
            .ToListAsync(cancellationToken);
        return items.GroupBy(i => i.StructureId)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Name).Distinct().Order(Core.Text.FrenchOrder.Comparer).ToList()!);
    }

    /// <summary>The changes of the person's watched places after <paramref name="since"/> up to <paramref name="now"/>, latest first.</summary>
    public async Task<IReadOnlyList<ListedChange>> ForAsync(ListViewer viewer, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var watched = await WatchedAsync(viewer, cancellationToken);
        var changes = await OfPlacesAsync(watched.Keys.ToList(), since, now, cancellationToken);
        return changes.Select(c => new ListedChange(c, watched[c.StructureId])).ToList();
    }

    public async Task<IReadOnlyList<PlaceChange>> OfPlacesAsync(IReadOnlyCollection<int> structureIds, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (structureIds.Count == 0)
        {
            return [];
        }

        var ids = structureIds.ToList();
        var structures = await db.Structures.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Slug,
                s.Status,
                s.UnverifiedSince,
                s.VerifiedAt,
                s.UpdatedAt,
                s.CreatedAt,
                s.UpdateFrequencyMonths,
                ServiceMonths = s.Services.Min(v => v.UpdateFrequencyMonths),
            })
            .ToListAsync(cancellationToken);
        var revisions = await db.SheetRevisions.AsNoTracking()
            .Where(r => ids.Contains(r.StructureId) && r.At > since && r.At <= now)
            .Select(r => new { r.StructureId, r.At, r.Changes })
            .ToListAsync(cancellationToken);
        var byStructure = revisions.ToLookup(r => r.StructureId);

        var found = new List<PlaceChange>();
        foreach (var s in structures)
        {
            void Add(PlaceChangeKind kind, DateTimeOffset at, string? detail) => found.Add(new PlaceChange(s.Id, s.Name, s.Slug, kind, at, detail));

            var statusChangedAt = (DateTimeOffset?)null;
            foreach (var revision in byStructure[s.Id])
            {
                foreach (var change in new SheetRevisionChanges(revision.Changes).List)
                {
                    if (change.Field == StructureWriter.StatusField)
                    {
                        statusChangedAt = statusChangedAt is { } t && t > revision.At ? t : revision.At;
                    }
                    else if (Classify(change) is { } kind)
                    {
                        Add(kind, revision.At, change.Field == SheetFields.OpeningHours ? null : Detail(change, kind));
                    }
                }
            }

            if (s.Status == StructureStatus.PermanentlyClosed && (statusChangedAt ?? (s.UpdatedAt > since && s.UpdatedAt <= now ? s.UpdatedAt : null)) is { } closedAt)
            {
                Add(PlaceChangeKind.ClosedForGood, closedAt, null);
            }

            if (s.UnverifiedSince is { } unverified)
            {
                if (unverified > since && unverified <= now)
                {
                    Add(PlaceChangeKind.Unverified, unverified, null);
                }
            }
            else if (s.Status == StructureStatus.Online)
            {
                // As the reminders count it: a service with a shorter frequency makes the sheet due sooner.
                var months = Math.Min(s.UpdateFrequencyMonths, s.ServiceMonths ?? s.UpdateFrequencyMonths);
                var due = FreshnessRules.DueAt(s.VerifiedAt, s.UpdatedAt, s.CreatedAt, months);
                if (due > since && due <= now)
                {
                    Add(PlaceChangeKind.PastUpdateDate, due, null);
                }
            }
        }

        // Several saves of the same thing in the period are one change, told at its latest.
        return found
            .GroupBy(c => (c.StructureId, c.Kind, c.Detail))
            .Select(g => g.MaxBy(c => c.At)!)
            .OrderByDescending(c => c.At).ThenBy(c => c.Name, Core.Text.FrenchOrder.Comparer)
            .ToList();
    }

    /// <summary>
    /// The kind of change a revision's field tells, or null when it is none of those watched. The field names are
    /// those <see cref="SheetFields"/>, <see cref="ServiceFields"/> ("Service « … » : Horaires") and
    /// <see cref="NoticeFields"/> ("Fermeture temporaire", "Horaires exceptionnels", with "(service « … »)") write.
    /// </summary>
    public static PlaceChangeKind? Classify(FieldChange change) => change.Field switch
    {
        SheetFields.OpeningHours or SheetFields.OpeningHoursDetails => PlaceChangeKind.Hours,
        _ when change.Field.StartsWith("Service « ", StringComparison.Ordinal) && change.Field.EndsWith(" : Horaires", StringComparison.Ordinal) => PlaceChangeKind.Hours,
        _ when change.Field.StartsWith("Horaires exceptionnels", StringComparison.Ordinal) && change.After is not null => PlaceChangeKind.Hours,
        _ when change.Field.StartsWith("Fermeture temporaire", StringComparison.Ordinal) && change.After is not null => PlaceChangeKind.Closure,
        _ => null,
    };

    private static string Detail(FieldChange change, PlaceChangeKind kind) => kind switch
    {
        PlaceChangeKind.Closure or PlaceChangeKind.Hours when change.Field.StartsWith("Fermeture", StringComparison.Ordinal) || change.Field.StartsWith("Horaires exceptionnels", StringComparison.Ordinal)
            => $"{change.Field} : {change.After}",
        _ => change.Field,
    };

    /// <summary>Reads a revision's changes without loading the entity.</summary>
    private readonly record struct SheetRevisionChanges(string Json)
    {
        public IReadOnlyList<FieldChange> List => System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(Json) ?? [];
    }
}
