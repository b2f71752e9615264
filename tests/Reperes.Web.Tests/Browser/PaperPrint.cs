using System.Text.Json;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>A page printed by Chromium on A4 (its print stylesheet applied), read back sheet by sheet by PDF.js.</summary>
public static class PaperPrint
{
    /// <summary>The text of each sheet of paper, as PDF.js reads it.</summary>
    public static async Task<IReadOnlyList<string>> SheetsAsync(IPage page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reperes-print-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await page.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true }));
        try
        {
            return JsonSerializer.Deserialize<List<string>>(await NodeScript.RunAsync("Browser/pdf-text.mjs", [file], []))!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The text of each sheet without its spaces and line breaks (paper wraps lines where the screen does not).</summary>
    public static async Task<IReadOnlyList<string>> SqueezedSheetsAsync(IPage page) =>
        (await SheetsAsync(page)).Select(p => new string(p.Where(c => !char.IsWhiteSpace(c)).ToArray())).ToList();
}
