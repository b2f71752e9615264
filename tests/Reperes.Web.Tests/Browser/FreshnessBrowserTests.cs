using Microsoft.Playwright;
using Reperes.Web.Tests.Freshness;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>Fresh data in headless Chromium: a reminder's link followed from the mailbox, a campaign and its progress.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FreshnessBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_FollowsTheReminderLink_AndConfirmsInOneClickWithoutLogin()
    {
        var app = browser.App;
        var before = app.Clock.Now;
        try
        {
            // Whatever other tests did to the sheet, move the clock to its due date: the reminder goes out.
            app.Clock.Now = (await FreshnessTestData.DueAtAsync(app, FreshnessTestData.Ozanam)).AddHours(1);
            (await FreshnessTestData.RunRemindersAsync(app)).Sent.ShouldBeGreaterThan(0);
            var mail = FreshnessTestData.RemindersTo(app, FreshnessTestData.OzanamManager)[^1];

            var page = await browser.NewPageAsync();
            await page.GotoAsync(FreshnessTestData.LinkOf(mail));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les informations de « Halte Accueil Frédéric Ozanam » sont-elles à jour ?", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Horaires", Level = 2 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mettre à jour" })).ToBeVisibleAsync();
            (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

            // One section first, then everything else in one click.
            await page.GetByRole(AriaRole.Button, new() { Name = "Rien n’a changé : Horaires" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("« Horaires » est confirmé.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Rien n’a changé", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merci !", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Les informations de « Halte Accueil Frédéric Ozanam » sont confirmées.");
            (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

            // The same link again: refused, with what to do.
            await page.GotoAsync(FreshnessTestData.LinkOf(mail));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce lien a déjà servi", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter à mon espace" })).ToBeVisibleAsync();
            (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        }
        finally
        {
            app.Clock.Now = before;
        }
    }

    [BrowserFact]
    public async Task Coordinator_CreatesACampaign_AndSeesItsProgress()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Campagnes de vérification" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campagnes de vérification", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle campagne" }).ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByLabel("Nom de la campagne (ex. : Fermetures d’été)").FillAsync("Plan hiver au Relecq");
        await page.GetByLabel("Message aux structures (facultatif, repris dans le courriel)").FillAsync("Vos horaires changent-ils cet hiver ?");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Fermetures et informations temporaires" }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Horaires" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Celles d’une commune :" }).CheckAsync();
        await page.GetByLabel("Commune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Le Relecq-Kerhuon" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la campagne" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campagne : Plan hiver au Relecq", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La campagne est créée avec 1 structures.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "À faire : 1" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // No manager to send the link to: the coordinator calls, and records the answer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer les liens (1 structures jamais contactées)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Liens envoyés à 0 structures. 1 structures n’ont pas de gestionnaire");
        var group = page.GetByRole(AriaRole.Group, new() { Name = "Réponse obtenue pour « CCAS du Relecq-Kerhuon »" });
        await group.GetByRole(AriaRole.Radio, new() { Name = "Par téléphone" }).CheckAsync();
        await group.GetByLabel("Note (facultatif)").FillAsync("Horaires d’hiver inchangés");
        await group.GetByRole(AriaRole.Button, new() { Name = "Enregistrer : rien n’a changé" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La réponse est enregistrée.");
        await Assertions.Expect(page.GetByText("1 structures sur 1 ont répondu (100 %)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Fait : 1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("au téléphone", new() { Exact = false })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Toutes les campagnes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Plan hiver au Relecq" })).ToContainTextAsync("1 / 1");
    }
}
