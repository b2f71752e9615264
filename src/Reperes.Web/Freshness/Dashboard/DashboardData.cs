using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Freshness.Reports;

namespace Reperes.Web.Freshness.Dashboard;

/// <summary>One structure as the dashboard and its CSV see it.</summary>
public sealed record StructureFacts(
    int Id,
    string Name,
    string Slug,
    StructureStatus Status,
    string? City,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    int FrequencyMonths,
    FreshnessState State,
    DateTimeOffset DueAt,
    int QualityPoints,
    IReadOnlyList<int> NeedIds,
    int OpenReports,
    int Managers,
    int ActiveMembers)
{
    public QualityBand QualityBand => SheetQuality.BandOf(QualityPoints);
}

/// <summary>
/// Every structure as the dashboard and its CSV need it, in (status, name) order: the facts that do not depend on the
/// time (read from the database once per version of the data, see <see cref="DashboardSnapshots"/>), from which
/// each request computes the states, scores and active members of its instant, in memory.
/// </summary>
public sealed class DashboardData(ReperesDbContext db, DashboardSnapshots snapshots)
{
    public async Task<DashboardView> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(db, now, cancellationToken);
        // The categories' needs are read each time (a few rows): the taxonomy has no trigger.
        var needs = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.NeedId }).ToDictionaryAsync(c => c.Id, c => c.NeedId, cancellationToken);
        return new DashboardView(snapshot, needs);
    }
}

/// <summary>A snapshot with the needs of today's categories.</summary>
public sealed class DashboardView(DashboardSnapshot snapshot, IReadOnlyDictionary<int, int> needOfCategory)
{
    /// <summary>How many structures there are (online or not).</summary>
    public int Count => snapshot.Count;

    /// <summary>Every structure with its state, due date, score and active members at <paramref name="now"/>.</summary>
    public IEnumerable<StructureFacts> Structures(DateTimeOffset now) => snapshot.Structures(now, needOfCategory);

    /// <summary>Gives the history the verifications and sheet revisions recorded since its horizon.</summary>
    public void AddEvents(FreshnessHistory history) => snapshot.AddEvents(history);
}

/// <summary>What one structure's row, services, team, reports and recent events say, whatever the time.</summary>
internal sealed record StructureRecord(
    int Id,
    string Name,
    string Slug,
    StructureStatus Status,
    string? City,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    int FrequencyMonths,
    DateTimeOffset? UnverifiedSince,
    DateTimeOffset DueAt,
    DateTimeOffset OverdueAt,
    int[] PointsByState,
    int[] CategoryIds,
    int OpenReports,
    int Managers,
    DateTimeOffset?[] MemberLockouts,
    DateTimeOffset[] Verifications,
    DateTimeOffset[] Revisions);

/// <summary>The structures' time-independent facts at one version of the data.</summary>
public sealed class DashboardSnapshot
{
    private readonly IReadOnlyList<StructureRecord> structures;

    internal DashboardSnapshot(IReadOnlyList<StructureRecord> structures, DateTimeOffset horizon)
    {
        this.structures = structures;
        Horizon = horizon;
    }

    /// <summary>Verifications and revisions are kept from this instant on.</summary>
    public DateTimeOffset Horizon { get; }

    public int Count => structures.Count;

    internal IEnumerable<StructureFacts> Structures(DateTimeOffset now, IReadOnlyDictionary<int, int> needs)
    {
        foreach (var s in structures)
        {
            var state = FreshnessRules.StateOf(s.DueAt, s.OverdueAt, s.UnverifiedSince, now);
            var active = 0;
            foreach (var lockout in s.MemberLockouts)
            {
                active += lockout is { } end && end > now ? 0 : 1;
            }

            yield return new StructureFacts(
                s.Id,
                s.Name,
                s.Slug,
                s.Status,
                s.City,
                s.CreatedAt,
                s.UpdatedAt,
                s.VerifiedAt,
                s.FrequencyMonths,
                state,
                s.DueAt,
                s.PointsByState[(int)state],
                NeedsOf(s.CategoryIds, needs),
                s.OpenReports,
                s.Managers,
                active);
        }
    }

    internal void AddEvents(FreshnessHistory history)
    {
        foreach (var s in structures)
        {
            foreach (var at in s.Verifications)
            {
                history.Verified(s.Id, at);
            }

            foreach (var at in s.Revisions)
            {
                history.Updated(s.Id, at);
            }
        }
    }

    private static int[] NeedsOf(int[] categories, IReadOnlyDictionary<int, int> needs)
    {
        if (categories.Length == 0)
        {
            return [];
        }

        var result = new List<int>(categories.Length);
        foreach (var category in categories)
        {
            if (needs.TryGetValue(category, out var need) && !result.Contains(need))
            {
                result.Add(need);
            }
        }

        return [.. result];
    }
}

/// <summary>
/// Keeps the <see cref="DashboardSnapshot"/> of the current version of the data (a singleton): built by one pass over
/// the structures, services, teams, reports and recent events, then reused by every request until a change moves
/// <see cref="CoordinationChanges"/>.
/// </summary>
public sealed class DashboardSnapshots(HoursEvaluator hours)
{
    private readonly VersionedSnapshot<DashboardSnapshot> snapshot = new();

    public Task<DashboardSnapshot> GetAsync(ReperesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = new FreshnessHistory(now).Horizon;
        // Kept events start at the horizon of the build: a request whose horizon is earlier (a clock set back) builds again.
        return snapshot.GetAsync(db, token => BuildAsync(db, horizon, token), cancellationToken, kept => kept.Horizon <= horizon);
    }

    private sealed class ServiceTally
    {
        public int Count;
        public int Described;
        public int OwnHoursValid;
        public int OwnHoursMissing;
        public List<int> Categories { get; } = new(2);
    }

    private async Task<DashboardSnapshot> BuildAsync(ReperesDbContext db, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        var services = new Dictionary<int, ServiceTally>();
        var serviceRows = db.Services.AsNoTracking()
            .Select(s => new { s.StructureId, DescriptionLength = s.Description.Trim().Length, s.OpeningHours, s.CategoryId })
            .AsAsyncEnumerable();
        await foreach (var s in serviceRows.WithCancellation(cancellationToken))
        {
            if (!services.TryGetValue(s.StructureId, out var tally))
            {
                services[s.StructureId] = tally = new ServiceTally();
            }

            tally.Count++;
            tally.Described += s.DescriptionLength >= SheetQuality.DescribedServiceLength ? 1 : 0;
            if (string.IsNullOrWhiteSpace(s.OpeningHours))
            {
                tally.OwnHoursMissing++;
            }
            else if (hours.Schedule(s.OpeningHours) is not null)
            {
                tally.OwnHoursValid++;
            }

            if (!tally.Categories.Contains(s.CategoryId))
            {
                tally.Categories.Add(s.CategoryId);
            }
        }

        var teams = new Dictionary<int, (int Managers, List<DateTimeOffset?> Lockouts)>();
        var memberRows = db.Memberships.AsNoTracking()
            .Select(m => new { m.StructureId, m.Role, m.User.LockoutEnd })
            .AsAsyncEnumerable();
        await foreach (var m in memberRows.WithCancellation(cancellationToken))
        {
            if (!teams.TryGetValue(m.StructureId, out var team))
            {
                teams[m.StructureId] = team = (0, []);
            }

            team.Lockouts.Add(m.LockoutEnd);
            teams[m.StructureId] = (team.Managers + (m.Role == MembershipRole.Manager ? 1 : 0), team.Lockouts);
        }

        var reports = await db.SheetReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Open || r.Status == ReportStatus.InProgress)
            .GroupBy(r => r.StructureId)
            .Select(g => new { StructureId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.StructureId, g => g.Count, cancellationToken);

        var verifications = await EventsAsync(db.Verifications.AsNoTracking().Where(v => v.At > horizon).Select(v => new Event(v.StructureId, v.At)), cancellationToken);
        var revisions = await EventsAsync(db.SheetRevisions.AsNoTracking().Where(r => r.At > horizon).Select(r => new Event(r.StructureId, r.At)), cancellationToken);

        var structures = new List<StructureRecord>();
        var rows = db.Structures.AsNoTracking()
            .OrderBy(s => s.Status).ThenBy(s => s.SortName).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Slug,
                s.Status,
                s.City,
                s.CommuneCode,
                HasContact = s.Phones != "" || (s.Email != null && s.Email != ""),
                HasAddress = s.Street != null && s.PostalCode != null && s.City != null && s.CommuneCode != null && s.Latitude != null && s.Longitude != null,
                s.OpeningHours,
                DescriptionLength = s.Description.Trim().Length,
                s.CreatedAt,
                s.UpdatedAt,
                s.VerifiedAt,
                s.UpdateFrequencyMonths,
                s.UnverifiedSince,
            })
            .AsAsyncEnumerable();
        await foreach (var s in rows.WithCancellation(cancellationToken))
        {
            var tally = services.GetValueOrDefault(s.Id);
            var team = teams.GetValueOrDefault(s.Id);
            var due = FreshnessRules.DueAt(s.VerifiedAt, s.UpdatedAt, s.CreatedAt, s.UpdateFrequencyMonths);
            var structureHours = SheetQuality.HoursOf(s.OpeningHours, hours);
            // The score depends on the time only through the state: computed once for each state.
            var pointsByState = Enum.GetValues<FreshnessState>().Select(state => SheetQuality.Score(new QualityFacts(
                s.HasContact,
                s.HasAddress,
                !string.IsNullOrWhiteSpace(s.CommuneCode) || !string.IsNullOrWhiteSpace(s.City),
                structureHours,
                tally?.Count ?? 0,
                tally?.Described ?? 0,
                tally is null ? 0 : tally.OwnHoursValid + (structureHours == HoursQuality.Valid ? tally.OwnHoursMissing : 0),
                s.DescriptionLength,
                state)).Points).ToArray();
            structures.Add(new StructureRecord(
                s.Id,
                s.Name,
                s.Slug,
                s.Status,
                s.City,
                s.CreatedAt,
                s.UpdatedAt,
                s.VerifiedAt,
                s.UpdateFrequencyMonths,
                s.UnverifiedSince,
                due,
                FreshnessRules.OverdueAt(due, s.UpdateFrequencyMonths),
                pointsByState,
                tally is null ? [] : [.. tally.Categories],
                reports.GetValueOrDefault(s.Id),
                team.Managers,
                team.Lockouts is null ? [] : [.. team.Lockouts],
                verifications.TryGetValue(s.Id, out var verified) ? [.. verified] : [],
                revisions.TryGetValue(s.Id, out var revised) ? [.. revised] : []));
        }

        return new DashboardSnapshot(structures, horizon);
    }

    private sealed record Event(int StructureId, DateTimeOffset At);

    private static async Task<Dictionary<int, List<DateTimeOffset>>> EventsAsync(IQueryable<Event> events, CancellationToken cancellationToken)
    {
        var byStructure = new Dictionary<int, List<DateTimeOffset>>();
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!byStructure.TryGetValue(e.StructureId, out var list))
            {
                byStructure[e.StructureId] = list = [];
            }

            list.Add(e.At);
        }

        return byStructure;
    }
}
