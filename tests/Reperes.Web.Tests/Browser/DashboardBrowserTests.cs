using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>A public report and the coordination's dashboard in headless Chromium, located by role and name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Slug = "gem-brest";

    [BrowserFact]
    public async Task Public_ReportsAnError_CoordinatorSeesItOnTheDashboardAndMarksALateSheetUnverified()
    {
        // A sheet two years old, never verified: overdue.
        var name = await browser.App.WithDbAsync(async db =>
        {
            var structure = await db.Structures.SingleAsync(s => s.Slug == Slug);
            await db.Database.ExecuteSqlRawAsync("UPDATE structures SET verified_at = NULL, unverified_since = NULL WHERE id = {0}", structure.Id);
            structure.Touch(browser.App.Clock.GetUtcNow().AddYears(-2));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE structures SET created_at = updated_at WHERE id = {0}", structure.Id);
            return structure.Name;
        });

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/structure/" + Slug);
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Signaler une erreur sur cette fiche" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = $"Signaler une erreur sur « {name} »", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(visitor)).ShouldBeEmpty();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choisissez la partie de la fiche qui est inexacte.");
        await visitor.GetByRole(AriaRole.Radio, new() { Name = "Horaires" }).CheckAsync();
        await visitor.GetByLabel("Ce qui est faux, et ce qui serait juste si vous le savez").FillAsync("Fermé le mercredi depuis septembre.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("votre signalement est transmis");
        Mailbox.To(browser.App, "coordination@demo.reperes.example").ShouldContain(m => m.Subject.Contains(name) && m.Body.Contains("Fermé le mercredi depuis septembre."));

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord de la fraîcheur et de la qualité" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de la fraîcheur et de la qualité", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Part des fiches en ligne à jour, mois par mois" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Fraîcheur des fiches en ligne par besoin" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Exporter toutes les structures (CSV)" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = $"Décider pour {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Décider pour {name}", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme non vérifiée" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cochez la case pour confirmer la décision.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Je confirme : marquer « {name} » comme non vérifiée" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme non vérifiée" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La fiche est marquée non vérifiée");
        (await browser.App.WithDbAsync(db => db.Structures.Where(s => s.Slug == Slug).Select(s => s.UnverifiedSince).SingleAsync())).ShouldNotBeNull();

        await page.GotoAsync("/mon-espace/signalements");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{name} : Horaires" }).ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Ce qui a été fait (facultatif, transmis à la personne si elle a laissé son adresse)").FillAsync("Horaires corrigés.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme résolu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le signalement est résolu.");
    }
}
