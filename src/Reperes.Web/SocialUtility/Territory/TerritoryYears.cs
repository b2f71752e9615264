using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Territory;

/// <summary>The years one may ask the territory's figures for (those where a validated period ended, and the current one), and the one shown first.</summary>
public sealed record TerritoryYears(IReadOnlyList<int> Years, int Latest)
{
    public static async Task<TerritoryYears> ListAsync(ReperesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ends = await db.ActionPeriods.Where(p => p.Status == PeriodStatus.Validated).Select(p => p.EndsOn).Distinct().ToListAsync(cancellationToken);
        var current = HoursEvaluator.LocalDate(now).Year;
        var withData = ends.Select(d => d.Year).ToList();
        return new(withData.Append(current).Distinct().OrderDescending().ToList(), withData.Count == 0 ? current : withData.Max());
    }

    /// <summary>The year asked (?annee=2025) when it is one of the years; else the latest with a validated period.</summary>
    public int Choose(string? asked) =>
        int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && Years.Contains(year) ? year : Latest;
}
