using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Usage;
using Reperes.Web.Statistics;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using static Reperes.Web.Tests.Statistics.StatisticsTestData;

namespace Reperes.Web.Tests.Statistics;

/// <summary>
/// The coordinator's statistics pages read back against events inserted by the test and counted by hand: each
/// table, its CSV, the yearly report, and the same figures once the old months are folded by the retention.
/// </summary>
public sealed class StatisticsTests
{
    private const string Page = StatisticsTestData.Page;
    private const string Coordinator = StatisticsTestData.Coordinator;
    private const string Brest = "29019";
    private const string Guilers = "29069";

    /// <summary>Two places of the demo (ids and names).</summary>
    private static Task<List<(int Id, string Name)>> TwoPlacesAsync(ReperesApp app) => app.WithDbAsync(async db =>
        (await db.Structures.OrderBy(s => s.Id).Take(2).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList());

    private static async Task SeedAsync(ReperesApp app)
    {
        var places = await TwoPlacesAsync(app);
        await AddEventsAsync(
            app,
            // Tuesday 24 November 10h: three searches of "se nourrir" in Brest.
            (new UsageFact(UsageKind.Search) { NeedCode = "se-nourrir", CategoryCode = "repas", Commune = Brest, Results = 10 }, Local(2026, 11, 24, 10), 3),
            // Monday 16 November 20h: two searches of a category only (its need: a roof) in Guilers.
            (new UsageFact(UsageKind.Search) { CategoryCode = "hebergement-urgence", Commune = Guilers, Results = 4 }, Local(2026, 11, 16, 20), 2),
            // Sunday 22 November 23h: words only, no commune (the week of 16 November).
            (new UsageFact(UsageKind.Search) { Words = "ablutions", Results = 0 }, Local(2026, 11, 22, 23), 1),
            // September of last year: outside the last twelve months.
            (new UsageFact(UsageKind.Search) { NeedCode = "se-nourrir", Commune = Brest, Results = 10 }, Local(2025, 9, 10, 9), 4),
            (new UsageFact(UsageKind.SheetView) { StructureId = places[0].Id }, Local(2026, 11, 20, 9), 4),
            (new UsageFact(UsageKind.Call) { StructureId = places[0].Id }, Local(2026, 11, 20, 9), 1),
            (new UsageFact(UsageKind.SheetView) { StructureId = places[1].Id }, Local(2026, 10, 2, 14), 2),
            (new UsageFact(UsageKind.Directions) { StructureId = places[1].Id }, Local(2026, 10, 2, 14), 3),
            (new UsageFact(UsageKind.Slip) { Detail = "imprimee" }, Local(2026, 11, 3, 11), 1),
            (new UsageFact(UsageKind.SlipPlace) { NeedCode = "se-nourrir", StructureId = places[0].Id }, Local(2026, 11, 3, 11), 2),
            (new UsageFact(UsageKind.Referral) { CategoryCode = "hebergement-urgence", StructureId = places[1].Id }, Local(2026, 11, 5, 16), 1),
            (new UsageFact(UsageKind.Api) { Detail = "search" }, Local(2026, 11, 6, 3), 5),
            (new UsageFact(UsageKind.Api) { Detail = "hsds" }, Local(2026, 8, 6, 3), 1),
            (new UsageFact(UsageKind.Export) { Detail = "data-inclusion" }, Local(2026, 6, 6, 3), 2));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Statistics_InsertedEvents_EveryTableEqualsTheCountByHand(string engine)
    {
        await using var app = new ReperesApp(engine);
        await SeedAsync(app);
        var places = await TwoPlacesAsync(app);
        var needs = await app.WithDbAsync(db => db.Needs.OrderBy(n => n.Position).Select(n => new { n.Code, n.NameFr }).ToListAsync());
        int[] ByNeed(params (string Need, int Count)[] counts) => needs.Select(n => counts.Where(c => c.Need == n.Code).Sum(c => c.Count)).ToArray();
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (response, page) = await client.GetPageAsync(Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Statistiques d’usage du guide");

        // Weeks: from the first week with a search (Monday 16 November) to this one; the need of a category counted.
        Table(page, UsageStatistics.NeedsByWeek).ShouldBe(
        [
            Row("16 nov. 2026", [.. ByNeed(("avoir-un-toit", 2)), 1]),
            Row("23 nov. 2026", [.. ByNeed(("se-nourrir", 3)), 0]),
        ]);
        page.QuerySelectorAll("table[data-table='besoins-semaines'] thead th").Select(th => th.TextContent).ToList()
            .ShouldBe(["Semaine du", .. needs.Select(n => n.NameFr), "Besoin non précisé"]);

        Table(page, UsageStatistics.Communes).ShouldBe([Row("Brest (29200)", 3), Row("Guilers (29820)", 2), Row("Commune non précisée", 1)]);

        // Hours of the week: Monday 20h, Tuesday 10h, Sunday 23h.
        var hours = Cells(page, UsageStatistics.Hours);
        hours.Select(h => h.Label).ToList().ShouldBe(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]);
        var expectedHours = new int[7, 24];
        expectedHours[0, 20] = 2;
        expectedHours[1, 10] = 3;
        expectedHours[6, 23] = 1;
        for (var day = 0; day < 7; day++)
        {
            hours[day].Values.ShouldBe(Enumerable.Range(0, 24).Select(h => expectedHours[day, h]).ToList(), hours[day].Label);
        }

        // Places: views, calls, directions, websites, e-mails; the most read first.
        Table(page, UsageStatistics.Places).ShouldBe([Row(places[0].Name, 4, 1, 0, 0, 0), Row(places[1].Name, 2, 0, 3, 0, 0)]);

        Table(page, UsageStatistics.Orientations).ShouldBe(needs.Select(n => n.Code switch
        {
            "se-nourrir" => Row(n.NameFr, 2, 0),
            "avoir-un-toit" => Row(n.NameFr, 0, 1),
            _ => Row(n.NameFr, 0, 0),
        }).ToList());

        Table(page, UsageStatistics.ApiAndExports).ShouldBe([Row("search", 5, 0), Row("data-inclusion", 0, 2), Row("hsds", 1, 0)]);

        // Month by month, every kind in its column; the summary gives the period's totals.
        var activity = Cells(page, UsageStatistics.Activity);
        activity.Count.ShouldBe(12);
        activity[0].Label.ShouldBe("décembre 2025");
        var november = activity.Single(r => r.Label == "novembre 2026").Values;
        november.ShouldBe([6, 4, 1, 0, 0, 0, 1, 2, 1, 5, 0]);
        page.QuerySelector(".stats-summary")!.TextContent.ShouldContain("Recherches : 6");

        // Six charts, each an image with its title and description, and a CSV link for each table.
        var charts = page.QuerySelectorAll("svg[role=img]").ToList();
        charts.Count.ShouldBe(6);
        charts.ShouldAllBe(c => c.QuerySelector("title")!.TextContent.Length > 0 && c.QuerySelector("desc")!.TextContent.Length > 0 && !c.TextContent.Contains('{'));
        page.QuerySelectorAll("a[href*='statistiques.csv']").Count().ShouldBe(UsageStatistics.Codes.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Csv_EveryTableOfAYear_EqualsThePageTable(string engine)
    {
        await using var app = new ReperesApp(engine);
        await SeedAsync(app);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, page) = await client.GetPageAsync(Page + "?annee=2026");

        foreach (var code in UsageStatistics.Codes)
        {
            var response = await client.GetAsync($"{Page}.csv?tableau={code}&annee=2026");

            response.StatusCode.ShouldBe(HttpStatusCode.OK, code);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"reperes-{code}-2026.csv");
            var lines = CsvText.Parse(await response.Content.ReadAsStringAsync());
            var headings = page.QuerySelectorAll($"table[data-table='{code}'] thead th").Select(th => th.TextContent).ToList();
            lines[0].ShouldBe(headings, code);
            lines.Skip(1).Select(l => Row(l[0], [.. l.Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture))])).ToList()
                .ShouldBe(Table(page, code), code);
        }

        (await client.GetAsync($"{Page}.csv?tableau=inconnu")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Page}.csv?tableau=communes&annee=3000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (badYear, badPage) = await client.GetPageAsync(Page + "?annee=deux-mille");
        badYear.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("voici les 12 derniers mois");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Statistics_OldMonthsFoldedByTheRetention_MonthlyFiguresUnchanged(string engine)
    {
        await using var app = new ReperesApp(engine);
        await SeedAsync(app);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, before) = await client.GetPageAsync(Page + "?annee=2025");
        Table(before, UsageStatistics.Communes).ShouldBe([Row("Brest (29200)", 4)]);
        Cells(before, UsageStatistics.Hours).Sum(r => r.Values.Sum()).ShouldBe(4);

        // Past the 13 months, September 2025 is folded into monthly totals: its days and hours are gone, not its month.
        var folded = await app.Services.GetRequiredService<UsageRetention>().RunOnceAsync(default);
        folded.ShouldBeGreaterThan(0);
        (await app.WithDbAsync(db => db.UsageEvents.CountAsync(e => e.Month == new DateOnly(2025, 9, 1)))).ShouldBe(0);

        var (_, after) = await client.GetPageAsync(Page + "?annee=2025");

        Table(after, UsageStatistics.Communes).ShouldBe([Row("Brest (29200)", 4)]);
        Cells(after, UsageStatistics.Activity).Single(r => r.Label == "septembre 2025").Values[0].ShouldBe(4);
        after.QuerySelector("table[data-table='heures']").ShouldBeNull();
        after.QuerySelector("section[aria-labelledby=hours]")!.TextContent.ShouldContain("ne sont gardés que 13 mois");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ActivityReport_Year_UseCoverageUnmetAndDigitalFromTheirSources(string engine)
    {
        await using var app = new ReperesApp(engine);
        await SeedAsync(app);
        await AddEventsAsync(
            app,
            (new UsageFact(UsageKind.Search) { NeedCode = "se-former", Detail = ActivityReport.InternetSearch, Results = 10 }, Local(2026, 11, 10, 15), 2),
            (new UsageFact(UsageKind.Search) { NeedCode = "acceder-aux-droits", CategoryCode = "acces-internet", Results = 10 }, Local(2026, 10, 10, 15), 1));
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            await Reperes.Web.Orientation.DigitalScreening.ScreeningCount.RecordAsync(db, [("questionnaire", "termine"), ("aide", "premiers-pas")], now, default);
            await Reperes.Web.Orientation.DigitalScreening.ScreeningCount.RecordAsync(db, [("questionnaire", "termine")], now.AddDays(-400), default);
            return 0;
        });
        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == Reperes.Web.Core.Structures.StructureStatus.Online));
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (response, page) = await client.GetPageAsync("/mon-espace/coordination/statistiques/rapport-annuel?annee=2026");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Rapport d’activité 2026 du guide Repères");
        page.QuerySelector("section[aria-labelledby=coverage]")!.TextContent.ShouldContain($"{online.ToString("N0", CultureInfo.GetCultureInfo("fr"))} structures en ligne");
        var use = page.QuerySelector("section[aria-labelledby=use]")!.TextContent;
        use.ShouldContain("9 recherches");
        use.ShouldContain("6 fiches de lieux lues");
        use.ShouldContain("1 appels et 3 itinéraires");
        use.ShouldContain("1 fiches d’orientation imprimées ou partagées (2 lieux)");
        use.ShouldContain("1 adressages");
        use.ShouldContain("6 appels de l’API et 2 téléchargements");
        page.QuerySelector("section[aria-labelledby=unmet] tbody th")!.TextContent.ShouldBe("ablutions");
        var digital = page.QuerySelector("section[aria-labelledby=digital]")!.TextContent;
        digital.ShouldContain("1 questionnaires « Le numérique et moi » terminés");
        digital.ShouldContain("et 3 recherches de lieux pour aller sur internet");
        page.QuerySelectorAll("svg[role=img]").Count().ShouldBe(2);
    }
}
