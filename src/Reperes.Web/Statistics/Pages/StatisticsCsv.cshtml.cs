using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Statistics.Pages;

/// <summary>
/// The numbers of one table of the statistics pages as CSV (<c>?tableau=communes&amp;annee=2026</c>): the same table
/// object the page lays out, headings in the interface's language, numbers without separators.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class StatisticsCsvModel(UsageStatistics statistics, UnmetNeeds unmetNeeds, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "tableau")] string? table, [FromQuery(Name = "annee")] string? year)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var period = StatisticsPeriod.Parse(year, clock.GetUtcNow());
        if (period is null)
        {
            return BadRequest(l["Cette année n’est pas une période possible."].Value);
        }

        // Without a table named, the one of everything counted month by month.
        table ??= UsageStatistics.Activity;
        if (table != UnmetNeeds.Code && !UsageStatistics.Codes.Contains(table))
        {
            return NotFound(l["Ce tableau n’existe pas."].Value);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"reperes-{table}-{(period.Year?.ToString(CultureInfo.InvariantCulture) ?? "12-mois")}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        if (table == UnmetNeeds.Code)
        {
            csv.WriteHeader(UnmetNeedsTable.Header(l));
            foreach (var line in await unmetNeeds.LinesAsync(period, cancellationToken))
            {
                foreach (var field in UnmetNeedsTable.Fields(line, l))
                {
                    csv.WriteField(field);
                }

                await csv.EndRecordAsync(cancellationToken);
            }
        }
        else
        {
            var data = await statistics.TableAsync(table, period, cancellationToken);
            csv.WriteHeader([data.RowHeader, .. data.Columns]);
            foreach (var row in data.Rows)
            {
                csv.WriteField(row.Label);
                foreach (var value in row.Values)
                {
                    csv.WriteField(value.ToString(CultureInfo.InvariantCulture));
                }

                await csv.EndRecordAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}
