using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// A referral as a social worker sends it from a sheet on a phone, and as the structure answers it by the link of its
/// e-mail without an account: the form (with a refused phone number first) and the answer page pass axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferralBrowserTests(BrowserFixture browser)
{
    private const string Professional = "assistante.sociale@cdas.demo.reperes.example";
    private const string Manager = "gestion.ozanam@demo.reperes.example";

    [BrowserFact]
    public async Task Referral_SentFromASheetAndAcceptedByTheLink_FormAndAnswerPageAccessible()
    {
        var page = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(Professional);
        await page.GetByLabel("Mot de passe").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("/structure/halte-accueil-ozanam");
        await page.GetByRole(AriaRole.Link, new() { Name = "Adresser une personne : Bagagerie" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Adresser une personne : Bagagerie", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await Assertions.Expect(page.GetByLabel("Message au service (facultatif, 500 caractères au plus)")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("N’écrivez rien sur la santé"));

        await page.GetByLabel("Situation de logement").SelectOptionAsync(new SelectOptionValue { Label = "À la rue" });
        await page.GetByLabel("Disponibilités pour un rendez-vous").FillAsync("Les matins");
        await page.GetByLabel("La personne a donné son accord").CheckAsync();
        await page.GetByLabel("Votre téléphone (facultatif)").FillAsync("12ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ce numéro de téléphone n’est pas valide");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // What was typed stays; the phone corrected and a document joined, the request leaves.
        await Assertions.Expect(page.GetByLabel("Situation de logement")).ToHaveValueAsync("À la rue");
        await page.GetByLabel("Votre téléphone (facultatif)").FillAsync("02 98 00 11 22");
        await page.GetByLabel("Un PDF, un JPEG ou un PNG de 5 Mo au plus, seulement s’il est demandé").SetInputFilesAsync(
            new FilePayload { Name = "attestation.pdf", MimeType = "application/pdf", Buffer = Orientation.Referrals.ReferralTests.Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La demande est envoyée");
        await Assertions.Expect(page.GetByText("envoyée, en attente de réponse")).ToBeVisibleAsync();
        var request = page.Url;

        // The structure answers from its e-mail, in a browser without an account.
        var mail = Mailbox.Read(browser.App.DataDirectory).Last(m => m.To.Contains(Manager, StringComparison.Ordinal) && m.Subject.Contains("Bagagerie", StringComparison.Ordinal));
        var structure = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await structure.GotoAsync(mail.FirstLink);
        await Assertions.Expect(structure.GetByRole(AriaRole.Heading, new() { Name = "Demande d’adressage : Bagagerie", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(structure.GetByText("À la rue")).ToBeVisibleAsync();
        await structure.WaitForLoadStateAsync(LoadState.Load);
        (await structure.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(structure)).ShouldBeEmpty();
        await structure.GetByLabel("Accepter : le rendez-vous ou la suite (obligatoire)").FillAsync("Mardi 10 h, à l’accueil, demandez Yann.");
        await structure.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" }).ClickAsync();
        await Assertions.Expect(structure.GetByRole(AriaRole.Status)).ToContainTextAsync("Merci : la demande est acceptée.");
        (await BrowserFixture.AccessibilityViolationsAsync(structure)).ShouldBeEmpty();

        // The link is spent; the professional reads the answer.
        var again = await structure.GotoAsync(mail.FirstLink);
        again!.Status.ShouldBe(410);
        await Assertions.Expect(structure.GetByRole(AriaRole.Alert)).ToContainTextAsync("déjà reçu une réponse");
        (await BrowserFixture.AccessibilityViolationsAsync(structure)).ShouldBeEmpty();
        await page.GotoAsync(request);
        await Assertions.Expect(page.GetByText("Mardi 10 h, à l’accueil, demandez Yann.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".badge")).ToHaveTextAsync("acceptée");
    }
}
