using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Dashboard;

/// <summary>
/// Every structure in one CSV for the coordination's spreadsheets: written as the structures are read, so that
/// 100,000 rows never sit in memory. Headers and values in French (the coordination's language); dates ISO 8601.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class DashboardCsvModel(ReperesDbContext db, DashboardData data, TimeProvider clock) : PageModel
{
    public static readonly string[] Header =
        ["nom", "adresse_fiche", "etat_publication", "besoins", "commune", "mise_a_jour", "verifiee", "frequence_mois", "fraicheur", "a_verifier_le", "qualite", "signalements_ouverts", "gestionnaires"];

    public async Task<IActionResult> OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var aborted = HttpContext.RequestAborted;
        var needs = await db.Needs.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.NameFr, HttpContext.RequestAborted);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"reperes-structures-{now:yyyy-MM-dd}.csv\"";
        // UTF-8 with a byte order mark, so that a spreadsheet opens the accents right; a name starting with = + - @
        // is escaped, not run as a formula by the spreadsheet that opens the file.
        // Written in blocks of 64 KB rather than a few bytes at a time into the response.
        var body = new BufferedStream(Response.Body, 1 << 16);
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(Header);
        var view = await data.ReadAsync(now, HttpContext.RequestAborted);
        var needLists = new Dictionary<long, string>();
        var days = new Dictionary<long, string>();
        foreach (var s in view.Structures(now))
        {
            csv.WriteField(s.Name);
            csv.WriteField(s.Slug);
            csv.WriteField(StatusCode(s.Status));
            csv.WriteField(NeedList(s.NeedIds, needs, needLists));
            csv.WriteField(s.City ?? "");
            csv.WriteField(Day(s.UpdatedAt, days));
            csv.WriteField(s.VerifiedAt is { } verified ? Day(verified, days) : "");
            csv.WriteField(s.FrequencyMonths.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(StateCode(s.State));
            csv.WriteField(Day(s.DueAt, days));
            csv.WriteField(s.QualityPoints.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(s.OpenReports.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(s.Managers.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(aborted);
        }

        await csv.FlushAsync(HttpContext.RequestAborted);
        await body.FlushAsync(HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public static string StatusCode(StructureStatus status) => status switch
    {
        StructureStatus.Draft => "brouillon",
        StructureStatus.Online => "en-ligne",
        StructureStatus.Offline => "hors-ligne",
        StructureStatus.PermanentlyClosed => "fermee",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string StateCode(FreshnessState state) => state switch
    {
        FreshnessState.Fresh => "a-jour",
        FreshnessState.Due => "a-verifier",
        FreshnessState.Overdue => "en-retard",
        FreshnessState.Unverified => "non-verifiee",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static string Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, HoursEvaluator.Zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local day of an instant, remembered per quarter of an hour (time zones move by whole quarters).</summary>
    private static string Day(DateTimeOffset at, Dictionary<long, string> days)
    {
        var quarter = at.UtcTicks / (TimeSpan.TicksPerMinute * 15);
        if (!days.TryGetValue(quarter, out var day))
        {
            days[quarter] = day = Day(at);
        }

        return day;
    }

    /// <summary>The needs' names in order, remembered per set of needs (a bit each while their ids are small).</summary>
    private static string NeedList(IReadOnlyList<int> ids, Dictionary<int, string> names, Dictionary<long, string> lists)
    {
        var key = 0L;
        foreach (var id in ids)
        {
            if (id is < 0 or >= 63)
            {
                return Join(ids, names);
            }

            key |= 1L << id;
        }

        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = Join(ids, names);
        }

        return list;
    }

    private static string Join(IReadOnlyList<int> ids, Dictionary<int, string> names) =>
        string.Join(" | ", ids.Select(id => names.GetValueOrDefault(id, "")).Order(StringComparer.Ordinal));
}
