using System.Globalization;
using AngleSharp.Dom;
using Reperes.Web.Core.Usage;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Statistics;

/// <summary>Events inserted as features count them, and the statistics pages' tables and CSV read back.</summary>
public static class StatisticsTestData
{
    public const string Page = "/mon-espace/coordination/statistiques";
    public const string Coordinator = "coordination@demo.reperes.example";

    /// <summary>A local time in Brest (the test clock says Tuesday 24 November 2026, 10:00).</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour) => new(year, month, day, hour, 15, 0, TimeSpan.FromHours(1));

    /// <summary>Events as features would count them, written straight to the database.</summary>
    public static Task AddEventsAsync(ReperesApp app, params (UsageFact Fact, DateTimeOffset At, int Times)[] events) => app.WithDbAsync(async db =>
    {
        foreach (var (fact, at, times) in events)
        {
            for (var i = 0; i < times; i++)
            {
                db.UsageEvents.Add(new UsageEvent(fact, at));
            }
        }

        return await db.SaveChangesAsync();
    });

    /// <summary>A table of the page by its code: each row's heading and its numbers (separators of thousands removed).</summary>
    public static List<(string Label, List<int> Values)> Cells(IDocument page, string code)
    {
        var table = page.QuerySelector($"table[data-table='{code}']");
        table.ShouldNotBeNull(code);
        return table.QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelectorAll("td").Select(td => Number(td.TextContent)).ToList()))
            .ToList();
    }

    /// <summary>A table of the page as comparable lines: "label: 1 2 3".</summary>
    public static List<string> Table(IDocument page, string code) => Cells(page, code).Select(r => Row(r.Label, [.. r.Values])).ToList();

    /// <summary>A row as <see cref="Table"/> gives it.</summary>
    public static string Row(string label, params int[] values) => label + ": " + string.Join(' ', values);

    public static int Number(string text) => int.Parse(new string(text.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
}
