using System.Text.RegularExpressions;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Pages;

/// <summary>
/// Pages stay light for old phones with little data: what a first visit transfers (HTML, stylesheets, scripts,
/// icons; compressed as a browser asks; map tiles and photos excluded) stays under 60 KB.
/// </summary>
[Collection(SharedAppsCollection.Name)]
public sealed partial class PageWeightTests(SharedApps apps)
{
    private const int Budget = 60 * 1024;

    [Theory]
    [InlineData("/")]
    [InlineData("/recherche?q=manger")]
    [InlineData("/besoin/se-nourrir")]
    [InlineData("/structure/halte-accueil-ozanam")]
    public async Task FirstVisit_TransfersLessThan60KB(string path)
    {
        var client = apps.For(Engines.Sqlite).CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");

        var page = await client.GetAsync(path);
        page.Content.Headers.ContentEncoding.ShouldContain("br");
        var total = (await page.Content.ReadAsByteArrayAsync()).Length;
        var html = await apps.For(Engines.Sqlite).CreateClient().GetStringAsync(path);
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value.Split('#')[0]).Distinct().ToList();
        assets.ShouldContain(a => a.StartsWith("/css/site.css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            response.EnsureSuccessStatusCode();
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        total.ShouldBeLessThan(Budget, $"{path}: {total} bytes with {string.Join(", ", assets)}");
    }

    [GeneratedRegex(@"(?:href|src)=""(?<url>/[^""]+?\.(?:css|js|svg|woff2?)[^""]*)""")]
    private static partial Regex AssetReference();
}
