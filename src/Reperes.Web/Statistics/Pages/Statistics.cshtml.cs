using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Statistics.Pages;

/// <summary>
/// The coordinator's statistics of the guide's use over a period: searches by need and week, by commune, by hour of
/// the week, the places most consulted, orientations by need, API and exports; each a chart, a table and a CSV.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class StatisticsModel(UsageStatistics statistics, TimeProvider clock) : PageModel
{
    public StatisticsPeriod Period { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public StatisticsTable ByWeek { get; private set; } = null!;

    public StatisticsTable ByCommune { get; private set; } = null!;

    public StatisticsTable ByHour { get; private set; } = null!;

    public StatisticsTable Places { get; private set; } = null!;

    public StatisticsTable Orientations { get; private set; } = null!;

    public StatisticsTable ApiAndExports { get; private set; } = null!;

    public StatisticsTable Activity { get; private set; } = null!;

    /// <summary>Said when the period asked for is not one (a year in the future, letters).</summary>
    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "annee")] string? year)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        var period = StatisticsPeriod.Parse(year, now);
        if (period is null)
        {
            PeriodError = "Cette année n’est pas une période possible : voici les 12 derniers mois.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            period = StatisticsPeriod.LastTwelveMonths(now);
        }

        Period = period;
        Years = await statistics.YearsAsync(period.Today, cancellationToken);
        ByWeek = await statistics.SearchesByNeedAndWeekAsync(period, cancellationToken);
        ByCommune = await statistics.SearchesByCommuneAsync(period, cancellationToken);
        ByHour = await statistics.SearchesByHourAsync(period, cancellationToken);
        Places = await statistics.PlacesMostConsultedAsync(period, cancellationToken);
        Orientations = await statistics.OrientationsByNeedAsync(period, cancellationToken);
        ApiAndExports = await statistics.ApiAndExportsAsync(period, cancellationToken);
        Activity = await statistics.ActivityByMonthAsync(period, cancellationToken);
        return Page();
    }
}
