using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The staff's forms as a person uses them, with and without JavaScript: a sheet's hours in the weekly grid, the
/// notice form by kind, and the review of a proposal. The coordinator edits sheets no other browser test reads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffFormsBrowserTests(BrowserFixture browser)
{
    private const string Coordinator = "coordination@demo.reperes.example";
    private const string Expert = "Horaires au format OpenStreetMap (ex. : Mo-Fr 09:00-12:00,14:00-17:00; PH off)";

    private static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
    }

    private static ILocator Slot(ILocator hours, string label) => hours.GetByLabel(label, new() { Exact = true });

    [BrowserFact]
    public async Task SheetHours_WithoutJavaScript_GridThenTheWeekThenSaved()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await LogInAsync(page, Coordinator);
        await page.GotoAsync("/mon-espace/structure/office-des-retraites-brestois/modifier");
        var hours = page.GetByRole(AriaRole.Group, new() { Name = "Horaires d’ouverture de la structure" });

        // The grid, filled with the saved hours; the syntax behind a closed toggle; no other tab to open.
        await Assertions.Expect(hours.GetByLabel("Avec la grille de la semaine type (ci-dessous)")).ToBeCheckedAsync();
        await Assertions.Expect(Slot(hours, "Lundi, créneau 2, de")).ToHaveValueAsync("14:00");
        await Assertions.Expect(hours.GetByLabel(Expert)).ToBeHiddenAsync();
        await Assertions.Expect(hours.GetByRole(AriaRole.Button, new() { Name = "Recopier les horaires du lundi du mardi au vendredi" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("main a[target=_blank]")).ToHaveCountAsync(0);

        // Wednesday afternoon closed, Saturday morning open: the week shows it before anything is saved.
        await Slot(hours, "Mercredi, créneau 2, de").FillAsync("");
        await Slot(hours, "Mercredi, créneau 2, à").FillAsync("");
        await Slot(hours, "Samedi, créneau 1, de").FillAsync("09:30");
        await Slot(hours, "Samedi, créneau 1, à").FillAsync("11:30");
        await hours.GetByRole(AriaRole.Button, new() { Name = "Voir la semaine avec ces horaires" }).ClickAsync();
        var week = page.GetByRole(AriaRole.Table, new() { Name = "Ce que ces horaires donnent sur les sept prochains jours" });
        await Assertions.Expect(week.GetByRole(AriaRole.Row).Filter(new() { HasText = "Samedi" })).ToContainTextAsync("09:30–11:30");
        await Assertions.Expect(week.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mercredi" })).ToContainTextAsync("09:00–12:00");
        await Assertions.Expect(week.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mercredi" })).Not.ToContainTextAsync("14:00");
        await Assertions.Expect(Slot(hours, "Samedi, créneau 1, de")).ToHaveValueAsync("09:30");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "La fiche est enregistrée" })).ToBeVisibleAsync();

        // The toggle opens without JavaScript and shows what the grid wrote.
        await page.GotoAsync("/mon-espace/structure/office-des-retraites-brestois/modifier");
        await page.GetByText("Mode expert : horaires au format OpenStreetMap").ClickAsync();
        await Assertions.Expect(page.GetByLabel(Expert)).ToHaveValueAsync("Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00; Sa 09:30-11:30; PH off");
    }

    [BrowserFact]
    public async Task SheetHours_WithJavaScript_CopiesMondayChecksTheSyntaxAsOneTypesAndIsAccessible()
    {
        var page = await browser.NewPageAsync();
        await LogInAsync(page, Coordinator);
        await page.GotoAsync("/mon-espace/structure/roul-age/modifier");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var hours = page.GetByRole(AriaRole.Group, new() { Name = "Horaires d’ouverture de la structure" });

        await Slot(hours, "Lundi, créneau 1, de").FillAsync("08:00");
        await hours.GetByRole(AriaRole.Button, new() { Name = "Recopier les horaires du lundi du mardi au vendredi" }).ClickAsync();
        await Assertions.Expect(Slot(hours, "Vendredi, créneau 1, de")).ToHaveValueAsync("08:00");
        await Assertions.Expect(Slot(hours, "Samedi, créneau 1, de")).ToHaveValueAsync("");
        await Assertions.Expect(hours.GetByRole(AriaRole.Status).Filter(new() { HasText = "recopiés" })).ToBeVisibleAsync();

        // The expert mode: typing in it chooses it, and the server's evaluator answers as one types.
        await page.GetByText("Mode expert : horaires au format OpenStreetMap").ClickAsync();
        await page.GetByLabel(Expert).FillAsync("Mo-Fx 09:00-12:00");
        await Assertions.Expect(hours.GetByLabel("Au format OpenStreetMap (mode expert)")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#Input_Hours_live")).ToContainTextAsync("Erreur");
        await page.GetByLabel(Expert).FillAsync("Mo-Fr 08:00-12:00; PH off");
        await Assertions.Expect(page.Locator("#Input_Hours_live")).ToContainTextAsync("Horaires valides");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "La fiche est enregistrée" })).ToBeVisibleAsync();
        await page.GotoAsync("/mon-espace/structure/roul-age/modifier");
        await Assertions.Expect(Slot(page.GetByRole(AriaRole.Group, new() { Name = "Horaires d’ouverture de la structure" }), "Jeudi, créneau 1, à")).ToHaveValueAsync("12:00");
    }

    [BrowserFact]
    public async Task Notices_ChoiceFirstThenOnlyItsFields_WithAndWithoutJavaScript()
    {
        foreach (var javaScript in new[] { false, true })
        {
            var page = await browser.NewPageAsync(javaScript: javaScript);
            await LogInAsync(page, Coordinator);
            await page.GotoAsync("/mon-espace/structure/office-des-retraites-brestois/fermetures");
            var form = page.Locator("form.notice-form");

            // A closure by default: dates and a reason, no grid.
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Une fermeture" })).ToHaveAttributeAsync("aria-current", "true");
            await Assertions.Expect(form.GetByLabel("Fermé à partir du (premier jour de fermeture)")).ToBeVisibleAsync();
            await Assertions.Expect(form.Locator("input[type=time]")).ToHaveCountAsync(0);
            if (javaScript)
            {
                (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Un message daté" }).ClickAsync();
            await Assertions.Expect(form.GetByLabel("Message (obligatoire)")).ToBeVisibleAsync();
            await Assertions.Expect(form.Locator("input[type=time]")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Link, new() { Name = "Des horaires exceptionnels" }).ClickAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Group, new() { Name = "Les horaires pendant cette période" })).ToBeVisibleAsync();
            if (javaScript)
            {
                (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
                continue;
            }

            await form.GetByLabel("Du (premier jour)").FillAsync("2026-12-28");
            await form.GetByLabel("Au (dernier jour, inclus)").FillAsync("2026-12-31");
            await Slot(form, "Lundi, créneau 1, de").FillAsync("10:00");
            await Slot(form, "Lundi, créneau 1, à").FillAsync("12:00");
            await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les horaires exceptionnels" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("C’est enregistré");
            await Assertions.Expect(page.Locator("ul.results")).ToContainTextAsync("Horaires exceptionnels du 28 décembre au 31 décembre 2026");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Retirer cette information" })).ToHaveClassAsync("danger-link");
        }
    }

    [BrowserFact]
    public async Task Moderation_ReviewShowsTheTextThenRefusesWithAReasonOrPublishes()
    {
        var editor = await browser.NewPageAsync();
        await LogInAsync(editor, "redaction.ozanam@demo.reperes.example");
        foreach (var title in new[] { "Goûter de la halte", "Vide-grenier de la halte" })
        {
            await editor.GotoAsync("/mon-espace/publications/nouvelle?type=article&structure=halte-accueil-ozanam");
            await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
            await editor.GetByLabel("Texte", new() { Exact = true }).FillAsync("Un moment **ensemble**, ouvert à toutes et à tous.");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Proposer à la publication" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("C’est proposé");
        }

        var manager = await browser.NewPageAsync();
        await LogInAsync(manager, "gestion.ozanam@demo.reperes.example");
        await manager.GotoAsync("/mon-espace/a-valider");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Goûter de la halte", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Examiner : Goûter de la halte", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator(".review article strong")).ToHaveTextAsync("ensemble");
        await Assertions.Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true })).ToHaveCountAsync(0);
        (await BrowserFixture.AccessibilityViolationsAsync(manager)).ShouldBeEmpty();

        // Refusing asks for the reason first (the browser's own check, then the server's).
        await manager.GetByRole(AriaRole.Button, new() { Name = "Refuser la publication" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Examiner : Goûter de la halte");
        await manager.GetByLabel("Raison du refus (l’auteur ou l’autrice la lira)").FillAsync("Précisez le jour et l’heure du goûter.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Refuser la publication" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Le refus est enregistré");
        await Assertions.Expect(manager.GetByRole(AriaRole.Link, new() { Name = "Goûter de la halte", Exact = true })).ToHaveCountAsync(0);
        (await BrowserFixture.AccessibilityViolationsAsync(manager)).ShouldBeEmpty();

        await manager.GetByRole(AriaRole.Link, new() { Name = "Vide-grenier de la halte", Exact = true }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("C’est publié");

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/structure/halte-accueil-ozanam");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Vide-grenier de la halte" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByText("Goûter de la halte")).ToHaveCountAsync(0);
    }
}
