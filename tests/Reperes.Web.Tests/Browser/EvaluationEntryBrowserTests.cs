using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using Reperes.Web.Tests.SocialUtility;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// A member of a structure on a 390-pixel phone after a workshop: records a count and the answers to a scale, a
/// testimony that she codes against a criterion, the team's self-assessment, then reads the action's results (a chart
/// and its table); no page wider than the screen, axe-core satisfied on each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationEntryBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Entry_MemberOnAPhone_RecordsObservationsAndACodedTestimonyThenSeesTheChartAndItsTable()
    {
        var seed = await EntryTests.ArrangeAsync(browser.App);
        var page = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(PublicationWorkflowTests.Editor);
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));

        await page.GotoAsync(seed.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saisie : Atelier numérique des aînés, 2026", Level = 1 })).ToBeVisibleAsync();
        await FitsAndPassesAxeAsync(page, "saisie");

        // A count typed as words is refused beside its field, and kept to be corrected.
        var participants = page.GetByRole(AriaRole.Region, new() { Name = "Participants", Exact = true });
        var count = participants.GetByLabel("Nombre (personnes)");
        await count.FillAsync("douze");
        await participants.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(participants.GetByText("Indiquez un nombre entier, 0 ou plus (par exemple 12).")).ToBeVisibleAsync();
        await Assertions.Expect(count).ToHaveValueAsync("douze");
        await Assertions.Expect(count).ToHaveAttributeAsync("aria-invalid", "true");
        await FitsAndPassesAxeAsync(page, "saisie-erreur");
        await count.FillAsync("12");
        await participants.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(participants.GetByRole(AriaRole.Status)).ToHaveTextAsync("Enregistré.");
        await Assertions.Expect(participants).ToContainTextAsync("12 personnes");

        var confidence = page.GetByRole(AriaRole.Region, new() { Name = "Confiance en soi" });
        await confidence.GetByLabel("2. Un peu").FillAsync("2");
        await confidence.GetByLabel("3. Assez").FillAsync("5");
        await confidence.GetByLabel("4. Tout à fait").FillAsync("3");
        await confidence.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(confidence.GetByRole(AriaRole.Status)).ToHaveTextAsync("Enregistré.");
        await Assertions.Expect(confidence).ToContainTextAsync("Moyenne 3,1 sur 4 (10 réponses : Pas du tout 0, Un peu 2, Assez 5, Tout à fait 3)");
        await FitsAndPassesAxeAsync(page, "saisie-faite");

        // A testimony, then its coding.
        await page.GetByRole(AriaRole.Link, new() { Name = "Témoignages", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Témoignages : Atelier numérique des aînés, 2026", Level = 1 })).ToBeVisibleAsync();
        await FitsAndPassesAxeAsync(page, "temoignages");
        await page.GetByLabel("Prénom ou pseudonyme choisi avec la personne").FillAsync("Mireille");
        await page.GetByLabel("Ce que la personne a dit (ses mots)").FillAsync("Avant je n’osais pas aller à la mairie. Maintenant j’y vais seule.");
        await page.GetByLabel("Partagé avec le réseau").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le témoignage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le témoignage est enregistré." })).ToBeVisibleAsync();

        var testimony = page.GetByRole(AriaRole.Article, new() { Name = "Mireille" });
        await testimony.GetByText("Coder ce témoignage").ClickAsync();
        await testimony.GetByRole(AriaRole.Combobox, new() { Name = "Critère" }).SelectOptionAsync(new SelectOptionValue { Label = "Confiance" });
        await testimony.GetByRole(AriaRole.Radio, new() { Name = "Montre le critère atteint", Exact = true }).CheckAsync();
        await testimony.GetByLabel("Extrait qui le montre (facultatif)").FillAsync("Maintenant j'y vais seule");
        await testimony.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le codage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le codage est enregistré." })).ToBeVisibleAsync();
        await Assertions.Expect(testimony).ToContainTextAsync("Confiance : Montre le critère atteint");
        await Assertions.Expect(testimony).ToContainTextAsync("Partagé avec le réseau");
        await FitsAndPassesAxeAsync(page, "temoignages-codes");

        // The team's self-assessment.
        await page.GotoAsync(seed.Url + "/auto-evaluation");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Auto-évaluation : Atelier numérique des aînés, 2026", Level = 1 })).ToBeVisibleAsync();
        await FitsAndPassesAxeAsync(page, "auto-evaluation");
        var criterion = page.GetByRole(AriaRole.Group, new() { Name = "Confiance" });
        await criterion.GetByLabel("3. En bonne partie").CheckAsync();
        await criterion.GetByLabel("Commentaire (facultatif)").FillAsync("Les prises de parole se multiplient.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La séance d’auto-évaluation est enregistrée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("3 / 4 : En bonne partie");
        await FitsAndPassesAxeAsync(page, "auto-evaluation-faite");

        // The action's results: the chart of each indicator recorded, and the table with the same figures beside it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Saisie : Atelier numérique des aînés, 2026" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Résultats", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Résultats : Atelier numérique des aînés", Level = 1 })).ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Participants, période par période" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        var box = (await chart.BoundingBoxAsync()).ShouldNotBeNull();
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(390);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Participants", Exact = true });
        await Assertions.Expect(table.GetByRole(AriaRole.Row, new() { Name = "2026" })).ToContainTextAsync("12");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Confiance en soi, période par période" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Confiance en soi", Exact = true })).ToContainTextAsync("3,1");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Témoignages codés : Confiance" })).ToBeVisibleAsync();
        await FitsAndPassesAxeAsync(page, "resultats");
    }

    [BrowserFact]
    public async Task Entry_ConnectionLostOnSend_ValuesKeptOnThePhoneAndSentOnceBack()
    {
        var seed = await EntryTests.ArrangeAsync(browser.App);
        var page = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(PublicationWorkflowTests.Manager);
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
        await page.GotoAsync(seed.Url);

        var participants = page.GetByRole(AriaRole.Region, new() { Name = "Participants", Exact = true });
        await participants.GetByLabel("Nombre (personnes)").FillAsync("17");
        await participants.GetByLabel("Remarque (facultatif)").FillAsync("Atelier sous la tente");
        await page.Context.SetOfflineAsync(true);
        await participants.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(participants.GetByRole(AriaRole.Status)).ToContainTextAsync("Pas de connexion : ces valeurs sont gardées sur ce téléphone.");
        await FitsAndPassesAxeAsync(page, "hors-connexion");

        // Back online, the page opened again: the values are back in their form, to be sent.
        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync(seed.Url);
        await Assertions.Expect(participants.GetByRole(AriaRole.Status)).ToContainTextAsync("Des valeurs saisies sur ce téléphone n’ont pas été envoyées");
        await Assertions.Expect(participants.GetByLabel("Nombre (personnes)")).ToHaveValueAsync("17");
        await Assertions.Expect(participants.GetByLabel("Remarque (facultatif)")).ToHaveValueAsync("Atelier sous la tente");
        await participants.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(participants.GetByRole(AriaRole.Status)).ToHaveTextAsync("Enregistré.");
        await Assertions.Expect(participants).ToContainTextAsync("17 personnes");

        // Confirmed by the server: nothing kept any more, once the confirmation's page has run its script (the text
        // shows before; opening the page again at once raced it on a busy machine).
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GotoAsync(seed.Url);
        await Assertions.Expect(participants.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        (await page.EvaluateAsync<int>("Object.keys(localStorage).filter(k => k.startsWith('reperes-brouillon:')).length")).ShouldBe(0);
    }

    private static async Task FitsAndPassesAxeAsync(IPage page, string name)
    {
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, name);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty(name);
        if (Environment.GetEnvironmentVariable("REPERES_TEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "evaluation-" + name + ".png"), FullPage = true });
        }
    }
}
