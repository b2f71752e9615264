using System.Net;
using Reperes.Web.Core.Reading;
using Reperes.Web.Orientation.DigitalScreening;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core.Reading;

/// <summary>The reading preferences: the text size and easy-read French, chosen by plain links and remembered.</summary>
[Collection(SharedAppsCollection.Name)]
public sealed class ReaderPreferencesTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TextSize_ChosenByLink_BackToThePageAndKeptOnTheNextOnes(string engine)
    {
        var client = apps.For(engine).CreateBrowserLikeClient();
        var (_, home) = await client.GetPageAsync("/besoin/se-nourrir");
        var larger = home.QuerySelector("nav.reading-bar a[aria-label='Texte très grand']").ShouldNotBeNull();
        home.DocumentElement.GetAttribute("class").ShouldBeNullOrEmpty();

        var chosen = await client.GetAsync(larger.GetAttribute("href"));

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        chosen.Headers.Location!.OriginalString.ShouldBe("/besoin/se-nourrir");
        var cookie = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ReaderPreferences.TextSizeCookie + "=", StringComparison.Ordinal));
        cookie.ShouldContain("tres-grand");
        cookie.ShouldContain("httponly");
        var withCookie = apps.For(engine).CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        foreach (var path in new[] { "/", "/besoin/se-nourrir", "/structure/halte-accueil-ozanam", "/numerique-et-moi" })
        {
            var (_, page) = await withCookie.GetPageAsync(path);
            page.DocumentElement.GetAttribute("class").ShouldBe("text-larger", path);
            page.QuerySelector("nav.reading-bar a[aria-current='true'][aria-label='Texte très grand']").ShouldNotBeNull(path);
        }

        var normal = await client.GetAsync("/lecture/taille/normal?retour=%2F");
        normal.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(ReaderPreferences.TextSizeCookie + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Preferences_UnknownChoiceOrAnotherSite_RefusedOrBackHome(string engine)
    {
        var client = apps.For(engine).CreateBrowserLikeClient();

        var unknown = await client.GetAsync("/lecture/taille/enorme?retour=%2F");
        var unknownEasy = await client.GetAsync("/lecture/facile/peut-etre");
        var elsewhere = await client.GetAsync("/lecture/taille/grand?retour=%2F%2Fevil.example%2F");
        var backslash = await client.GetAsync("/lecture/facile/oui?retour=%2F%5Cevil.example");

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Headers.Contains("Set-Cookie").ShouldBeFalse();
        unknownEasy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        elsewhere.Headers.Location!.OriginalString.ShouldBe("/");
        backslash.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EasyRead_SwitchedOn_HomeNeedsSheetAndScreeningSayItSimplyWithPictograms(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var (_, before) = await client.GetPageAsync("/");
        var toggle = before.QuerySelector("nav.reading-bar a.reading-easy").ShouldNotBeNull();
        toggle.TextContent.ShouldContain("Facile à lire");
        toggle.HasAttribute("aria-current").ShouldBeFalse();

        var (_, home) = await client.GetPageAsync(toggle.GetAttribute("href")!);

        home.QuerySelector("nav.reading-bar a.reading-easy[aria-current='true']").ShouldNotBeNull();
        home.QuerySelectorAll(".easy-lines li").Select(li => li.TextContent.Trim()).ShouldBe(EasyRead.Home.Select(l => l.Text));
        home.QuerySelectorAll(".easy-lines li svg use").Length.ShouldBe(EasyRead.Home.Count);
        home.QuerySelectorAll("ul.needs a").Select(a => a.TextContent.Trim()).Take(2).ShouldBe(["Manger", "Dormir et se loger"]);

        var (_, need) = await client.GetPageAsync("/besoin/se-nourrir");
        need.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Manger");
        need.QuerySelectorAll(".easy-lines li").Select(li => li.TextContent.Trim()).ShouldBe(EasyRead.Need("se-nourrir")!.Sentences);

        // Tuesday 10:00: the day centre is open; its address and phone in a sentence each.
        var (_, sheet) = await client.GetPageAsync("/structure/halte-accueil-ozanam");
        var lines = sheet.QuerySelectorAll(".easy-lines li").Select(li => li.TextContent.Trim()).ToList();
        lines.ShouldContain("C’est ouvert maintenant.");
        lines.ShouldContain(l => l.StartsWith("Ça ferme aujourd’hui à ", StringComparison.Ordinal));
        lines.ShouldContain("L’adresse est : 27 rue Yves Collet, 29200 Brest.");
        lines.ShouldContain("Vous pouvez venir sans rendez-vous.");
        lines.ShouldContain(l => l.StartsWith("À savoir : Inscription", StringComparison.Ordinal));
        sheet.QuerySelectorAll(".easy-lines li svg use").Length.ShouldBe(lines.Count);

        var (_, screening) = await client.GetPageAsync("/numerique-et-moi?etape=4");
        screening.QuerySelector("legend")!.TextContent.Trim().ShouldBe("Quels papiers devez-vous faire sur internet ?");
        screening.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ShouldContain("Les allocations familiales : la CAF");

        var (_, off) = await client.GetPageAsync("/lecture/facile/non?retour=%2Fbesoin%2Fse-nourrir");
        off.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Se nourrir");
        off.QuerySelector(".easy-lines").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EasyRead_InAnotherLanguage_NotOfferedAndPagesUnchanged(string engine)
    {
        var client = apps.For(engine).CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ReaderPreferences.EasyReadCookie + "=oui");

        var (_, english) = await client.GetPageAsync("/besoin/se-nourrir?lang=en");
        var (_, arabic) = await client.GetPageAsync("/?lang=ar");

        english.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Eat");
        english.QuerySelector("a.reading-easy").ShouldBeNull();
        english.QuerySelector(".easy-lines").ShouldBeNull();
        english.QuerySelectorAll("nav.reading-bar .reading-sizes a").Length.ShouldBe(3);
        arabic.QuerySelector("a.reading-easy").ShouldBeNull();
        arabic.QuerySelectorAll("ul.needs a").Select(a => a.TextContent.Trim()).ShouldNotContain("Manger");
    }

    [Fact]
    public void EasyTexts_EveryNeedAndScreeningQuestion_HaveShortSentencesInEasyFrench()
    {
        var sentences = new List<string>();
        EasyRead.NeedCodes.Count.ShouldBe(9);
        foreach (var code in EasyRead.NeedCodes)
        {
            sentences.AddRange(EasyRead.Need(code)!.Sentences);
        }

        sentences.AddRange(EasyRead.Home.Select(l => l.Text));
        foreach (var question in ScreeningQuestions.All)
        {
            var easy = ScreeningEasyRead.For(question.Code).ShouldNotBeNull(question.Code);
            easy.Options.Keys.Order(StringComparer.Ordinal).ShouldBe(question.Options.Select(o => o.Code).Order(StringComparer.Ordinal), question.Code);
            sentences.Add(easy.Text);
            sentences.AddRange(easy.Options.Values);
            if (easy.Help is { } help)
            {
                sentences.Add(help);
            }
        }

        // One idea per sentence: at most 12 words each; numbers in digits; no parenthesis (an aside is a second idea).
        foreach (var sentence in sentences.SelectMany(s => s.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(12, sentence);
            sentence.ShouldNotContain("(");
            foreach (var word in new[] { "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix" })
            {
                sentence.Split(' ', '’', ',').ShouldNotContain(word, sentence);
            }
        }
    }
}
