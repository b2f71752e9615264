using System.Net;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Pages;

[Collection(SharedAppsCollection.Name)]
public sealed class PublicPagesTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Home_Always_ShowsTheNineNeedsSearchAndShortcuts(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        var needs = page.QuerySelectorAll("ul.needs a").Select(a => a.TextContent.Trim()).ToList();
        needs.ShouldBe([
            "Se nourrir", "Avoir un toit", "Se soigner", "Prendre soin de soi", "Poser son sac",
            "Accéder aux droits", "Se former", "Se déplacer", "Accéder aux loisirs et à la culture",
        ]);
        page.QuerySelector("form[role=search] input[type=search][name=q]").ShouldNotBeNull();
        page.QuerySelectorAll(".shortcuts a").Select(a => a.TextContent.Trim()).ShouldBe(["Ouvert maintenant", "Près de moi", "Aller sur internet", "Le numérique et moi"]);
        page.QuerySelector(".demo-banner").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Home_InEnglish_TranslatesInterfaceAndNeeds(string engine)
    {
        var client = apps.For(engine).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var (_, page) = await client.GetPageAsync("/");

        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.QuerySelector(".shortcuts a")!.TextContent.Trim().ShouldBe("Open now");
        page.QuerySelectorAll("ul.needs a").Select(a => a.TextContent.Trim()).ShouldContain("Eat");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NeedPage_SeNourrir_ListsItsCategoriesAndStructures(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/besoin/se-nourrir");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Se nourrir");
        page.QuerySelectorAll(".chips a").Select(a => a.TextContent.Trim()).ShouldContain("Repas");
        var results = page.QuerySelectorAll("ol.results > li");
        results.Length.ShouldBeGreaterThan(3);
        results.ShouldAllBe(r => r.QuerySelector(".badge") != null && r.QuerySelector("h2 a") != null);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Journey_HomeNeedSheet_ShowsHoursAndOpenState(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var (_, home) = await client.GetPageAsync("/");
        var needLink = home.QuerySelectorAll("ul.needs a").First(a => a.TextContent.Trim() == "Se nourrir").GetAttribute("href")!;
        var (_, need) = await client.GetPageAsync(needLink);
        var sheetLink = need.QuerySelector("ol.results h2 a")!.GetAttribute("href")!;

        var (response, sheet) = await client.GetPageAsync(sheetLink);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sheet.QuerySelector("h1").ShouldNotBeNull();
        // The first place of the need may have several services: its state then starts with the service's name.
        sheet.QuerySelector("p.badge")!.TextContent.ShouldMatch("(?i)ouvert|fermé|horaires|sur rendez-vous|à confirmer|ouvert 24h/24");
        var week = sheet.QuerySelector("table.hours")!;
        week.QuerySelectorAll("tr").Length.ShouldBe(7);
        week.QuerySelectorAll("tr.today").Length.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sheet_Ozanam_ShowsContactServicesAndUpcomingClosure(string engine)
    {
        var (_, sheet) = await apps.For(engine).CreateClient().GetPageAsync("/structure/halte-accueil-ozanam");

        sheet.QuerySelector("h1")!.TextContent.ShouldBe("Halte Accueil Frédéric Ozanam");
        sheet.QuerySelectorAll("a[href^='tel:']").Length.ShouldBeGreaterThan(0);
        sheet.QuerySelectorAll("a[href^='mailto:']").Length.ShouldBeGreaterThan(0);
        sheet.QuerySelectorAll("ul.services > li").Length.ShouldBeGreaterThan(1);
        sheet.QuerySelector("p.badge")!.TextContent.ShouldContain("Ouvert");
        // The demo closure starts 20 days after loading: announced ahead of time.
        sheet.QuerySelectorAll("p.alert").Select(p => p.TextContent).ShouldContain(t => t.StartsWith("Fermé à partir du"));
        sheet.QuerySelector("#mini-map").ShouldNotBeNull();
        sheet.QuerySelector(".updated")!.TextContent.ShouldContain("Informations vérifiées le");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sheet_UnknownOfflineOrClosed_AnswersHonestly(string engine)
    {
        var client = apps.For(engine).CreateClient();

        (await client.GetAsync("/structure/does-not-exist")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/structure/" + new string('x', 500))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (closed, page) = await client.GetPageAsync("/structure/consigne-solidaire-du-port");
        closed.StatusCode.ShouldBe(HttpStatusCode.Gone);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("fermé définitivement");
        (await client.GetAsync("/besoin/nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_BadInput_ExplainsWhatIsWrongInFrench(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (tooLong, longPage) = await client.GetPageAsync("/recherche?q=" + new string('a', 300));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        longPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("trop longue");

        var (badPosition, positionPage) = await client.GetPageAsync("/recherche?lat=123&lon=456");
        badPosition.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        positionPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("position est invalide");

        var (unknownCommune, communePage) = await client.GetPageAsync("/recherche?commune=Atlantide");
        unknownCommune.StatusCode.ShouldBe(HttpStatusCode.OK);
        communePage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Atlantide");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_Title_NamesTheQuery(string engine)
    {
        var (_, page) = await apps.For(engine).CreateClient().GetPageAsync("/recherche?q=manger");

        page.QuerySelector("h1")!.TextContent.ShouldBe("Recherche : manger");
        page.Title.ShouldBe("Recherche : manger — Repères");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_InjectedScript_IsShownAsText(string engine)
    {
        var payload = "<script>alert(1)</script>";
        var response = await apps.For(engine).CreateClient().GetAsync("/recherche?q=" + Uri.EscapeDataString(payload));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain(payload);
        html.ShouldContain("&lt;script&gt;");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_AnyPageOrFilter_NeverAnswers500(string engine)
    {
        var client = apps.For(engine).CreateClient();
        string[] urls =
        [
            "/recherche", "/recherche?page=99999", "/recherche?q=%F0%9F%98%80", "/recherche?q=%C0%AF", "/recherche?lat=NaN&lon=Infinity",
            "/recherche?free=maybe", "/recherche?need=se-nourrir&category=douche", "/besoin/se-nourrir?category=nope",
            "/carte?q=manger", "/guide-imprimable?need=se-soigner", "/guide-imprimable?q=" + new string('z', 250),
            "/api/v1/categories", "/erreur?code=404", "/structure/%3Cb%3E", "/langue/xx", "/langue/en?returnUrl=//evil.example",
        ];
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            ((int)response.StatusCode).ShouldBeLessThan(500, url);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintableGuide_ForANeed_ListsEveryStructureWithItsHours(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var (_, print) = await client.GetPageAsync("/guide-imprimable?need=se-soigner");
        var (_, list) = await client.GetPageAsync("/besoin/se-soigner?pageSize=100");

        var entries = print.QuerySelectorAll(".print-entry");
        entries.Length.ShouldBe(list.QuerySelectorAll("ol.results > li").Length);
        entries.ShouldAllBe(e => e.QuerySelectorAll("p").Length >= 2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MapPage_WithoutJavaScript_KeepsTheFullList(string engine)
    {
        var (response, page) = await apps.For(engine).CreateClient().GetPageAsync("/carte?need=se-nourrir");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("#results-map")!.GetAttribute("data-source")!.ShouldStartWith("/api/v1/search?need=se-nourrir");
        page.QuerySelectorAll("ol.results > li").Length.ShouldBeGreaterThan(3);
        page.QuerySelector("script[src^='/js/map.js']").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Health_WhenMigrated_Answers200(string engine)
    {
        var response = await apps.For(engine).CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Leaflet_FromNpm_IsServed()
    {
        var client = apps.For(Engines.Sqlite).CreateClient();

        (await client.GetAsync("/lib/leaflet/leaflet.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/lib/leaflet/leaflet.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
