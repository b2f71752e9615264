using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>The edit area of a sheet in headless Chromium, as its staff use it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SheetEditBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_AddsAServiceWithTheEmbeddedHoursGrid_PreviewsAndSavesIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("gestion.ozanam@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        await page.GotoAsync("/mon-espace/structure/halte-accueil-ozanam/modifier");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un service" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter un service : Halte Accueil Frédéric Ozanam", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Catégorie (ce que les personnes viennent chercher)").SelectOptionAsync(new SelectOptionValue { Label = "Domiciliation (adresse postale)" });
        await page.GetByLabel("Nom du service (facultatif, ex. : « Petit-déjeuner »)").FillAsync("Courrier");
        await page.GetByLabel("Sur orientation d’un professionnel (travailleur social…)").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Les mêmes que ceux de la structure")).ToBeCheckedAsync();
        await page.GetByLabel("Lundi, créneau 1, de", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Lundi, créneau 1, à", new() { Exact = true }).FillAsync("16:00");
        // Filling the grid chooses it.
        await Assertions.Expect(page.GetByLabel("Avec la grille de la semaine type (ci-dessous)")).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();
        var preview = page.Locator("section.preview");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Courrier" })).ToBeVisibleAsync();
        await Assertions.Expect(preview).ToContainTextAsync("Sur orientation d’un professionnel");
        await Assertions.Expect(page.GetByLabel("Lundi, créneau 1, de", new() { Exact = true })).ToHaveValueAsync("14:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le service" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le service est ajouté à la fiche." })).ToBeVisibleAsync();
        await page.GotoAsync("/structure/halte-accueil-ozanam");
        var service = page.Locator("ul.services > li").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Courrier" }) });
        await service.GetByText("Horaires de ce service").ClickAsync();
        await Assertions.Expect(service.GetByRole(AriaRole.Table)).ToContainTextAsync("14:00–16:00");

        // The other pages of the edit area are as accessible.
        foreach (var url in new[] { "/mon-espace/structure/halte-accueil-ozanam/fermetures", "/mon-espace/structure/halte-accueil-ozanam/historique" })
        {
            await page.GotoAsync(url);
            (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty(url);
        }

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Revenir à cette version") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Revenir à la version du");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Manager_DescribesADigitalServicesMediation_TheFormAndTheSheetAreAccessibleOnAPhone()
    {
        var page = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("gestion.restos@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GotoAsync("/mon-espace/structure/restos-du-coeur-brest/modifier");
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier le service « PAPI des Restos »" }).ClickAsync();

        var equipment = page.GetByRole(AriaRole.Group, new() { Name = "Matériel à disposition" });
        await Assertions.Expect(equipment.GetByLabel("Imprimante")).ToBeCheckedAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await equipment.GetByLabel("Scanner").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Comment les personnes sont aidées" }).GetByLabel("Atelier en groupe").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le service" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le service est enregistré." })).ToBeVisibleAsync();

        await page.GotoAsync("/structure/restos-du-coeur-brest");
        var service = page.Locator("ul.services > li").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "PAPI des Restos" }) });
        await Assertions.Expect(service.GetByRole(AriaRole.Term).Filter(new() { HasText = "Matériel à disposition" })).ToBeVisibleAsync();
        await Assertions.Expect(service.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Scanner" })).ToBeVisibleAsync();
        await Assertions.Expect(service.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Atelier en groupe" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
    }
}
