using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness.Dashboard;
using Reperes.Web.Freshness.Pages;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Freshness;

/// <summary>
/// The dashboard and its CSV compute from facts kept in memory per version of the data: the same figures as the rules
/// applied to each loaded sheet, and a change written by any means (here straight in the database) shows at once.
/// </summary>
public sealed class DashboardSnapshotTests
{
    private const string Dashboard = "/mon-espace/coordination/tableau-de-bord";
    private const string Coordinator = "coordination@demo.reperes.example";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Csv_GeneratedStructures_EveryRowEqualsTheRulesAppliedOneByOne(string engine)
    {
        await using var app = new ReperesApp(engine);
        _ = app.Server;
        await ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services).GenerateAsync(300, 7);
        var hours = app.Services.GetRequiredService<HoursEvaluator>();
        var now = app.Clock.GetUtcNow();
        var (structures, needNames, managers) = await app.WithDbAsync(async db => (
            await db.Structures.AsNoTracking().Include(s => s.Services).ThenInclude(v => v.Category).AsSplitQuery().ToListAsync(),
            await db.Needs.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.NameFr),
            await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Manager).GroupBy(m => m.StructureId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count)));
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var text = await client.GetStringAsync(Dashboard + ".csv");

        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(structures.Count);
        var simple = rows.Where(f => f.Length == DashboardCsvModel.Header.Length).ToList();
        simple.Count.ShouldBeGreaterThan(structures.Count / 2, "most names have no comma: the row splits simply");
        foreach (var row in simple)
        {
            var s = structures.Single(x => x.Slug == row[1]);
            row[2].ShouldBe(DashboardCsvModel.StatusCode(s.Status), s.Slug);
            row[3].ShouldBe(string.Join(" | ", s.Services.Select(v => v.Category.NeedId).Distinct().Select(n => needNames[n]).Order(StringComparer.Ordinal)), s.Slug);
            row[8].ShouldBe(DashboardCsvModel.StateCode(FreshnessRules.StateOf(s, now)), s.Slug);
            row[10].ShouldBe(SheetQuality.Of(s, hours, now).Points.ToString(CultureInfo.InvariantCulture), s.Slug);
            row[12].ShouldBe(managers.GetValueOrDefault(s.Id).ToString(CultureInfo.InvariantCulture), s.Slug);
        }

        var (_, page) = await client.GetPageAsync(Dashboard);
        var online = structures.Where(s => s.Status == StructureStatus.Online).ToList();
        var states = page.QuerySelectorAll("section[aria-labelledby=overview] table").First().QuerySelectorAll("tbody tr").ToList();
        foreach (var state in Enum.GetValues<FreshnessState>())
        {
            var row = states.Single(r => r.QuerySelector("th")!.TextContent == FreshnessLabels.StateKey(state));
            row.QuerySelector("td")!.TextContent.ShouldBe(online.Count(s => FreshnessRules.StateOf(s, now) == state).ToString(CultureInfo.InvariantCulture), state.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Dashboard_ChangeWrittenStraightInTheDatabase_ShowsOnTheNextRequest(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, before) = await client.GetPageAsync(Dashboard);
        var late = int.Parse(before.QuerySelector("#late")!.TextContent.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        var now = app.Clock.GetUtcNow();
        var (name, slug) = await app.WithDbAsync(async db =>
        {
            var fresh = (await db.Structures.AsNoTracking().Where(s => s.Status == StructureStatus.Online && s.UnverifiedSince == null).ToListAsync())
                .First(s => FreshnessRules.StateOf(s, now) is FreshnessState.Fresh or FreshnessState.Due);
            // Not through the application: only the database knows.
            await db.Structures.Where(s => s.Id == fresh.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.UnverifiedSince, now));
            await db.Services.Where(v => v.StructureId == fresh.Id).ExecuteDeleteAsync();
            return (fresh.Name, fresh.Slug);
        });

        var (response, after) = await client.GetPageAsync(Dashboard);
        var csv = await client.GetStringAsync(Dashboard + ".csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.QuerySelector("#late")!.TextContent.ShouldBe($"Fiches en retard ou non vérifiées : {late + 1}");
        after.QuerySelectorAll("section[aria-labelledby=late] tbody th").Select(th => th.TextContent).ShouldContain(name);
        var fields = csv.Split("\r\n").Single(l => l.Contains($",{slug},", StringComparison.Ordinal)).Split(',');
        fields[3].ShouldBe("", "its services were deleted");
        fields[8].ShouldBe("non-verifiee");
    }
}
