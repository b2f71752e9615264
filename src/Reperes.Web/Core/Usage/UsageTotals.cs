using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Usage;

/// <summary>The facts a count is broken down by (the month and the kind always are).</summary>
[Flags]
public enum UsageDimensions
{
    None = 0,
    Need = 1,
    Category = 2,
    Commune = 4,
    Structure = 8,
    Detail = 16,
    Words = 32,
    Results = 64,
}

/// <summary>A count of one kind in one month, for one combination of the asked dimensions (the others empty, 0 or -1).</summary>
public sealed record UsageTotal(DateOnly Month, UsageKind Kind, string NeedCode, string CategoryCode, string Commune, int StructureId, string Detail, string Words, short Results, int Total);

/// <summary>
/// Monthly counts read the same way from the raw events and from the monthly totals they were folded into, so
/// that a statistic does not change when its month passes the retention period.
/// </summary>
public static class UsageTotals
{
    /// <summary>
    /// Counts of <paramref name="kinds"/> from month <paramref name="from"/> to month <paramref name="to"/> (first days
    /// of months, both included), by month, kind and <paramref name="by"/>; for one structure when given.
    /// </summary>
    public static async Task<IReadOnlyList<UsageTotal>> MonthlyAsync(ReperesDbContext db, IReadOnlyCollection<UsageKind> kinds, DateOnly from, DateOnly to, UsageDimensions by, int? structureId, CancellationToken cancellationToken)
    {
        bool need = by.HasFlag(UsageDimensions.Need), category = by.HasFlag(UsageDimensions.Category), commune = by.HasFlag(UsageDimensions.Commune),
            structure = by.HasFlag(UsageDimensions.Structure), detail = by.HasFlag(UsageDimensions.Detail), words = by.HasFlag(UsageDimensions.Words),
            results = by.HasFlag(UsageDimensions.Results);
        var kindList = kinds.ToList();

        var raw = await db.UsageEvents
            .Where(e => kindList.Contains(e.Kind) && e.Month >= from && e.Month <= to && (structureId == null || e.StructureId == structureId))
            .GroupBy(e => new
            {
                e.Month,
                e.Kind,
                NeedCode = need ? e.NeedCode : "",
                CategoryCode = category ? e.CategoryCode : "",
                Commune = commune ? e.Commune : "",
                StructureId = structure ? e.StructureId : 0,
                Detail = detail ? e.Detail : "",
                Words = words ? e.Words : "",
                Results = results ? e.Results : (short)-1,
            })
            .Select(g => new UsageTotal(g.Key.Month, g.Key.Kind, g.Key.NeedCode, g.Key.CategoryCode, g.Key.Commune, g.Key.StructureId, g.Key.Detail, g.Key.Words, g.Key.Results, g.Count()))
            .ToListAsync(cancellationToken);

        var folded = await db.UsageMonths
            .Where(m => kindList.Contains(m.Kind) && m.Month >= from && m.Month <= to && (structureId == null || m.StructureId == structureId))
            .GroupBy(m => new
            {
                m.Month,
                m.Kind,
                NeedCode = need ? m.NeedCode : "",
                CategoryCode = category ? m.CategoryCode : "",
                Commune = commune ? m.Commune : "",
                StructureId = structure ? m.StructureId : 0,
                Detail = detail ? m.Detail : "",
                Words = words ? m.Words : "",
                Results = results ? m.Results : (short)-1,
            })
            .Select(g => new UsageTotal(g.Key.Month, g.Key.Kind, g.Key.NeedCode, g.Key.CategoryCode, g.Key.Commune, g.Key.StructureId, g.Key.Detail, g.Key.Words, g.Key.Results, g.Sum(m => m.Total)))
            .ToListAsync(cancellationToken);

        // A month partly folded has rows on both sides: they add up.
        return raw.Concat(folded)
            .GroupBy(t => t with { Total = 0 })
            .Select(g => g.Key with { Total = g.Sum(t => t.Total) })
            .OrderBy(t => t.Month)
            .ToList();
    }
}
