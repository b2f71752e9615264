using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The guide in the languages of the people it serves, on a 390-pixel phone: an Arabic and a Dari visitor go from a
/// need to a place and print its slip, in a truly mirrored page; axe on the key pages of every language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguagesBrowserTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [BrowserFact]
    public Task NeedToPrintedSlip_ArabicVisitor_CompletesInAMirroredPage() => NeedToPrintedSlipAsync("ar");

    [BrowserFact]
    public Task NeedToPrintedSlip_DariVisitor_CompletesInAMirroredPage() => NeedToPrintedSlipAsync("fa-AF");

    private async Task NeedToPrintedSlipAsync(string code)
    {
        var language = Cultures.Find(code)!;
        var page = await browser.NewPageAsync(locale: code, viewport: Phone);
        var violations = new List<string>();

        // The home in the visitor's language (from the browser's), right to left; the need named in that language.
        await page.GotoAsync("/");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe(code);
        (await page.Locator("html").GetAttributeAsync("dir")).ShouldBe("rtl");
        violations.AddRange(await BrowserFixture.AccessibilityViolationsAsync(page));
        var eat = TaxonomyFiles.Taxonomy().Needs.Single(n => n.Code == "se-nourrir").Name.In(language.Culture);
        await page.GetByRole(AriaRole.Link, new() { Name = eat, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = eat, Level = 1 })).ToBeVisibleAsync();
        violations.AddRange(await BrowserFixture.AccessibilityViolationsAsync(page));

        // A place's sheet, then onto the slip.
        var first = page.Locator("ol.results > li h2 a").First;
        var name = (await first.TextContentAsync())!.Trim();
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        violations.AddRange(await BrowserFixture.AccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = T(language, "Ajouter à ma fiche d’orientation") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = T(language, "Ma fiche ({0})", 1) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(language, "Ma fiche d’orientation"), Level = 1 })).ToBeVisibleAsync();
        violations.AddRange(await BrowserFixture.AccessibilityViolationsAsync(page));

        // Printed in the visitor's language: one A4 sheet with the place and Arabic-script text.
        await page.GetByRole(AriaRole.Link, new() { Name = T(language, "Imprimer la fiche"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(language, "Fiche d’orientation"), Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("html").GetAttributeAsync("dir")).ShouldBe("rtl");
        violations.AddRange(await BrowserFixture.AccessibilityViolationsAsync(page));
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        var sheets = await PaperPrint.SqueezedSheetsAsync(page);
        sheets.Count.ShouldBe(1);
        sheets[0].ShouldContain(new string(name.Where(c => !char.IsWhiteSpace(c)).ToArray()));
        ArabicScript().IsMatch(sheets[0]).ShouldBeTrue("the slip is printed in the visitor's script");

        violations.ShouldBeEmpty();
    }

    /// <summary>
    /// Mirrored, measured in the page as drawn on a phone: the search button left of the field, the results' names and
    /// the header's first item on the right, nothing wider than the screen; a screenshot kept for a person to look at.
    /// </summary>
    [BrowserFact]
    public async Task Results_RightToLeftLanguages_LayoutMirrored()
    {
        foreach (var language in Cultures.Languages.Where(l => l.RightToLeft))
        {
            var page = await browser.NewPageAsync(locale: language.Code, viewport: Phone);
            await page.GotoAsync("/recherche?q=manger");
            await page.WaitForLoadStateAsync(LoadState.Load);

            var field = (await page.GetByRole(AriaRole.Searchbox).First.BoundingBoxAsync())!;
            var button = (await page.GetByRole(AriaRole.Button, new() { Name = T(language, "Chercher"), Exact = true }).BoundingBoxAsync())!;
            (button.X + button.Width).ShouldBeLessThanOrEqualTo(field.X + 1, $"{language.Code}: the search button is on the left");

            var item = (await page.Locator("ol.results > li").First.BoundingBoxAsync())!;
            var title = (await page.Locator("ol.results > li h2 a").First.BoundingBoxAsync())!;
            (item.X + item.Width - (title.X + title.Width)).ShouldBeLessThan(4, $"{language.Code}: a result's name starts on the right");
            var brand = (await page.Locator(".site-header .brand").BoundingBoxAsync())!;
            brand.X.ShouldBeGreaterThan(Phone.Width / 2, $"{language.Code}: the brand is on the right of the header");
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, language.Code);

            // Phone numbers read left to right inside right-to-left text.
            (await page.Locator("a[href^='tel:']").First.EvaluateAsync<string>("a => getComputedStyle(a).direction")).ShouldBe("ltr");
            var shot = Path.Combine(Path.GetTempPath(), $"reperes-results-{language.Code}.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = false });
            new FileInfo(shot).Length.ShouldBeGreaterThan(10_000);
        }
    }

    [BrowserFact]
    public async Task KeyPages_EveryLanguage_NoSeriousAccessibilityViolation()
    {
        var violations = new List<string>();
        foreach (var language in Cultures.Languages)
        {
            var page = await browser.NewPageAsync(locale: language.Code, viewport: Phone);
            await page.GotoAsync("/recherche?q=manger");
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe(language.Code);
            violations.AddRange((await BrowserFixture.AccessibilityViolationsAsync(page)).Select(v => $"{language.Code} results: {v}"));
            await page.Locator("ol.results > li form button[type=submit]").First.ClickAsync();
            await Assertions.Expect(page.Locator(".slip-bar")).ToBeVisibleAsync();
            foreach (var (kind, url) in new[] { ("home", "/"), ("sheet", "/structure/halte-accueil-ozanam"), ("slip", "/fiche-orientation"), ("slip print", "/fiche-orientation/imprimer") })
            {
                await page.GotoAsync(url);
                violations.AddRange((await BrowserFixture.AccessibilityViolationsAsync(page)).Select(v => $"{language.Code} {kind}: {v}"));
            }
        }

        violations.ShouldBeEmpty();
    }

    private string T(InterfaceLanguage language, string key, params object[] arguments)
    {
        var localizer = browser.App.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture;
        try
        {
            var text = localizer[key, arguments];
            text.ResourceNotFound.ShouldBeFalse($"{language.Code}: {key}");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex(@"\p{IsArabic}{3,}")]
    private static partial Regex ArabicScript();
}
