using System.Net;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Pages;

/// <summary>
/// The results page says what it understood and what it did not, shows corrections as whole words, and for no or
/// few results gives a partial answer and the closest categories and needs, without JavaScript, in both languages.
/// </summary>
[Collection(SharedAppsCollection.Name)]
public sealed class SearchHelpPageTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NothingUnderstood_SaysSoAndProposesTheNineNeeds(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?q=xqzwv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("Aucun résultat");
        page.QuerySelector(".understanding")!.TextContent.ShouldContain("Non compris, donc non cherché : « xqzwv ».");
        var suggestions = page.QuerySelector("section[aria-labelledby=suggestions-title]")!;
        suggestions.QuerySelector("h2")!.TextContent.ShouldBe("Chercher plutôt");
        suggestions.QuerySelectorAll("a[href^='/besoin/']").Length.ShouldBe(9);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_CloseToAKnownWord_ProposesItsCategory(string engine)
    {
        // "coiffurexx" is too far from "coiffure" for the automatic correction, near enough for a suggestion.
        var (_, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?q=coiffurexx");

        var suggestions = page.QuerySelector("section[aria-labelledby=suggestions-title]")!;
        suggestions.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/recherche?category=coiffure-solidaire");
        suggestions.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/besoin/prendre-soin-de-soi");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NoResultBecauseOfFilters_ShowsWhatTheWordsFindWithoutThem(string engine)
    {
        var (_, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?q=coiffeur&language=ru");

        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("Aucun résultat");
        var relaxed = page.QuerySelector("section[aria-labelledby=relaxed-title]")!;
        relaxed.QuerySelector("h2")!.TextContent.ShouldStartWith("Sans vos filtres");
        relaxed.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")).ShouldContain("/structure/salon-solidaire-un-temps-pour-soi");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_FewResults_SaysWhatWasUnderstoodAndWhereElseToLook(string engine)
    {
        var (_, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?q=" + Uri.EscapeDataString("je cherche un coiffeur svp"));

        page.QuerySelectorAll("ol.results > li").Length.ShouldBeInRange(1, 3);
        var understood = page.QuerySelector(".understanding")!.TextContent;
        understood.ShouldContain("Nous avons compris :");
        understood.ShouldContain("Coiffure solidaire");
        understood.ShouldNotContain("Non compris");
        var suggestions = page.QuerySelector("section[aria-labelledby=suggestions-title]")!;
        suggestions.QuerySelector("h2")!.TextContent.ShouldBe("Voir aussi");
        suggestions.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/besoin/prendre-soin-de-soi");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_AbbreviationAndTypo_AreExplainedInWholeWords(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, abbreviation) = await client.GetPageAsync("/recherche?q=pmi");
        var (_, typo) = await client.GetPageAsync("/recherche?q=urgance");

        abbreviation.QuerySelector(".understanding")!.TextContent.ShouldContain("protection maternelle et infantile");
        typo.QuerySelectorAll(".notice-info").Select(p => p.TextContent).ShouldContain("« urgance » n’est pas connu : résultats pour « urgence ».");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_InEnglish_ExplainsInEnglish(string engine)
    {
        var client = apps.For(engine).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var (_, page) = await client.GetPageAsync("/recherche?q=" + Uri.EscapeDataString("haircut xqzwv"));

        var understood = page.QuerySelector(".understanding")!.TextContent;
        understood.ShouldContain("We understood:");
        understood.ShouldContain("Not understood, so not searched: “xqzwv”.");
        page.QuerySelector("section[aria-labelledby=suggestions-title] h2")!.TextContent.ShouldBe("See also");
    }
}
