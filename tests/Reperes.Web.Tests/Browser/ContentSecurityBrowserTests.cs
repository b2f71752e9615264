using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The pages whose scripts do the most (map, geolocation, hours check, address picker, recorder, screening, taps) run
/// in Chromium under the site's Content-Security-Policy without one refusal: the browser says so in its console.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityBrowserTests(BrowserFixture browser)
{
    private static readonly string[] PublicPages =
    [
        "/", "/besoin/se-nourrir", "/carte", "/recherche?q=manger", "/structure/halte-accueil-ozanam", "/pres-de-moi",
        "/guide-imprimable?q=manger", "/widget?besoin=se-nourrir", "/numerique-et-moi", "/outils/horaires", "/fiche-orientation",
    ];

    private static readonly string[] StaffPages =
    [
        "/mon-espace", "/mon-espace/structure/halte-accueil-ozanam/modifier", "/mon-espace/structure/halte-accueil-ozanam/statistiques",
        "/mon-espace/publications/nouvelle", "/mon-espace/coordination/structures/nouvelle", "/mon-espace/coordination/statistiques",
        "/mon-espace/coordination/tableau-de-bord",
    ];

    [BrowserFact]
    public async Task Pages_WithTheirScripts_NoContentSecurityRefusal()
    {
        var page = await browser.NewPageAsync();
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var url in PublicPages)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // A map really drawn by its script, and a link tapped (the counting beacon).
        await page.GotoAsync("/carte");
        await Assertions.Expect(page.Locator(".leaflet-container").First).ToBeVisibleAsync();

        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        foreach (var url in StaffPages)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.GotoAsync("/mon-espace/coordination/structures/nouvelle");
        await Assertions.Expect(page.Locator(".leaflet-marker-icon")).ToBeVisibleAsync();

        refusals.ShouldBeEmpty();
    }
}
