using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Communes;

namespace Reperes.Web.OpenData.Usage;

/// <summary>
/// One month, need and commune of the guide's use as open data. A cell is null when it counts fewer than the
/// threshold (suppressed so that no small group of people can be singled out); a row whose cells are all suppressed is
/// not published.
/// </summary>
public sealed record UsageAggregateRow(DateOnly Month, string NeedCode, string Commune, string CommuneName, int? Searches, int? SheetViews, int? Contacts, int? SlipPlaces, int? Referrals);

/// <summary>
/// The monthly use of the guide by need and commune (searches, sheets read, taps on a place's contacts, places given on
/// orientation slips, referrals), for whole months, as JSON or CSV: /api/v1/export/usage[.csv]?from=YYYY-MM&amp;to=YYYY-MM.
/// </summary>
public static class UsageAggregates
{
    public const int MaxMonths = 120;

    public static readonly string[] Header = ["month", "need", "commune", "commune_name", "searches", "sheet_views", "contacts", "slip_places", "referrals"];

    private static readonly UsageKind[] Kinds =
        [UsageKind.Search, UsageKind.SheetView, .. UsageKinds.Taps, UsageKind.SlipPlace, UsageKind.Referral];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static RouteGroupBuilder MapUsageAggregates(this RouteGroupBuilder export)
    {
        export.MapGet("/usage", (string? from, string? to, HttpContext context) => Export(from, to, csv: false, context)).WithName("ExportUsage").CountsAs(UsageKind.Export, "usage");
        export.MapGet("/usage.csv", (string? from, string? to, HttpContext context) => Export(from, to, csv: true, context)).WithName("ExportUsageCsv").CountsAs(UsageKind.Export, "usage-csv");
        return export;
    }

    /// <summary>The rows of the months from <paramref name="from"/> to <paramref name="to"/> (first days of months, both included).</summary>
    public static async Task<IReadOnlyList<UsageAggregateRow>> RowsAsync(ReperesDbContext db, FrenchCommunes communes, DateOnly from, DateOnly to, int threshold, CancellationToken cancellationToken)
    {
        var totals = await UsageTotals.MonthlyAsync(db, Kinds, from, to, UsageDimensions.Need | UsageDimensions.Commune, null, cancellationToken);
        int? Cell(IEnumerable<UsageTotal> cell) => cell.Sum(t => t.Total) is var total && total >= threshold ? total : null;
        return totals
            .GroupBy(t => (t.Month, t.NeedCode, t.Commune))
            .Select(g => new UsageAggregateRow(
                g.Key.Month,
                g.Key.NeedCode,
                g.Key.Commune,
                communes.ByCode(g.Key.Commune)?.Name ?? "",
                Cell(g.Where(t => t.Kind == UsageKind.Search)),
                Cell(g.Where(t => t.Kind == UsageKind.SheetView)),
                Cell(g.Where(t => t.Kind.IsTap())),
                Cell(g.Where(t => t.Kind == UsageKind.SlipPlace)),
                Cell(g.Where(t => t.Kind == UsageKind.Referral))))
            .Where(r => r.Searches is not null || r.SheetViews is not null || r.Contacts is not null || r.SlipPlaces is not null || r.Referrals is not null)
            .OrderBy(r => r.Month).ThenBy(r => r.NeedCode, StringComparer.Ordinal).ThenBy(r => r.Commune, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<UsageAggregateDocument>, ProblemHttpResult>> Export(string? from, string? to, bool csv, HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<UsageOptions>>().Value;
        var today = HoursEvaluator.LocalDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        // Whole months only: the month under way is not over.
        var lastComplete = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (!TryMonth(to, lastComplete, out var last) || !TryMonth(from, last.AddMonths(-11), out var first))
        {
            return Problem("The 'from' and 'to' parameters are months written YYYY-MM (for example 2026-01).");
        }

        if (last > lastComplete)
        {
            last = lastComplete;
        }

        if (first > last)
        {
            return Problem($"'from' must come before 'to', and the last month published is {lastComplete:yyyy-MM} (the month under way is not over).");
        }

        if (first.AddMonths(MaxMonths - 1) < last)
        {
            return Problem($"At most {MaxMonths} months at once.");
        }

        var rows = await RowsAsync(services.GetRequiredService<ReperesDbContext>(), services.GetRequiredService<FrenchCommunes>(), first, last, options.OpenDataThreshold, context.RequestAborted);
        if (!csv)
        {
            return TypedResults.Json(new UsageAggregateDocument(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), last.ToString("yyyy-MM", CultureInfo.InvariantCulture), options.OpenDataThreshold, rows.Select(UsageAggregateItem.Of).ToList()), Json);
        }

        return TypedResults.File(Csv(rows), "text/csv; charset=utf-8", $"reperes-usage-{first:yyyy-MM}-{last:yyyy-MM}.csv");
    }

    private static byte[] Csv(IReadOnlyList<UsageAggregateRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var row in rows)
            {
                csv.WriteField(row.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                csv.WriteField(row.NeedCode);
                csv.WriteField(row.Commune);
                csv.WriteField(row.CommuneName);
                foreach (var cell in new[] { row.Searches, row.SheetViews, row.Contacts, row.SlipPlaces, row.Referrals })
                {
                    csv.WriteField(cell?.ToString(CultureInfo.InvariantCulture) ?? "");
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    private static bool TryMonth(string? text, DateOnly fallback, out DateOnly month)
    {
        month = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Year >= 2000);
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(title: "Invalid period", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>The JSON document of the aggregates: the period, the threshold under which a cell is null, the rows.</summary>
public sealed record UsageAggregateDocument(string From, string To, int SuppressedUnder, IReadOnlyList<UsageAggregateItem> Rows);

public sealed record UsageAggregateItem(string Month, string Need, string Commune, string CommuneName, int? Searches, int? SheetViews, int? Contacts, int? SlipPlaces, int? Referrals)
{
    public static UsageAggregateItem Of(UsageAggregateRow row) =>
        new(row.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), row.NeedCode, row.Commune, row.CommuneName, row.Searches, row.SheetViews, row.Contacts, row.SlipPlaces, row.Referrals);
}
