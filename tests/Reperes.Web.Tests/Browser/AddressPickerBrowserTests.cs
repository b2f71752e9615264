using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>The address fields with their script, on a phone: communes suggested while typing, a pin set by a tap or the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AddressPickerBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Coordinator_NewStructure_PicksTheCommuneFromSuggestionsAndPlacesThePinOnAPhone()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("coordination@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        await page.GotoAsync("/mon-espace/coordination/structures/nouvelle");
        var map = page.GetByRole(AriaRole.Region, new() { Name = "Carte : touchez l’emplacement de l’entrée pour y mettre le repère" });
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".leaflet-marker-icon")).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByLabel("Nom de la structure").FillAsync("Vestiaire de Plouzané");
        await page.GetByLabel("Commune (nom ou code postal)").FillAsync("plouza");
        await Assertions.Expect(page.Locator("#commune-suggestions option[value='Plouzané (29280)']")).ToHaveCountAsync(1);
        await page.GetByLabel("Commune (nom ou code postal)").FillAsync("Plouzané (29280)");
        await Assertions.Expect(page.Locator("input[name='Input.CommuneCode']")).ToHaveValueAsync("29212");
        await Assertions.Expect(page.Locator("#commune-found")).ToHaveTextAsync("Commune retenue : Plouzané, code postal 29280, code INSEE 29212.");
        await Assertions.Expect(page.Locator("#position-status")).ToContainTextAsync("Le repère est au centre de la commune");
        var centre = await PinAsync(page);
        Math.Abs(centre.Latitude - 48.38).ShouldBeLessThan(0.02);
        Math.Abs(centre.Longitude - -4.62).ShouldBeLessThan(0.02);

        await page.GetByLabel("Rue et numéro").FillAsync("5 rue de la Mairie");
        // A tap on the map puts the pin there.
        await map.ClickAsync(new() { Position = new Position { X = 60, Y = 60 } });
        await Assertions.Expect(page.Locator("#position-status")).ToContainTextAsync("Le repère est où vous l’avez placé.");
        await Assertions.Expect(page.Locator("input[name='Input.PinMoved']")).ToHaveValueAsync("1");
        var tapped = await PinAsync(page);
        tapped.Latitude.ShouldBeGreaterThan(centre.Latitude);
        tapped.Longitude.ShouldBeLessThan(centre.Longitude);

        // The pin moves with the arrow keys too.
        await page.Locator(".leaflet-marker-icon").FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        var nudged = await PinAsync(page);
        nudged.Latitude.ShouldBe(tapped.Latitude + 0.0001, 0.000002);

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Ce que fait la structure, en une phrase").FillAsync("Des vêtements pour toute la famille.");
        await page.GetByLabel("Adresse électronique de sa ou son gestionnaire").FillAsync("vestiaire@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l’espace et inviter sa ou son gestionnaire" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Équipe de Vestiaire de Plouzané", Level = 1 })).ToBeVisibleAsync();

        var saved = await browser.App.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Name == "Vestiaire de Plouzané"));
        (saved.Street, saved.PostalCode, saved.City, saved.CommuneCode).ShouldBe(("5 rue de la Mairie", "29280", "Plouzané", "29212"));
        saved.Latitude!.Value.ShouldBe(nudged.Latitude, 0.000002);
        saved.Longitude!.Value.ShouldBe(nudged.Longitude, 0.000002);

        // The sheet's own form shows the same address and pin, as accessible.
        await page.GotoAsync($"/mon-espace/structure/{saved.Slug}/modifier");
        await Assertions.Expect(page.GetByLabel("Commune (nom ou code postal)")).ToHaveValueAsync("Plouzané (29280)");
        await Assertions.Expect(page.Locator(".leaflet-marker-icon")).ToBeVisibleAsync();
        (await PinAsync(page)).Latitude.ShouldBe(nudged.Latitude, 0.000002);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
    }

    private static async Task<(double Latitude, double Longitude)> PinAsync(IPage page) =>
        (double.Parse(await page.Locator("input[name='Input.Latitude']").InputValueAsync(), CultureInfo.InvariantCulture),
         double.Parse(await page.Locator("input[name='Input.Longitude']").InputValueAsync(), CultureInfo.InvariantCulture));
}
