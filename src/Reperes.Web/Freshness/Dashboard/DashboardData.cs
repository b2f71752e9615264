using Microsoft.EntityFrameworkCore;
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
    QualityScore Quality,
    IReadOnlyList<int> NeedIds,
    int OpenReports,
    int Managers,
    int ActiveMembers);

/// <summary>
/// Reads every structure once, as a stream, with what the dashboard needs of its services, team and reports: the
/// small per-structure aggregates are loaded first (one grouped pass each), then the structures are streamed in
/// (status, name) order, so that 100,000 structures never sit in memory as entities.
/// </summary>
public sealed class DashboardData(ReperesDbContext db, HoursEvaluator hours)
{
    private sealed class ServiceTally
    {
        public int Count;
        public int Described;
        public int OwnHoursValid;
        public int OwnHoursMissing;
        public List<int> Needs { get; } = new(2);
    }

    public async IAsyncEnumerable<StructureFacts> StructuresAsync(DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var services = new Dictionary<int, ServiceTally>();
        var serviceRows = db.Services.AsNoTracking()
            .Select(s => new { s.StructureId, DescriptionLength = s.Description.Trim().Length, s.OpeningHours, s.Category.NeedId })
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

            if (!tally.Needs.Contains(s.NeedId))
            {
                tally.Needs.Add(s.NeedId);
            }
        }

        var teams = new Dictionary<int, (int Managers, int Active)>();
        var memberRows = db.Memberships.AsNoTracking()
            .Select(m => new { m.StructureId, m.Role, Locked = m.User.LockoutEnd != null && m.User.LockoutEnd > now })
            .AsAsyncEnumerable();
        await foreach (var m in memberRows.WithCancellation(cancellationToken))
        {
            var (managers, active) = teams.GetValueOrDefault(m.StructureId);
            teams[m.StructureId] = (managers + (m.Role == MembershipRole.Manager ? 1 : 0), active + (m.Locked ? 0 : 1));
        }

        var reports = await db.SheetReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Open || r.Status == ReportStatus.InProgress)
            .GroupBy(r => r.StructureId)
            .Select(g => new { StructureId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.StructureId, g => g.Count, cancellationToken);

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
            var structureHours = SheetQuality.HoursOf(s.OpeningHours, hours);
            var state = FreshnessRules.StateOf(s.VerifiedAt, s.UpdatedAt, s.CreatedAt, s.UpdateFrequencyMonths, s.UnverifiedSince, now);
            var facts = new QualityFacts(
                s.HasContact,
                s.HasAddress,
                !string.IsNullOrWhiteSpace(s.CommuneCode) || !string.IsNullOrWhiteSpace(s.City),
                structureHours,
                tally?.Count ?? 0,
                tally?.Described ?? 0,
                tally is null ? 0 : tally.OwnHoursValid + (structureHours == HoursQuality.Valid ? tally.OwnHoursMissing : 0),
                s.DescriptionLength,
                state);
            var (managers, active) = teams.GetValueOrDefault(s.Id);
            yield return new StructureFacts(
                s.Id,
                s.Name,
                s.Slug,
                s.Status,
                s.City,
                s.CreatedAt,
                s.UpdatedAt,
                s.VerifiedAt,
                s.UpdateFrequencyMonths,
                state,
                FreshnessRules.DueAt(s.VerifiedAt, s.UpdatedAt, s.CreatedAt, s.UpdateFrequencyMonths),
                SheetQuality.Score(facts),
                (IReadOnlyList<int>?)tally?.Needs ?? [],
                reports.GetValueOrDefault(s.Id),
                managers,
                active);
        }
    }
}
