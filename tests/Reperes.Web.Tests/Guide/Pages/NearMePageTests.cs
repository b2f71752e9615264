using System.Net;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Pages;

/// <summary>"Près de moi" without a position: a plain message and a commune field, never nothing.</summary>
[Collection(SharedAppsCollection.Name)]
public sealed class NearMePageTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Home_NearMe_LinksToThePageThatAsksForACommune(string engine)
    {
        var (_, home) = await apps.For(engine).CreateClient().GetPageAsync("/");

        var link = home.QuerySelectorAll(".shortcuts a").Single(a => a.TextContent.Trim() == "Près de moi");
        link.GetAttribute("href").ShouldBe("/pres-de-moi");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Get_PositionRefused_SaysSoAndAsksForACommuneSortedByDistance(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/pres-de-moi?position=refusee");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldStartWith("Votre position n’a pas été partagée.");
        var form = page.QuerySelector("form[action='/recherche']").ShouldNotBeNull();
        form.GetAttribute("method").ShouldBe("get");
        form.QuerySelector("input[name=sort]")!.GetAttribute("value").ShouldBe("distance");
        var commune = form.QuerySelector("input[name=commune]").ShouldNotBeNull();
        page.QuerySelector($"label[for={commune.Id}]")!.TextContent.ShouldBe("Commune ou code postal");
        // The person said no: the page does not offer to ask again.
        page.QuerySelector("[data-locate]").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Get_PositionUnavailable_SaysItWasNotFoundAndOffersToTryAgain(string engine)
    {
        var (_, page) = await apps.For(engine).CreateClient().GetPageAsync("/pres-de-moi?position=indisponible");

        page.QuerySelector("[role=alert]")!.TextContent.ShouldStartWith("Votre position n’a pas pu être trouvée.");
        page.QuerySelector("input[name=commune]").ShouldNotBeNull();
        page.QuerySelector("[data-geo-control]")!.HasAttribute("hidden").ShouldBeTrue(); // shown by site.js only
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Get_WithoutReasonInEnglish_AsksForATownWithoutAnAlarm(string engine)
    {
        var client = apps.For(engine).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var (_, page) = await client.GetPageAsync("/pres-de-moi");

        page.QuerySelector("h1")!.TextContent.ShouldBe("Near me");
        page.QuerySelector("[role=alert]").ShouldBeNull();
        page.QuerySelector("main")!.TextContent.ShouldContain("Enter your town or its postal code: the nearest places will come first.");
        page.QuerySelector("label[for=commune]")!.TextContent.ShouldBe("Town or postal code");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Get_WithANeed_KeepsItOnlyWhenItExists(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, known) = await client.GetPageAsync("/pres-de-moi?need=se-nourrir");
        var (unknownResponse, unknown) = await client.GetPageAsync("/pres-de-moi?need=%3Cscript%3E");

        known.QuerySelector("input[type=hidden][name=need]")!.GetAttribute("value").ShouldBe("se-nourrir");
        known.QuerySelector("main")!.TextContent.ShouldContain("Besoin : Se nourrir");
        unknownResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        unknown.QuerySelector("input[name=need]").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_FromTheCommuneField_FindsPlacesNearestFirst(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?need=se-nourrir&sort=distance&commune=Brest");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("autour de Brest");
        page.QuerySelectorAll("ol.results > li").Length.ShouldBeGreaterThan(0);
    }
}
