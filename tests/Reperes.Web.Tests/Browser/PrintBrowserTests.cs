using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// Printing as a person does, in Chromium, to an A4 PDF read back page by page (PDF.js): every place whole on one page,
/// nothing that the screen shows left off the paper, the QR codes readable as printed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task PrintedGuide_AsA4Pdf_PrintsEveryPlaceWholeOnOnePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/guide-imprimable?need=se-nourrir");
        var entries = await EntriesAsync(page);
        entries.Count.ShouldBeGreaterThan(5);

        var pages = await PrintAsync(page);

        pages.Count.ShouldBeGreaterThan(1);
        pages.ShouldAllBe(p => p.Contains(Squeeze("Repères — imprimé le mardi 24 novembre 2026 à 10:00")));
        pages[0].ShouldContain(Squeeze("Critères : Besoin : Se nourrir"));
        foreach (var entry in entries)
        {
            // The page that has the place's name has every line of it: no place is cut in two, no line is hidden.
            var found = pages.Select((text, index) => (text, index)).Where(p => p.text.Contains(Squeeze(entry.Name))).ToList();
            found.Count.ShouldBe(1, entry.Name);
            foreach (var line in entry.Lines)
            {
                found[0].text.ShouldContain(Squeeze(line), customMessage: $"{entry.Name} (page {found[0].index + 1})");
            }
        }
    }

    [BrowserFact]
    public async Task PrintedGuide_QrCodesAsPrinted_DecodeToTheirSheets()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/guide-imprimable?need=avoir-un-toit");
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });

        var figures = page.Locator("article.print-entry figure.print-qr");
        var count = await figures.CountAsync();
        count.ShouldBeGreaterThan(2);
        var shots = new List<string>();
        var expected = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var svg = figures.Nth(i).Locator("svg");
            var box = (await svg.BoundingBoxAsync())!;

            // 22 mm on paper: at least 80 CSS pixels, and square.
            box.Width.ShouldBeGreaterThan(80);
            box.Height.ShouldBe(box.Width, 1);
            shots.Add(Convert.ToBase64String(await svg.ScreenshotAsync()));
            expected.Add((await figures.Nth(i).Locator("figcaption").TextContentAsync())!.Trim());
        }

        var decoded = await QrCodes.DecodePngsAsync(shots);
        decoded.ShouldBe(expected);
        expected.ShouldAllBe(url => url.StartsWith(browser.BaseUrl + "/structure/", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task StructureSheet_AsA4Pdf_PrintsTheServicesHoursAndNoMap()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/structure/croix-rouge-brest");
        var regularHours = await page.Locator(".services .regular-hours").AllTextContentsAsync();
        regularHours.ShouldNotBeEmpty();

        var pages = await PrintAsync(page);
        var all = string.Concat(pages);

        all.ShouldContain(Squeeze("Croix-Rouge française – unité locale de Brest"));
        regularHours.ShouldAllBe(line => all.Contains(Squeeze(line)));
        all.ShouldContain(Squeeze("tous les jours 20:00–23:30"));
        all.ShouldContain(Squeeze(browser.BaseUrl + "/structure/croix-rouge-brest"));
        all.ShouldContain(Squeeze("Imprimé le mardi 24 novembre 2026 à 10:00"));
        all.ShouldNotContain(Squeeze("Voir sur OpenStreetMap"));
    }

    private sealed record Entry(string Name, IReadOnlyList<string> Lines);

    /// <summary>Each place of the printed guide: its name and the lines of text it shows on screen.</summary>
    private static async Task<IReadOnlyList<Entry>> EntriesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('article.print-entry')].map(a => ({
              name: a.querySelector('h2').textContent.trim(),
              lines: [...a.querySelectorAll('p')].map(p => p.textContent.trim()).filter(t => t.length > 0)
            }))
            """);
        return json.EnumerateArray()
            .Select(e => new Entry(e.GetProperty("name").GetString()!, e.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList()))
            .ToList();
    }

    /// <summary>The page printed by Chromium on A4, as the text of each sheet of paper (whitespace removed).</summary>
    private static async Task<IReadOnlyList<string>> PrintAsync(IPage page) => (await PaperPrint.SheetsAsync(page)).Select(Squeeze).ToList();

    /// <summary>
    /// Text compared without its spaces and line breaks, ligatures undone: paper wraps lines where the screen does not.
    /// Right-to-left scripts (language names such as العربية) are left out: a PDF's text comes back in visual order.
    /// </summary>
    private static string Squeeze(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '\u00AD' && c is not (>= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFEFF')).ToArray());
}
