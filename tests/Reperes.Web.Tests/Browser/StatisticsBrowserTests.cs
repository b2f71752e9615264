using Microsoft.Playwright;
using Reperes.Web.Core.Usage;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Statistics.StatisticsTestData;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The coordinator on a 390-pixel phone: the statistics page (charts no wider than the screen, each an image with its
/// name, axe-core satisfied) and the unanswered searches, where a synonym is taught with one tap.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsBrowserTests(BrowserFixture browser)
{
    /// <summary>A word nothing in the demo knows, typed three ways (the same line).</summary>
    private const string Word = "hammams";

    [BrowserFact]
    public async Task Statistics_CoordinatorOnAPhone_ChartsFitTheScreenAndASynonymIsTaughtInOneTap()
    {
        var days = Enumerable.Range(0, 60).Select(d => ReperesApp.DefaultNow.AddDays(-d)).ToList();
        await AddEventsAsync(
            browser.App,
            [
                .. days.Select((at, i) => (new UsageFact(UsageKind.Search) { NeedCode = i % 3 == 0 ? "se-nourrir" : "avoir-un-toit", Commune = i % 4 == 0 ? "29075" : "29019", Results = 10 }, at.AddHours(i % 11), 1 + (i % 4))),
                .. days.Take(20).Select((at, i) => (new UsageFact(UsageKind.SheetView) { StructureId = 1 + (i % 5) }, at, 2)),
                (new UsageFact(UsageKind.Search) { Words = Word, Results = 0 }, days[2], 3),
                (new UsageFact(UsageKind.Search) { Words = "hammam", Results = 0 }, days[3], 1),
                (new UsageFact(UsageKind.Api) { Detail = "search" }, days[1], 4),
            ]);

        var page = await browser.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(Coordinator);
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistiques d’usage du guide" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistiques d’usage du guide", Level = 1 })).ToBeVisibleAsync();
        foreach (var chart in new[] { "Recherches par besoin, semaine par semaine", "Recherches par commune", "Recherches selon le jour et l’heure", "Les lieux les plus consultés", "API et exports par sorte" })
        {
            var image = page.GetByRole(AriaRole.Img, new() { Name = chart });
            await Assertions.Expect(image).ToBeVisibleAsync();
            var box = (await image.BoundingBoxAsync()).ShouldNotBeNull();
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(390, chart);
            box.Width.ShouldBeGreaterThan(300, chart);
        }

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await ScreenshotAsync(page, "statistiques");

        await page.GetByRole(AriaRole.Link, new() { Name = "Recherches sans réponse" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recherches sans réponse", Level = 1 })).ToBeVisibleAsync();
        var line = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"« {Word} »" }) });
        await Assertions.Expect(line).ToContainTextAsync("Recherches : 4, dont 4 sans aucun résultat");
        await Assertions.Expect(line).ToContainTextAsync("Écrit aussi : « hammam » (1)");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await ScreenshotAsync(page, "recherches-sans-reponse");

        await line.GetByLabel($"Ajouter « {Word} » comme synonyme de").SelectOptionAsync(new SelectOptionValue { Label = "Douches" });
        await line.GetByRole(AriaRole.Button, new() { Name = "Ajouter le synonyme" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"« {Word} » est appris : la recherche mène maintenant à « Douches ».");
        await Assertions.Expect(line).ToContainTextAsync("Appris");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/recherche?q=" + Word);
        (await visitor.Locator("li.result").CountAsync()).ShouldBeGreaterThan(0);

        // The yearly report, on screen then on A4 paper: the screen's controls are not printed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistiques d’usage du guide" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rapport d’activité annuel (à imprimer)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport d’activité 2026 du guide Repères", Level = 1 })).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var paper = await PaperPrint.SqueezedSheetsAsync(page);
        paper.Count.ShouldBeInRange(1, 4);
        paper[0].ShouldStartWith("Rapportd’activité2026duguideRepères");
        var all = string.Concat(paper);
        all.ShouldContain("1.Cequeleguidecouvre");
        all.ShouldContain("3.Cequelesgenscherchentsansletrouver");
        all.ShouldContain(Word);
        all.ShouldNotContain("Afficher");
        all.ShouldNotContain("Chercher");
    }

    /// <summary>A whole-page picture for a person to look at, when REPERES_TEST_SCREENSHOTS names a folder.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("REPERES_TEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
