using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Usage;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>A structure's staff read, month by month, what their own sheet was used for, and nothing of another's.</summary>
public sealed class SheetStatisticsTests
{
    private static readonly DateTimeOffset October = new(2026, 10, 14, 15, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset November = new(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OnGet_EditorOfTheStructure_SeesItsOwnMonthsOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var ozanam = await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync();
            var other = await db.Structures.Where(s => s.Slug != Ozanam).Select(s => s.Id).FirstAsync();
            void Add(int count, UsageKind kind, int structure, DateTimeOffset at) =>
                db.UsageEvents.AddRange(Enumerable.Range(0, count).Select(_ => new UsageEvent(new UsageFact(kind) { StructureId = structure }, at)));
            Add(3, UsageKind.SheetView, ozanam, October);
            Add(2, UsageKind.Call, ozanam, October);
            Add(1, UsageKind.Directions, ozanam, October);
            Add(1, UsageKind.SlipPlace, ozanam, November);
            Add(1, UsageKind.Referral, ozanam, November);
            // Another structure's use, and a search that names no structure: neither is Ozanam's.
            Add(5, UsageKind.SheetView, other, October);
            Add(4, UsageKind.Search, 0, October);
            await db.SaveChangesAsync();
            return 0;
        });

        var client = await LoggedInAsync(app, Editor);
        var (response, page) = await client.GetPageAsync(Area("statistiques"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        string[] Row(string month) => page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == month)
            .QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        Row("octobre 2026").ShouldBe(["3", "2", "1", "0", "0", "0", "0"]);
        Row("novembre 2026").ShouldBe(["0", "0", "0", "0", "0", "1", "1"]);
        Row("décembre 2025").ShouldBe(["0", "0", "0", "0", "0", "0", "0"]);
        page.QuerySelectorAll("tbody tr").Length.ShouldBe(12);
        page.QuerySelector("tfoot tr")!.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["3", "2", "1", "0", "0", "1", "1"]);
    }
}
