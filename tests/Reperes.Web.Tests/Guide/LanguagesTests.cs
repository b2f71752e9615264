using System.Globalization;
using System.Net;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation;

namespace Reperes.Web.Tests.Guide;

/// <summary>The language switch, its memory, the alternates for search engines, the review notice, and what is sent in the person's language.</summary>
public sealed class LanguagesTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Switch_ChosenLanguage_RememberedAndTheSamePageComesBack(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });

        var (_, languages) = await client.GetPageAsync("/langues?returnUrl=%2Frecherche%3Fq%3Dmanger");
        var links = languages.QuerySelectorAll("ul.language-list a");
        links.Select(a => a.TextContent).ShouldBe(["Français", "English", "العربية", "دری", "پښتو", "Українська", "Русский", "Español"]);
        links.Select(a => a.GetAttribute("lang")).ShouldBe(["fr", "en", "ar", "fa-AF", "ps", "uk", "ru", "es"]);
        links.Where(a => a.GetAttribute("dir") == "rtl").Select(a => a.GetAttribute("lang")).ShouldBe(["ar", "fa-AF", "ps"]);

        var chosen = await client.GetAsync(links[2].GetAttribute("href"));
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        chosen.Headers.Location!.OriginalString.ShouldBe("/recherche?q=manger");
        var (_, home) = await client.GetPageAsync("/");
        home.DocumentElement.GetAttribute("lang").ShouldBe("ar");
        home.DocumentElement.GetAttribute("dir").ShouldBe("rtl");
        home.QuerySelector(".language-switch")!.TextContent.Trim().ShouldBe("العربية");
        home.QuerySelector(".translation-status")!.TextContent.ShouldContain("لم يراجع هذه الترجمة");

        (await client.GetAsync("/langue/xx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/langue/es?returnUrl=//evil.example")).Headers.Location!.OriginalString.ShouldBe("/");
        var (_, spanish) = await client.GetPageAsync("/");
        spanish.DocumentElement.GetAttribute("lang").ShouldBe("es");
        spanish.DocumentElement.GetAttribute("dir").ShouldBe("ltr");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Alternates_PublicPage_OneLinkPerLanguageKeepingTheQueryAndXDefault(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var (_, page) = await client.GetPageAsync("/recherche?q=manger&lang=ru");
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);

        alternates.Keys.ShouldBe(["fr", "en", "ar", "fa-AF", "ps", "uk", "ru", "es", "x-default"]);
        alternates["ar"].ShouldBe("http://localhost/recherche?q=manger&lang=ar");
        alternates["x-default"].ShouldBe("http://localhost/recherche?q=manger");
        var (_, english) = await client.GetPageAsync("/recherche?q=manger&lang=en");
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector(".translation-status").ShouldBeNull("English is reviewed");
        var (_, french) = await client.GetPageAsync("/recherche?q=manger");
        french.QuerySelector(".translation-status").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Needs_EveryLanguage_NamedInThatLanguage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var taxonomy = TaxonomyFiles.Taxonomy();

        foreach (var language in Cultures.Languages)
        {
            var (_, home) = await client.GetPageAsync($"/?lang={language.Code}");
            var names = home.QuerySelectorAll("ul.needs a").ToDictionary(a => a.GetAttribute("href")!["/besoin/".Length..], a => a.TextContent.Trim());
            names.Count.ShouldBe(9);
            foreach (var need in taxonomy.Needs)
            {
                names[need.Code].ShouldBe(need.Name.In(language.Culture), language.Code);
            }

            if (language.Code is not ("fr" or "en"))
            {
                names.Values.ShouldNotContain(taxonomy.Needs[0].Name.En, language.Code);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ProblemDetails_CallerInUkrainianOrArabic_TitleInTheirLanguage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        using var badPage = new HttpRequestMessage(HttpMethod.Get, "/api/v1/structures?page=abc") { Headers = { { "Accept-Language", "uk" } } };
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nulle-part") { Headers = { { "Accept-Language", "ar" } } };
        var refused = await client.SendAsync(badPage);
        var missing = await client.SendAsync(unknown);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadAsStringAsync()).ShouldMatch(@"\p{IsCyrillic}{4,}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await missing.Content.ReadAsStringAsync()).ShouldContain("هذا العنوان غير موجود");
    }

    [Fact]
    public void Taxonomy_EveryNeedAndCategory_WrittenInEveryLanguage()
    {
        var taxonomy = TaxonomyFiles.Taxonomy();
        var texts = taxonomy.Needs.SelectMany(n => n.Categories.Select(c => c.Name).Append(n.Name).Append(n.Description)).ToList();

        foreach (var language in Cultures.Languages)
        {
            texts.Where(t => !t.Speaks(language.Culture)).Select(t => t.Fr).ShouldBeEmpty(language.Code);
        }
    }

    [Fact]
    public void Calendar_DariAndPashto_GregorianDatesInTheirMonthNames()
    {
        var date = new DateTime(2026, 12, 14);

        date.ToString("d MMMM yyyy", Cultures.Find("fa-AF")!.Culture).ShouldBe("14 دسمبر 2026");
        Cultures.Find("ps")!.Culture.DateTimeFormat.Calendar.ShouldBeOfType<GregorianCalendar>();
        date.ToString("yyyy", Cultures.Find("ps")!.Culture).ShouldBe("2026");
        Cultures.Languages.ShouldAllBe(l => l.Culture.DateTimeFormat.Calendar is GregorianCalendar);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SlipByEmail_ArabicPage_MessageInArabic(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=ar|uic=ar");
        var link = await SharedSlipTests.ShareAsync(client, count: 1, search: "/recherche?q=manger");
        var (_, page) = await client.GetPageAsync(link);
        var form = page.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Send", StringComparison.Ordinal));

        var refused = await client.SubmitAsync(form, [new("Email", "pas-une-adresse")]);
        var sent = await client.SubmitAsync(form, [new("Email", "personne@exemple.fr")]);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("عنوان البريد الإلكتروني هذا غير صالح");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = Mailbox.Read(app).ShouldHaveSingleItem();
        mail.Subject.ShouldNotContain("Vos adresses utiles");
        mail.Subject.ShouldContain("Repères");
        System.Text.RegularExpressions.Regex.IsMatch(mail.Body, @"\p{IsArabic}{4,}").ShouldBeTrue();
    }
}
