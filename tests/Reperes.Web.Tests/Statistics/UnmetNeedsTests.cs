using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Guide.Search;
using Reperes.Web.Statistics;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using static Reperes.Web.Tests.Statistics.StatisticsTestData;

namespace Reperes.Web.Tests.Statistics;

/// <summary>
/// The searches that found little, grouped by meaning, and the synonym the coordinator adds in one click, which the
/// search understands at the next request.
/// </summary>
public sealed class UnmetNeedsTests
{
    private const string UnmetPage = "/mon-espace/coordination/statistiques/recherches-sans-reponse";

    private static UsageFact Unmet(string words, int results) => new(UsageKind.Search) { Words = words, Results = results };

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnmetNeeds_SameWordTypedDifferently_OneLineWithItsVariantsCountsAndLastMonth(string engine)
    {
        await using var app = new ReperesApp(engine);
        await AddEventsAsync(
            app,
            (Unmet("douche", 0), Local(2026, 9, 3, 20), 3),
            (Unmet("douches", 1), Local(2026, 10, 3, 20), 2),
            (Unmet("doucher", 0), Local(2026, 11, 3, 21), 1),
            (Unmet("douch", 2), Local(2026, 11, 4, 8), 1),
            // One letter swapped: the same word for the person who typed it.
            (Unmet("douhce", 0), Local(2026, 8, 4, 8), 1),
            (Unmet("laverie automatique", 0), Local(2026, 7, 1, 10), 2),
            (Unmet("automatique laveries", 1), Local(2026, 7, 2, 10), 1),
            (Unmet("ablutions", 0), Local(2026, 6, 1, 10), 1),
            // Too old for the last twelve months; and words never kept for a search that found enough.
            (Unmet("douche", 0), Local(2025, 10, 3, 20), 5),
            (Unmet("piscine", 7), Local(2026, 11, 3, 20), 4));
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var (response, page) = await client.GetPageAsync(UnmetPage);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = page.QuerySelectorAll(".unmet-line").ToList();
        lines.Select(l => l.QuerySelector("h2")!.TextContent).ToList().ShouldBe(["« douche »", "« laverie automatique »", "« ablutions »"]);
        var douche = lines[0].TextContent;
        douche.ShouldContain("Recherches : 8, dont 5 sans aucun résultat ; vu pour la dernière fois en novembre 2026.");
        douche.ShouldContain("Écrit aussi : « douches » (2), « douch » (1), « douhce » (1), « doucher » (1)");
        // The search understands "douche": what is missing is a place, not a word.
        douche.ShouldContain("Compris");
        douche.ShouldContain("« Douches »");
        lines[0].QuerySelector("form").ShouldBeNull();
        lines[1].TextContent.ShouldContain("Recherches : 3, dont 2 sans aucun résultat ; vu pour la dernière fois en juillet 2026.");
        lines[1].TextContent.ShouldContain("Écrit aussi : « automatique laveries » (1)");
        lines[2].TextContent.ShouldContain("Pas compris par la recherche");
        lines[2].QuerySelector("form select[name=categorie]").ShouldNotBeNull();

        // The table and its CSV say the same.
        var rows = page.QuerySelectorAll("table[data-table='recherches-sans-reponse'] tbody tr")
            .Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent).ToList()).ToList();
        rows.Count.ShouldBe(3);
        rows[0].Take(3).ToList().ShouldBe(["douche", "8", "5"]);
        var csv = CsvText.Parse(await client.GetStringAsync(Page + ".csv?tableau=" + UnmetNeeds.Code));
        csv[0].ShouldBe(page.QuerySelectorAll("table[data-table='recherches-sans-reponse'] thead th").Select(th => th.TextContent).ToList());
        csv.Skip(1).ToList().ShouldBe(rows);
    }

    [Fact]
    public void Group_WordsOfOneMeaning_OneGroupAndOthersApart()
    {
        var lexicon = SearchLexicon.Build([], TaxonomyFiles.Taxonomy() with { Needs = [] }, Reperes.Web.Guide.Data.SeedFiles.SearchVocabulary() with { Weak = [], Abbreviations = [], Situations = [], Words = [], Languages = [] });
        var month = new DateOnly(2026, 11, 1);
        UnmetSearch Search(string words, int count) => new(words, month, true, count);

        var groups = UnmetNeeds.Group([Search("douche", 3), Search("Douches", 2), Search("doucher", 1), Search("douch", 1), Search("je cherche une douche", 1), Search("bain", 1), Search("pain", 1)], lexicon);

        groups.Select(g => g.Select(s => s.Words).Order(StringComparer.Ordinal).ToList()).ToList().ShouldBe(
        [
            ["Douches", "douch", "douche", "doucher", "je cherche une douche"],
            ["bain"],
            ["pain"],
        ]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Learn_OneClickOnTheProposedForm_SearchFindsTheCategorysPlacesAndTheLineIsLearnt(string engine)
    {
        await using var app = new ReperesApp(engine);
        await AddEventsAsync(app, (Unmet("ablutions", 0), Local(2026, 11, 20, 19), 4));
        var showers = await app.WithDbAsync(db => db.Services.Where(s => s.Category.Code == "douche" && s.Structure.Status == Reperes.Web.Core.Structures.StructureStatus.Online)
            .Select(s => s.Structure.Slug).Distinct().ToListAsync());
        showers.Count.ShouldBeGreaterThan(0);
        var visitor = app.CreateBrowserLikeClient();
        var (_, before) = await visitor.GetPageAsync("/recherche?q=ablutions");
        before.QuerySelectorAll("li.result").ShouldBeEmpty();
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, page) = await client.GetPageAsync(UnmetPage);
        var form = page.QuerySelector(".unmet-line form")!;

        // One click: the form as the page gives it, the category chosen in its list.
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields["categorie"] = "douche";
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        after.QuerySelector("[role=status]")!.TextContent.ShouldBe("« ablutions » est appris : la recherche mène maintenant à « Douches ».");
        var line = after.QuerySelector(".unmet-line")!;
        line.TextContent.ShouldContain("Appris");
        line.QuerySelector("form").ShouldBeNull();
        (await app.WithDbAsync(db => db.Categories.Where(c => c.Code == "douche").Select(c => c.Synonyms).SingleAsync())).Split('|').ShouldContain("ablutions");

        var (_, found) = await visitor.GetPageAsync("/recherche?q=ablutions");
        var slugs = found.QuerySelectorAll("li.result h2 a, li.result h3 a").Select(a => a.GetAttribute("href")!.Replace("/structure/", "", StringComparison.Ordinal)).ToList();
        slugs.ShouldNotBeEmpty();
        slugs.ShouldAllBe(s => showers.Contains(s));

        // Sent again (a second click, another tab): nothing added twice.
        (await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Categories.Where(c => c.Code == "douche").Select(c => c.Synonyms).SingleAsync())).Split('|').Count(s => s == "ablutions").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Learn_BadWordsOrNoCategory_SaidAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine);
        await AddEventsAsync(app, (Unmet("ablutions", 0), Local(2026, 11, 20, 19), 1));
        var before = await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Synonyms).ToListAsync());
        var client = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var digits = await client.PostFormAsync(UnmetPage, new() { ["mots"] = "06 12 34 56 78", ["categorie"] = "douche" }, UnmetPage + "?handler=Learn");
        var noCategory = await client.PostFormAsync(UnmetPage, new() { ["mots"] = "ablutions", ["categorie"] = "" }, UnmetPage + "?handler=Learn");
        var unknown = await client.PostFormAsync(UnmetPage, new() { ["mots"] = "ablutions", ["categorie"] = "inconnue" }, UnmetPage + "?handler=Learn");
        var withoutToken = await client.PostAsync(UnmetPage + "?handler=Learn", new FormUrlEncodedContent(new Dictionary<string, string> { ["mots"] = "ablutions", ["categorie"] = "douche" }));

        digits.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await digits.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("sans chiffre ni @");
        noCategory.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await noCategory.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choisissez la catégorie");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Synonyms).ToListAsync())).ShouldBe(before);
        app.Services.GetRequiredService<SearchLexicons>().Current.Word("ablutions").ShouldBeNull();
    }
}
