using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.OpenData.Imports;

namespace Reperes.Web.Tests.Browser;

/// <summary>The coordinator's import page in headless Chromium: upload, the plan, apply; accessible at each step.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportsBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Coordinator_UploadsAFile_SeesThePlanThenApplies()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des structures" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importer des structures", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le modèle XLSX (avec une feuille d’aide)" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // Left a draft (not put online), so that the other browser tests see the same public guide.
        await page.GetByLabel("Fichier (JSON, CSV ou XLSX, 20 Mo au plus)").SetInputFilesAsync(new FilePayload
        {
            Name = "lieux-mediation.csv",
            MimeType = "text/csv",
            Buffer = ImportFixtures.MediationExample,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir ce que l’import ferait" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce que l’import ferait" })).ToBeVisibleAsync();
        var plan = page.GetByRole(AriaRole.Table, new() { Name = "Plan de l’import, ligne par ligne" });
        var row = plan.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Anonymal" }) });
        await Assertions.Expect(row).ToContainTextAsync("À créer");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 à créer");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce que l’import a fait" })).ToBeVisibleAsync();
        var result = page.GetByRole(AriaRole.Table, new() { Name = "Résultat de l’import, ligne par ligne" });
        await Assertions.Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = "Anonymal" })).ToContainTextAsync("Créée");
        await Assertions.Expect(result.GetByRole(AriaRole.Link, new() { Name = "Anonymal" })).ToHaveAttributeAsync("href", "/mon-espace/structure/anonymal/modifier");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
    }
}
