using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The reading preferences in Chromium on a 390-px phone, chosen without JavaScript: the text size chosen once applies to
/// every page and scales the text, nothing gets wider than the screen and axe finds no serious violation at the
/// largest size (contrast included), in French and in Arabic; easy-read French with its pictograms; "Écouter".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingBrowserTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Pages = ["/", "/besoin/se-nourrir", "/structure/halte-accueil-ozanam", "/numerique-et-moi", "/fiche-orientation"];

    [BrowserFact]
    public async Task TextSize_LargerWithoutJavaScript_KeptOnEveryPageWiderTextNoOverflowAndAxeClean()
    {
        var page = await browser.NewPageAsync(viewport: Phone, javaScript: false);
        await page.GotoAsync("/besoin/se-nourrir");
        var normal = await RootFontSizeAsync(page);
        var bodyText = await page.Locator("main p").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Lecture" }).GetByRole(AriaRole.Link, new() { Name = "Texte très grand" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("text-larger");
        page.Url.ShouldEndWith("/besoin/se-nourrir", Case.Sensitive, "back to the same page");
        (await RootFontSizeAsync(page)).ShouldBe(normal * 1.5, 0.01);
        (await page.Locator("main p").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)")).ShouldBe(bodyText * 1.5, 0.01);
        await page.GetByRole(AriaRole.Link, new() { Name = "Texte de taille normale" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).Not.ToHaveClassAsync("text-larger");
        (await RootFontSizeAsync(page)).ShouldBe(normal, 0.01);

        // axe needs JavaScript: the same choice on a phone that runs it, then every page at the largest size.
        page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Texte très grand" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("text-larger");
        var report = new List<string>();
        foreach (var lang in new[] { "fr", "ar" })
        {
            foreach (var path in Pages)
            {
                var url = path + (lang == "fr" ? "" : "?lang=" + lang);
                await page.GotoAsync(url);
                (await page.EvaluateAsync<string>("document.documentElement.className")).ShouldBe("text-larger", url);
                var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                if (width > Phone.Width)
                {
                    var widest = await page.EvaluateAsync<string>("() => { let w = null; for (const e of document.body.querySelectorAll('*')) { const r = e.getBoundingClientRect(); if (r.right > innerWidth + 1 && (!w || r.right > w.r)) w = { r: r.right, e: e }; } if (!w) return ''; const chain = []; for (let x = w.e; x && x !== document.body; x = x.parentElement) { const r = x.getBoundingClientRect(); chain.push(x.tagName.toLowerCase() + '.' + x.className + ' [' + Math.round(r.left) + '-' + Math.round(r.right) + '] ' + getComputedStyle(x).position); } return chain.join(' < '); }");
                    report.Add($"{url}: {width} px wide ({widest})");
                }

                report.AddRange((await BrowserFixture.AccessibilityViolationsAsync(page)).Select(v => url + " → " + v));
            }
        }

        report.ShouldBeEmpty(string.Join("\n", report));
    }

    [BrowserFact]
    public async Task EasyRead_SwitchedOn_HomeAndSheetInEasyFrenchWithPictogramsAndAxeClean()
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Facile à lire" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manger" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Repères vous aide à trouver de l’aide près de chez vous.")).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manger" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manger", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/structure/halte-accueil-ozanam");
        await Assertions.Expect(page.GetByText("L’adresse est : 27 rue Yves Collet, 29200 Brest.")).ToBeVisibleAsync();
        var pictograms = await page.Locator(".easy-lines li svg").CountAsync();
        pictograms.ShouldBe(await page.Locator(".easy-lines li").CountAsync());
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // "Écouter" is a link to the sheet's audio, which the browser can fetch and play.
        var listen = page.GetByRole(AriaRole.Link, new() { Name = "Écouter" });
        await Assertions.Expect(listen).ToBeVisibleAsync();
        var audio = await page.APIRequest.GetAsync((await listen.GetAttributeAsync("href"))!);
        audio.Status.ShouldBe(200);
        audio.Headers["content-type"].ShouldBe("audio/ogg");
    }

    private static Task<double> RootFontSizeAsync(IPage page) =>
        page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.documentElement).fontSize)");
}
