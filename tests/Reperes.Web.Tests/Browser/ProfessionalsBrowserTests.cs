using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// A professional registers on a phone, confirms the address, the coordination validates the account, and the sheet
/// then shows what professionals see; axe on every page of the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProfessionalsBrowserTests(BrowserFixture browser)
{
    private const string Password = "un-mot-de-passe-long";

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task<string> LinkMailedToAsync(string email, string subject)
    {
        for (var i = 0; i < 50; i++)
        {
            if (Mailbox.To(browser.App, email).LastOrDefault(m => m.Subject.Contains(subject, StringComparison.Ordinal)) is { } mail)
            {
                return mail.FirstLink;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No e-mail “{subject}” to {email}");
    }

    [BrowserFact]
    public async Task Register_OnAPhoneThenValidatedByTheCoordination_SheetShowsWhatProfessionalsSee()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"nolwenn.{run}@le-phare.example";
        var workplace = $"Association Le Phare {run}";
        var page = await browser.NewPageAsync(viewport: new() { Width = 390, Height = 844 });

        await page.GotoAsync("/connexion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un compte professionnel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créer un compte professionnel", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByLabel("Votre nom").FillAsync("Nolwenn Le Bris");
        await page.GetByLabel("Adresse électronique professionnelle").FillAsync(email);
        await page.GetByLabel("Mot de passe (10 caractères au moins)").FillAsync("court");
        await page.GetByLabel("Organisme (service, association, hôpital…)").FillAsync(workplace);
        await page.GetByLabel("Type d’organisme").SelectOptionAsync(new SelectOptionValue { Label = "Association" });
        await page.GetByLabel("Votre fonction").FillAsync("Bénévole à l’accueil");
        await page.GetByLabel("Je travaille ou suis bénévole pour cet organisme.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le mot de passe doit compter au moins 10 caractères.");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await page.GetByLabel("Mot de passe (10 caractères au moins)").FillAsync(Password);
        await page.GetByLabel("Je travaille ou suis bénévole pour cet organisme.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ouvrez son lien pour confirmer votre adresse");

        await page.GotoAsync(await LinkMailedToAsync(email, "confirmez"));
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La coordination du réseau va valider votre compte professionnel");

        await LogInAsync(page, email, Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Demander un compte professionnel" }).ClickAsync();
        await Assertions.Expect(page.GetByText("attend la validation de la coordination")).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        var coordinator = await browser.NewPageAsync();
        await LogInAsync(coordinator, "coordination@demo.reperes.example", DemoAccounts.Password);
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Comptes professionnels et organismes partenaires" }).ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(coordinator)).ShouldBeEmpty();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Valider le compte de Nolwenn Le Bris" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToContainTextAsync("Compte validé");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = workplace })).ToBeVisibleAsync();

        // The professional view comes with the next session.
        var professional = await browser.NewPageAsync(viewport: new() { Width = 390, Height = 844 });
        await LogInAsync(professional, email, Password);
        await professional.GotoAsync("/structure/halte-accueil-ozanam");
        var section = professional.GetByRole(AriaRole.Region, new() { Name = "Pour les professionnels" });
        await Assertions.Expect(section).ToContainTextAsync("ligne directe 02 98 00 11 22");
        (await BrowserFixture.AccessibilityViolationsAsync(professional)).ShouldBeEmpty();
        (await professional.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
    }
}
