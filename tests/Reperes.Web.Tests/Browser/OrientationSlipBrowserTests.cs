using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The orientation slip as a volunteer makes it: three places from a search, a note, the print view (seven days in
/// words, one QR code per place, decoded), the SMS text, and the link opened in another browser after a closure was
/// added, which it shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrientationSlipBrowserTests(BrowserFixture browser)
{
    private const string Note = "Demandez Anne, venez avec votre attestation CAF.";
    private const string ClosureText = "Dégât des eaux : accueil fermé";

    [BrowserFact]
    public async Task Slip_ThreePlacesFromASearch_PrintedSharedAndUpToDateElsewhere()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/recherche?q=douche");
        var names = (await page.Locator("li.result h2").AllTextContentsAsync()).Select(n => n.Trim()).Take(3).ToList();
        names.Count.ShouldBe(3);
        foreach (var name in names)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Ajouter à ma fiche d’orientation : {name}" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Dans ma fiche d’orientation : {name}" })).ToBeVisibleAsync();
        }

        // The slip's link under the header keeps it one short row on a 390-pixel phone, the page no wider than the screen.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.SetViewportSizeAsync(390, 844);
        (await page.GetByRole(AriaRole.Banner).BoundingBoxAsync()).ShouldNotBeNull().Height.ShouldBeLessThanOrEqualTo(64);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Ma fiche d’orientation" }).GetByRole(AriaRole.Link, new() { Name = "Ma fiche (3)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ma fiche d’orientation", Level = 1 })).ToBeVisibleAsync();

        // Measured once the page and its stylesheet are loaded (a click only waits for the navigation to start).
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await page.Locator(".slip-item h2").AllTextContentsAsync()).Select(n => n.Trim()).ShouldBe(names);
        var sheets = (await page.Locator(".slip-item h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")).ToList();
        await page.GetByLabel("Note pour la personne").FillAsync(Note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Fiche enregistrée.");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // The print view: each place with its seven days in words and one QR code, to its sheet.
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimer la fiche" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fiche d’orientation", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Assertions.Expect(page.Locator(".slip-note")).ToContainTextAsync(Note);
        var places = page.Locator("article.slip-place");
        (await places.CountAsync()).ShouldBe(3);
        var shots = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var place = places.Nth(i);
            (await place.Locator("h2").TextContentAsync())!.Trim().ShouldBe(names[i]);
            var firstWeek = place.Locator("table.hours").First;
            (await firstWeek.Locator("tr").CountAsync()).ShouldBe(7);
            (await firstWeek.Locator("tr").First.TextContentAsync())!.ShouldContain("Mardi 24 Nov. (aujourd’hui)");
            var days = await firstWeek.Locator("td").AllTextContentsAsync();
            days.ShouldAllBe(d => d.Contains("Fermé") || d.Contains("Non renseigné") || System.Text.RegularExpressions.Regex.IsMatch(d, @"\d\d:\d\d–\d\d:\d\d"));
            (await place.Locator("svg[role=img]").CountAsync()).ShouldBe(1);
            shots.Add(Convert.ToBase64String(await place.Locator("svg[role=img]").ScreenshotAsync()));
        }

        (await QrCodes.DecodePngsAsync(shots)).ShouldBe(sheets);

        // Three places and the note on one A4 page.
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true }));
        System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b").ShouldBe(1);

        // Or as pocket cards: one A6 page (105 × 148 mm = 297.6 × 419.5 pt) per place.
        await page.GotoAsync("/fiche-orientation/imprimer?format=a6");
        var pocket = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true }));
        System.Text.RegularExpressions.Regex.Count(pocket, @"/Type\s*/Page\b").ShouldBe(3);
        System.Text.RegularExpressions.Regex.Matches(pocket, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)")
            .ShouldAllBe(m => Math.Abs(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 297.6) < 1.5
                && Math.Abs(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 419.5) < 1.5);
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GotoAsync("/fiche-orientation/imprimer");

        // Shared: the SMS text, one line per place of at most 160 characters, each with the link.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Partager : lien, SMS, courriel, code QR" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Votre fiche a son lien." })).ToBeVisibleAsync();
        var link = await page.GetByLabel("Lien de la fiche").InputValueAsync();
        link.ShouldStartWith(browser.BaseUrl + "/f/");
        var sms = (await page.GetByLabel("Texte pour SMS").InputValueAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        sms.Length.ShouldBe(3);
        sms.ShouldAllBe(line => line.Length <= 160 && line.EndsWith(" " + link, StringComparison.Ordinal));
        (await QrCodes.DecodePngsAsync([Convert.ToBase64String(await page.Locator(".slip-link-qr svg").ScreenshotAsync())])).ShouldBe([link]);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        // Meanwhile the second place closes for today and tomorrow, written as the staff's form writes it.
        var slug = new Uri(sheets[1]).AbsolutePath["/structure/".Length..];
        var noticeId = await AddClosureAsync(slug);
        try
        {
            var elsewhere = await browser.NewPageAsync();
            await elsewhere.GotoAsync(link);
            var closed = elsewhere.Locator("article.slip-place").Nth(1);
            await Assertions.Expect(closed.Locator(".print-notice.closure")).ToContainTextAsync("Fermé jusqu’au 25 novembre 2026 inclus — " + ClosureText);
            await Assertions.Expect(closed.Locator("table.hours tr").First).ToContainTextAsync("Fermé — " + ClosureText);
            await Assertions.Expect(elsewhere.Locator(".slip-note")).ToContainTextAsync(Note);
            (await BrowserFixture.AccessibilityViolationsAsync(elsewhere)).ShouldBeEmpty();
        }
        finally
        {
            await RemoveNoticeAsync(slug, noticeId);
        }
    }

    private async Task<int> AddClosureAsync(string slug)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
        var structure = await db.Structures.Include(s => s.Notices).SingleAsync(s => s.Slug == slug);
        var author = StructureAuthor.Of(await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example"));
        var today = HoursEvaluator.LocalDate(browser.App.Clock.GetUtcNow());
        var notice = new Notice(structure, null, NoticeKind.Closure, today, today.AddDays(1), ClosureText, null);
        await writer.WriteAsync(author, structure, UpdatedDate.Moves, () =>
        {
            structure.Notices.Add(notice);
            return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange("Fermeture", null, ClosureText)]);
        }, CancellationToken.None);
        return notice.Id;
    }

    private async Task RemoveNoticeAsync(string slug, int noticeId)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
        var structure = await db.Structures.Include(s => s.Notices).SingleAsync(s => s.Slug == slug);
        var author = StructureAuthor.Of(await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example"));
        await writer.WriteAsync(author, structure, UpdatedDate.Moves, () =>
        {
            var notice = structure.Notices.Single(n => n.Id == noticeId);
            structure.Notices.Remove(notice);
            db.Notices.Remove(notice);
            return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange("Fermeture", ClosureText, null)]);
        }, CancellationToken.None);
    }
}
