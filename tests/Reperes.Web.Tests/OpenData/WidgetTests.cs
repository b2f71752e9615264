using System.Net;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData;

[Collection(SharedAppsCollection.Name)]
public sealed class WidgetTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Widget_NeedAndCommune_FramableLightListOpeningSheetsInANewTab(string engine)
    {
        var client = apps.For(engine).CreateBrowserLikeClient();

        var response = await client.GetAsync("/widget?need=se-nourrir&commune=Brest");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("X-Frame-Options").ShouldBeFalse();
        var html = await response.Content.ReadAsStringAsync();
        html.Length.ShouldBeLessThan(60_000);
        var page = await Html.ParseAsync(html);
        page.QuerySelector("base")!.GetAttribute("target").ShouldBe("_blank");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Se nourrir");
        page.QuerySelectorAll("ol.results > li").Length.ShouldBeInRange(1, 10);
        page.QuerySelector("a[href='/structure/halte-accueil-ozanam']").ShouldNotBeNull();
        page.QuerySelector(".site-header").ShouldBeNull();
        (await client.GetAsync("/recherche")).Headers.GetValues("X-Frame-Options").ShouldContain("SAMEORIGIN");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Widget_BadParameters_ClearMessageNoError(string engine)
    {
        var client = apps.For(engine).CreateBrowserLikeClient();
        var response = await client.GetAsync("/widget?need=inconnu&radius=abc&lat=NaN");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector(".errors")!.TextContent.Trim().ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Embed_NeedChosen_GivesOneLineOfHtml(string engine)
    {
        var client = apps.For(engine).CreateBrowserLikeClient();
        var (_, page) = await client.GetPageAsync("/integrer?need=se-nourrir&commune=Brest");
        var snippet = page.QuerySelector("#snippet")!.TextContent;
        snippet.ShouldStartWith("<iframe src=\"http://localhost/widget?need=se-nourrir&commune=Brest\"");
        snippet.ShouldContain("title=\"Repères : Se nourrir\"");
        snippet.ShouldNotContain("\n");
    }
}
