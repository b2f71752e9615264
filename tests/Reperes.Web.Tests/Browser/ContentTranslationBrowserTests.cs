using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>A translator's round trip in headless Chromium: from Mon espace to a sheet's translations, then the sheet in English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentTranslationBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Translator_TranslatesASheetsSummary_AnEnglishVisitorReadsIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("traduction@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Traductions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traductions", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Halte Accueil Frédéric Ozanam" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traductions de la fiche : Halte Accueil Frédéric Ozanam", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "English" })).ToHaveAttributeAsync("aria-current", "true");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        var summary = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "La fiche — Résumé" }) });
        await Assertions.Expect(summary).ToContainTextAsync("À traduire");
        await summary.GetByLabel("Traduction (English) : La fiche — Résumé").FillAsync("Day centre: breakfast, showers and laundry for people sleeping rough.");
        await summary.GetByRole(AriaRole.Button, new() { Name = "Enregistrer, relue" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Traduction enregistrée et marquée comme relue." })).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToContainTextAsync("relue par Nour (traduction)");
        await Assertions.Expect(summary.GetByLabel("Traduction (English) : La fiche — Résumé")).ToHaveValueAsync("Day centre: breakfast, showers and laundry for people sleeping rough.");

        // The sheet in English: the summary translated, the presentation still in French and marked so.
        await page.GotoAsync("/langue/en?returnUrl=/structure/halte-accueil-ozanam");
        var sheet = page.GetByRole(AriaRole.Article);
        await Assertions.Expect(sheet.GetByText("Day centre: breakfast, showers and laundry for people sleeping rough.")).ToBeVisibleAsync();
        await Assertions.Expect(sheet.GetByText("La Halte Accueil accueille sans condition", new() { Exact = false })).ToHaveAttributeAsync("lang", "fr");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
    }
}
