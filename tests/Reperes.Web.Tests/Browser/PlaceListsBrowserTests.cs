using System.Text.Json;
using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// A social worker's list of places: two places added from a search, the list opened with a note, then printed (seven
/// days in words and one QR code per place, decoded); axe on the lists page, the list and its print view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaceListsBrowserTests(BrowserFixture browser)
{
    private const string ListName = "Tournée du soir";
    private const string Note = "Demander Anne à l’accueil.";

    [BrowserFact]
    public async Task List_TwoPlacesFromASearch_OpenedAnnotatedAndPrinted()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("assistante.sociale@cdas.demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("/mon-espace/listes");
        await page.GetByLabel("Nom de la nouvelle liste").FillAsync(ListName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la liste" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ListName, Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("/recherche?q=douche");
        var names = (await page.Locator("li.result h2").AllTextContentsAsync()).Select(n => n.Trim()).Take(2).ToList();
        names.Count.ShouldBe(2);
        foreach (var name in names)
        {
            await page.GetByLabel($"Liste ({name})").SelectOptionAsync(new SelectOptionValue { Label = ListName });
            await page.GetByRole(AriaRole.Button, new() { Name = $"Ajouter à la liste : {name}" }).ClickAsync();
            await Assertions.Expect(page.Locator(".list-add").Filter(new() { HasText = $"({name})" })).ToContainTextAsync($"« {ListName} »");
        }

        // The lists page, then the list, on a 390-pixel phone.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/mon-espace/listes");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = ListName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ListName, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await page.Locator(".list-places h3").AllTextContentsAsync()).Select(n => n.Trim()).ShouldBe(names);
        var sheets = (await page.Locator(".list-places h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")).ToList();
        await page.GetByLabel($"Note (facultative) : {names[0]}").FillAsync(Note);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Enregistrer la note : {names[0]}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La note est enregistrée.");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // Printed as a small guide: each place with its seven days in words and the QR code of its sheet.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimer la liste" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ListName, Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        var places = page.Locator("article.slip-place");
        (await places.CountAsync()).ShouldBe(2);
        var shots = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var place = places.Nth(i);
            (await place.Locator("h2").TextContentAsync())!.Trim().ShouldBe(names[i]);
            var week = place.Locator("table.hours").First;
            (await week.Locator("tr").CountAsync()).ShouldBe(7);
            var days = await week.Locator("td").AllTextContentsAsync();
            days.ShouldAllBe(d => d.Contains("Fermé") || d.Contains("Non renseigné") || System.Text.RegularExpressions.Regex.IsMatch(d, @"\d\d:\d\d–\d\d:\d\d"));
            shots.Add(Convert.ToBase64String(await place.Locator("svg[role=img]").ScreenshotAsync()));
        }

        await Assertions.Expect(page.Locator(".list-print-place").First.Locator(".slip-note")).ToContainTextAsync(Note);
        (await DecodePngsAsync(shots)).ShouldBe(sheets);
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true }));
        System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b").ShouldBeInRange(1, 2);
    }

    /// <summary>QR codes screenshotted as shown, decoded by jsQR (the printed guide's test helper).</summary>
    private static async Task<IReadOnlyList<string?>> DecodePngsAsync(IReadOnlyList<string> base64Pngs)
    {
        var files = new List<string>();
        try
        {
            foreach (var png in base64Pngs)
            {
                var file = Path.Combine(Path.GetTempPath(), $"reperes-qr-{Guid.NewGuid():N}.png");
                await File.WriteAllBytesAsync(file, Convert.FromBase64String(png));
                files.Add(file);
            }

            var output = await NodeScript.RunAsync("Guide/Print/decode-qr.mjs", files, []);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text"))
                .Select(text => text.ValueKind == JsonValueKind.Null ? null : text.GetString())
                .ToList();
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }
}
