using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Charts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness.Dashboard;
using Reperes.Web.Freshness.Pages;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Freshness.Reports;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Freshness;

public sealed class DashboardTests
{
    private const string Dashboard = "/mon-espace/coordination/tableau-de-bord";
    private const string Coordinator = "coordination@demo.reperes.example";
    private const string Ozanam = "halte-accueil-ozanam";

    /// <summary>Every structure loaded as entities, with the states and scores computed one by one (the slow, obvious way).</summary>
    private static Task<List<(Structure Structure, FreshnessState State, QualityScore Quality)>> ExpectedAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        var hours = app.Services.GetRequiredService<HoursEvaluator>();
        var now = app.Clock.GetUtcNow();
        var structures = await db.Structures.AsNoTracking().Include(s => s.Services).AsSplitQuery().ToListAsync();
        return structures.Select(s => (s, FreshnessRules.StateOf(s, now), SheetQuality.Of(s, hours, now))).ToList();
    });

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Dashboard_DemoData_CountsMatchTheRulesAppliedOneByOne(string engine)
    {
        await using var app = new ReperesApp(engine);
        // Some variety: one online sheet two and a half years old, one marked unverified, one report.
        var (old, unverified) = await app.WithDbAsync(async db =>
        {
            var online = await db.Structures.Where(s => s.Status == StructureStatus.Online).OrderBy(s => s.Id).Take(2).ToListAsync();
            online[0].Touch(app.Clock.GetUtcNow().AddMonths(-30));
            online[1].MarkUnverified(app.Clock.GetUtcNow().AddDays(-3));
            db.SheetReports.Add(new SheetReport(online[1].Id, ReportSection.Hours, "Fermé le lundi", null, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE structures SET verified_at = NULL, created_at = updated_at WHERE id = {0}", online[0].Id);
            return (online[0].Name, online[1].Name);
        });
        var expected = await ExpectedAsync(app);
        var online = expected.Where(e => e.Structure.Status == StructureStatus.Online).ToList();
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (response, page) = await client.GetPageAsync(Dashboard);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Tableau de bord de la fraîcheur et de la qualité");
        page.QuerySelector("#overview")!.TextContent.ShouldBe($"Fiches en ligne : {online.Count.ToString("N0", CultureInfo.GetCultureInfo("fr"))} sur {expected.Count.ToString("N0", CultureInfo.GetCultureInfo("fr"))} structures");
        var tables = page.QuerySelectorAll("section[aria-labelledby=overview] table").ToList();
        foreach (var state in Enum.GetValues<FreshnessState>())
        {
            var row = tables[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == FreshnessLabels.StateKey(state));
            row.QuerySelector("td")!.TextContent.ShouldBe(online.Count(e => e.State == state).ToString(CultureInfo.InvariantCulture), state.ToString());
        }

        foreach (var band in Enum.GetValues<QualityBand>())
        {
            var row = tables[1].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(SheetQuality.BandKey(band) + " ", StringComparison.Ordinal));
            row.QuerySelector("td")!.TextContent.ShouldBe(online.Count(e => e.Quality.Band == band).ToString(CultureInfo.InvariantCulture), band.ToString());
        }

        var late = online.Where(e => e.State is FreshnessState.Overdue or FreshnessState.Unverified).ToList();
        late.Count.ShouldBeGreaterThanOrEqualTo(2);
        page.QuerySelector("#late")!.TextContent.ShouldBe($"Fiches en retard ou non vérifiées : {late.Count}");
        var lateNames = page.QuerySelectorAll("section[aria-labelledby=late] tbody th").Select(th => th.TextContent).ToList();
        lateNames.ShouldContain(old);
        lateNames.ShouldContain(unverified);
        page.QuerySelectorAll("a").Any(a => a.TextContent == $"Décider pour {old}").ShouldBeTrue();
        page.QuerySelector("section[aria-labelledby=to-handle]")!.TextContent.ShouldContain("Signalements d’erreurs : 1 nouveaux, 0 en cours");

        // Two charts, each an image with a title and a description, and its table of the same numbers.
        var charts = page.QuerySelectorAll("svg[role=img]").ToList();
        charts.Count.ShouldBe(2);
        charts.ShouldAllBe(c => c.QuerySelector("title") != null && c.QuerySelector("desc") != null);
        charts.ShouldAllBe(c => !c.TextContent.Contains('{'), "the texts are formatted");
        var historyRows = page.QuerySelectorAll("section[aria-labelledby=history] tbody tr").ToList();
        historyRows.Count.ShouldBe(FreshnessHistory.Months);
        // This month's point is today's count by the dates alone (the history knows no "unverified" mark).
        var freshByDates = online.Count(e => FreshnessRules.StateOf(e.Structure.VerifiedAt, e.Structure.UpdatedAt, e.Structure.CreatedAt, e.Structure.UpdateFrequencyMonths, null, app.Clock.GetUtcNow()) == FreshnessState.Fresh);
        historyRows[^1].QuerySelectorAll("td")[0].TextContent.ShouldBe(freshByDates.ToString(CultureInfo.InvariantCulture));
        historyRows[^1].QuerySelectorAll("td")[1].TextContent.ShouldBe(online.Count.ToString(CultureInfo.InvariantCulture));
        var needRows = page.QuerySelectorAll("section[aria-labelledby=by-need] tbody tr").ToList();
        var needs = await app.WithDbAsync(db => db.Needs.Include(n => n.Categories).ToListAsync());
        needRows.Count.ShouldBe(needs.Count);
        foreach (var need in needs)
        {
            var row = needRows.Single(r => r.QuerySelector("th")!.TextContent == need.NameFr);
            var serving = online.Where(e => e.Structure.Services.Any(v => need.Categories.Any(c => c.Id == v.CategoryId))).ToList();
            row.QuerySelectorAll("td").Select(td => td.TextContent).ToList()
                .ShouldBe(Enum.GetValues<FreshnessState>().Select(st => serving.Count(e => e.State == st).ToString(CultureInfo.InvariantCulture)).ToList(), need.NameFr);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Csv_OneRowPerStructureWithItsStateQualityReportsAndManagers(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var ozanam = await db.Structures.SingleAsync(s => s.Slug == Ozanam);
            db.SheetReports.Add(new SheetReport(ozanam.Id, ReportSection.Contact, "Numéro faux", null, app.Clock.GetUtcNow()));
            db.SheetReports.Add(new SheetReport(ozanam.Id, ReportSection.Hours, "Horaires faux", null, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        var expected = await ExpectedAsync(app);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var response = await client.GetAsync(Dashboard + ".csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(',', DashboardCsvModel.Header));
        lines.Length.ShouldBe(expected.Count + 1);
        var ozanamRow = lines.Single(l => l.Contains($",{Ozanam},", StringComparison.Ordinal));
        var (structure, state, quality) = expected.Single(e => e.Structure.Slug == Ozanam);
        var fields = ozanamRow.Split(',');
        fields[0].ShouldBe(structure.Name);
        fields[2].ShouldBe("en-ligne");
        fields[4].ShouldBe(structure.City);
        fields[7].ShouldBe(structure.UpdateFrequencyMonths.ToString(CultureInfo.InvariantCulture));
        fields[8].ShouldBe(DashboardCsvModel.StateCode(state));
        fields[10].ShouldBe(quality.Points.ToString(CultureInfo.InvariantCulture), "the streamed score equals the score of the loaded sheet");
        fields[11].ShouldBe("2");
        fields[12].ShouldBe("1");
        var scores = lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length == DashboardCsvModel.Header.Length).ToList();
        scores.Count.ShouldBeGreaterThan(expected.Count / 2, "most names have no comma: the row splits simply");
        foreach (var row in scores)
        {
            var match = expected.Single(e => e.Structure.Slug == row[1]);
            row[10].ShouldBe(match.Quality.Points.ToString(CultureInfo.InvariantCulture), match.Structure.Slug);
            row[8].ShouldBe(DashboardCsvModel.StateCode(match.State), match.Structure.Slug);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Decide_MarkUnverifiedThenTakeOffline_ConfirmedOnlyAndKeptInTheHistory(string engine)
    {
        await using var app = new ReperesApp(engine);
        var url = $"{Dashboard}/{Ozanam}/decision";
        var before = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == Ozanam));
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var unconfirmed = await client.PostFormAsync(url, [], url + "?handler=Unverified");
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unconfirmed.Content.ReadAsStringAsync()).ShouldContain("Cochez la case pour confirmer la décision.");
        (await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == Ozanam))).UnverifiedSince.ShouldBeNull();

        app.Clock.Now = app.Clock.Now.AddHours(1);
        var marked = await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Unverified");
        marked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == Ozanam));
        after.UnverifiedSince.ShouldBe(app.Clock.GetUtcNow());
        after.Status.ShouldBe(StructureStatus.Online);
        after.UpdatedAt.ShouldBe(before.UpdatedAt, "a decision confirms nothing of the sheet");
        var (_, decided) = await client.GetPageAsync(marked.Headers.Location!.OriginalString);
        decided.QuerySelector("[role=status]")!.TextContent.ShouldContain("marquée non vérifiée");
        decided.QuerySelector("title")!.TextContent.ShouldStartWith("Décider pour Halte Accueil Frédéric Ozanam");
        decided.QuerySelectorAll("button").Select(b => b.TextContent).ShouldBe(["Mettre hors ligne", "Fermer définitivement"]);

        var offline = await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Offline");
        offline.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == Ozanam));
        after.Status.ShouldBe(StructureStatus.Offline);
        after.UpdatedAt.ShouldBe(before.UpdatedAt);
        var revisions = await app.WithDbAsync(db => db.SheetRevisions.AsNoTracking().Where(r => r.StructureId == before.Id).OrderBy(r => r.Id).ToListAsync());
        revisions.SelectMany(r => r.ChangeList).Select(c => c.Field).TakeLast(2).ShouldBe([DecisionModel.ReliabilityField, DecisionModel.StatusField]);
        revisions[^1].AuthorName.ShouldBe("Camille (coordination)");
        (await app.CreateClient().GetAsync("/recherche?q=Ozanam")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Again: nothing more to decide, no new revision.
        (await client.PostFormAsync("/mon-espace", new() { ["Confirmed"] = "true" }, url + "?handler=Offline")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync(r => r.StructureId == before.Id))).ShouldBe(revisions.Count);
        (await client.GetAsync($"{Dashboard}/nulle-part/decision")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CoordinatorList_ShowsEachStructuresQualityAndFreshness(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (structure, state, quality) = (await ExpectedAsync(app)).Single(e => e.Structure.Slug == Ozanam);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (_, page) = await client.GetPageAsync("/mon-espace/coordination/structures?q=Ozanam");

        var item = page.QuerySelectorAll("li.result").Single(li => li.QuerySelector("h2")!.TextContent.Trim() == structure.Name);
        item.TextContent.ShouldContain($"Qualité : {quality.Points} sur 100 · {FreshnessLabels.StateKey(state)}");
    }

    [Fact]
    public void History_VerifiedTwoMonthsAgoEverySixMonths_FreshSinceThenAndNotBefore()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
        var history = new FreshnessHistory(now);
        history.Points[^1].At.ShouldBe(now);
        history.Points[0].Month.ShouldBe(new DateOnly(2025, 12, 1));
        history.Points[0].At.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)));

        // Created two years ago, never changed, verified on 15 September 2026.
        history.Add(1, now.AddYears(-2), now.AddYears(-2), new DateTimeOffset(2026, 9, 15, 12, 0, 0, TimeSpan.Zero), 6);
        // Created in June 2026: counted from then, fresh by its creation for six months.
        history.Add(2, new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero), null, 6);

        var points = history.Compute();

        // Points: ends of December 2025 … October 2026, then now. The second counts from the end of June.
        points.Select(p => p.Total).ShouldBe([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
        points.Select(p => p.Fresh).ShouldBe([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Dashboard_MonthsBeforeTheData_AreNeitherPlottedNorCountedAsZero(string engine)
    {
        // The demo structures were created 40 days ago: the months before October 2026 have no data.
        await using var app = new ReperesApp(engine);
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (_, page) = await client.GetPageAsync(Dashboard);

        var rows = page.QuerySelectorAll("section[aria-labelledby=history] tbody tr").ToList();
        var empty = rows.Where(r => r.QuerySelectorAll("td")[2].TextContent == "pas de données").ToList();
        empty.Count.ShouldBe(10);
        empty.Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(Enumerable.Range(0, 10).Select(k => new DateOnly(2025, 12, 1).AddMonths(k).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr"))).ToList());
        rows.Select(r => r.QuerySelectorAll("td")[2].TextContent.Replace('\u202f', ' ').Replace('\u00a0', ' ')).ShouldNotContain("0 %");
        var chart = page.QuerySelector("svg#history, section[aria-labelledby=history] svg")!;
        chart.QuerySelectorAll("circle").Length.ShouldBe(2);
        chart.QuerySelector("desc")!.TextContent.ShouldContain("Pas de données avant octobre 2026.");
        chart.TextContent.ShouldContain("pas de données");
    }

    [Fact]
    public void ShareLine_MissingMonths_BreakTheLineAndAreShadedNotDrawnAtZero()
    {
        var svg = SvgCharts.ShareLine("h", "Titre", "Description", [("janv.", null), ("févr.", null), ("mars", 0.5), ("avr.", 1), ("mai", null), ("juin", 0.25)], "pas de données");

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + svg + "</body>");
        document.QuerySelectorAll("circle").Length.ShouldBe(3);
        document.QuerySelectorAll("polyline").ShouldHaveSingleItem().GetAttribute("points")!.Split(' ').Length.ShouldBe(2);
        document.QuerySelectorAll("rect").Length.ShouldBe(2);
        // Nothing sits on the 0 % line (y = 188): a month without data is no month at 0 %.
        document.QuerySelectorAll("circle").ShouldAllBe(c => c.GetAttribute("cy") != "188");
        new MonthPoint(new DateOnly(2026, 1, 1), 0, 0).Share.ShouldBeNull();
        new MonthPoint(new DateOnly(2026, 1, 1), 0, 3).Share.ShouldBe(0);
    }
}
