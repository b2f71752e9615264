using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Statistics.Pages;

/// <summary>The yearly activity report of the network, a page made to be printed (A4) and handed to funders.</summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class ActivityReportModel(ActivityReport report, TimeProvider clock) : PageModel
{
    public ActivityReportData Data { get; private set; } = null!;

    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "annee")] string? year)
    {
        var now = clock.GetUtcNow();
        var thisYear = HoursEvaluator.LocalDate(now).Year;
        var period = string.IsNullOrWhiteSpace(year) ? StatisticsPeriod.OfYear(thisYear, now)
            : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? StatisticsPeriod.OfYear(value, now)
            : null;
        if (period is null)
        {
            PeriodError = "Cette année n’est pas une période possible : voici l’année en cours.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            period = StatisticsPeriod.OfYear(thisYear, now)!;
        }

        Data = await report.ForAsync(period, now, HttpContext.RequestAborted);
        return Page();
    }
}
