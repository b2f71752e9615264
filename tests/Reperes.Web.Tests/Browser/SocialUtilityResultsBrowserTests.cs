using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using Reperes.Web.Tests.SocialUtility;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The results of social utility on a 390-pixel phone: an action's results (charts that fit, each an image with its
/// name, beside its table), the funder's report on A4, the territory's page for the coordinator, the network's for
/// another structure, the published public page; axe-core finds nothing serious on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialUtilityResultsBrowserTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [BrowserFact]
    public async Task Results_OnAPhone_FitTheScreenPrintAndPassAxe()
    {
        await TerritoryTests.ArrangeAsync(browser.App, structures: 6);
        var (slug, actionId) = await browser.App.WithDbAsync(async db =>
        {
            var action = await db.EvaluatedActions.OrderBy(a => a.Id).FirstAsync(a => a.Title == "Atelier (test)");
            return (await db.Structures.Where(s => s.Id == action.StructureId).Select(s => s.Slug).SingleAsync(), action.Id);
        });

        var coordinator = await SignedInAsync(PublicationWorkflowTests.Coordinator);
        await coordinator.GotoAsync($"/mon-espace/structure/{slug}/utilite-sociale/actions/{actionId}/resultats");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Résultats : Atelier (test)", Level = 1 })).ToBeVisibleAsync();
        foreach (var chart in new[] { "Personnes accompagnées (test), période par période", "Plus à l’aise (test), période par période", "Témoignages codés : Liens noués (test)" })
        {
            await FitsAsync(coordinator.GetByRole(AriaRole.Img, new() { Name = chart }), chart);
        }

        await Assertions.Expect(coordinator.GetByRole(AriaRole.Table, new() { Name = "Personnes accompagnées (test)" })).ToContainTextAsync("15 personnes");
        await PageIsSoundAsync(coordinator);

        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Rapport à imprimer pour un financeur" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Utilité sociale : Atelier (test)");
        await PageIsSoundAsync(coordinator);
        var paper = string.Concat(await PaperPrint.SqueezedSheetsAsync(coordinator));
        paper.ShouldContain("Jesuisfièredemoi");
        paper.ShouldNotContain("Personnenedoitlirececi");
        paper.ShouldNotContain("Imprimezcettepage");

        await coordinator.GotoAsync("/mon-espace");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Utilité sociale : le territoire" }).ClickAsync();
        await coordinator.GetByLabel("Année").SelectOptionAsync("2024");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Table, new() { Name = "Indicateurs : Capacité d’agir (test)" })).ToContainTextAsync("74,5 personnes");
        await FitsAsync(coordinator.GetByRole(AriaRole.Img, new() { Name = "Témoignages codés : Liens noués (test)" }), "territory chart");
        await PageIsSoundAsync(coordinator);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les chiffres de 2024" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les chiffres de 2024 sont enregistrés.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Publier les chiffres enregistrés" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les chiffres de 2024 sont publiés sur la page publique.");

        var visitor = await browser.NewPageAsync(viewport: Phone);
        await visitor.GotoAsync("/utilite-sociale/2024");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Utilité sociale des actions du réseau en 2024", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Table, new() { Name = "Indicateurs : Capacité d’agir (test)" })).ToContainTextAsync("74,5 personnes");
        await PageIsSoundAsync(visitor);

        var otherStructure = await SignedInAsync(PublicationWorkflowTests.OtherManager);
        await otherStructure.GotoAsync("/mon-espace/utilite-sociale/territoire?annee=2024");
        await Assertions.Expect(otherStructure.GetByRole(AriaRole.Table, new() { Name = "Indicateurs : Capacité d’agir (test)" })).ToContainTextAsync("74,5 personnes");
        await PageIsSoundAsync(otherStructure);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
        return page;
    }

    private static async Task FitsAsync(ILocator image, string name)
    {
        await Assertions.Expect(image).ToBeVisibleAsync();
        var box = (await image.BoundingBoxAsync()).ShouldNotBeNull();
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(390, name);
        box.Width.ShouldBeGreaterThan(300, name);
    }

    private static async Task PageIsSoundAsync(IPage page)
    {
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, page.Url);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty(page.Url);
    }
}
