using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>The coordination's pages in headless Chromium, located by role and name as a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinationBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Coordinator_CreatesAStructureSpace_AndItsInvitedManagerJoinsIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Espaces des structures" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Espaces des structures", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer l’espace d’une structure" }).ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByLabel("Nom de la structure").FillAsync("Laverie solidaire de Recouvrance");
        await page.GetByLabel("Type de structure").SelectOptionAsync(new SelectOptionValue { Label = "Association" });
        await page.GetByLabel("Commune (nom ou code postal)").FillAsync("Brest");
        await page.GetByLabel("Ce que fait la structure, en une phrase").FillAsync("Laver son linge pour un euro, avec un café.");
        await page.GetByLabel("Adresse électronique de sa ou son gestionnaire").FillAsync("laverie@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l’espace et inviter sa ou son gestionnaire" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Équipe de Laverie solidaire de Recouvrance", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation envoyée à laverie@example.org.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer à nouveau à laverie@example.org" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        var link = (await Mailbox.InvitationLinksToAsync(browser.App, "laverie@example.org")).ShouldHaveSingleItem();
        var invited = await browser.NewPageAsync();
        await invited.GotoAsync(link);
        await invited.GetByLabel("Votre nom ou prénom (visible par l’équipe)").FillAsync("Maëlys");
        await invited.GetByLabel("Nouveau mot de passe (10 caractères au moins)").FillAsync("un mot de passe assez long");
        await invited.GetByLabel("Le même, pour confirmer").FillAsync("un mot de passe assez long");
        await invited.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte et rejoindre l’équipe" }).ClickAsync();

        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Name = "Laverie solidaire de Recouvrance" })).ToBeVisibleAsync();
        await invited.GetByRole(AriaRole.Link, new() { Name = "Équipe", Exact = true }).ClickAsync();
        await Assertions.Expect(invited.GetByText("Maëlys (laverie@example.org) — Gestionnaire")).ToBeVisibleAsync();
    }
}
