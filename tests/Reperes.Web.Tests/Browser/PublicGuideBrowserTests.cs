using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>The public guide in headless Chromium, located by role and name as a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublicGuideBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Journey_HomeNeedSheet_ShowsHoursAndWhetherOpen()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Se nourrir" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se nourrir", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Halte Accueil Frédéric Ozanam" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Halte Accueil Frédéric Ozanam", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.badge").First).ToHaveTextAsync(OpenStateText());
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("aujourd’hui");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = AppelerRegex() })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task SearchBox_Manger_FindsFoodAndDoucha_FindsShowers()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" });
        await box.FillAsync("manger");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Halte Accueil Frédéric Ozanam" })).ToBeVisibleAsync();

        var again = page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" });
        await again.FillAsync("doucha");
        await again.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("« doucha » n’est pas connu")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Le Mille Pattes (Vivre la Rue)" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Keyboard_Alone_ReachesSearchResultsAndASheet()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("douche");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/recherche"));

        // Tab through the page until the first result's link has the focus, then open it.
        var firstResult = page.Locator("ol.results h2 a").First;
        var name = await firstResult.InnerTextAsync();
        for (var i = 0; i < 60 && !await firstResult.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(firstResult).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Filters_OpenNowAndFree_ApplyWithoutJavaScriptForms()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/recherche");

        await page.GetByText("Filtres : ouvert, gratuit, public, langue, distance").ClickAsync();
        await page.GetByLabel("Ouverture").SelectOptionAsync(new SelectOptionValue { Label = "Ouvert maintenant" });
        await page.GetByLabel("Gratuit").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer les filtres" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("open=now"));
        // A place is open when one of its services is: the badge may name it ("Vestiboutique : ouvert · ferme à 12:30").
        var badges = await page.Locator("ol.results p.badge").AllAsync();
        badges.ShouldNotBeEmpty();
        foreach (var badge in badges)
        {
            (await badge.GetAttributeAsync("class"))!.Split(' ').ShouldContain("open");
            (await badge.InnerTextAsync()).ShouldMatch("(^Ouvert|: ouvert)");
        }
    }

    [BrowserFact]
    public async Task Map_WithJavaScript_ShowsAMarkerPerResult()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/carte?need=se-soigner");

        await Assertions.Expect(page.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        var markers = await page.Locator(".leaflet-marker-icon").CountAsync();
        var located = await page.Locator("ol.results > li").Filter(new() { HasNotText = "À distance (téléphone ou internet)" }).CountAsync();
        markers.ShouldBe(located);
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("OpenStreetMap");
    }

    [BrowserFact]
    public async Task Sheet_MapOnRequest_LoadsLeafletAndShowsThePlace()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/structure/halte-accueil-ozanam");
        (await page.EvaluateAsync<bool>("() => typeof L === 'undefined'")).ShouldBeTrue();

        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le plan" }).ClickAsync();

        await Assertions.Expect(page.Locator("#mini-map .leaflet-marker-icon")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Sheet_InEnglish_TranslatesTheInterface()
    {
        var page = await browser.NewPageAsync("en-GB");
        await page.GotoAsync("/structure/halte-accueil-ozanam");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opening hours" })).ToBeVisibleAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
    }

    [BrowserFact]
    public async Task HoursEditor_GridAlone_WritesWeekdaysWednesdayAfternoonAndHolidaysOff()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/outils/horaires");

        foreach (var day in new[] { "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi" })
        {
            await page.GetByLabel($"{day}, créneau 1, de").FillAsync("09:00");
            await page.GetByLabel($"{day}, créneau 1, à").FillAsync("12:00");
        }

        await page.GetByLabel("Mercredi, créneau 2, de").FillAsync("14:00");
        await page.GetByLabel("Mercredi, créneau 2, à").FillAsync("17:00");
        await page.GetByLabel("Fermé les jours fériés").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Écrire les horaires" }).ClickAsync();

        var value = await page.GetByLabel("Horaires au format OpenStreetMap").First.InputValueAsync();
        value.ShouldBe("Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("14:00–17:00");
    }

    [BrowserFact]
    public async Task HoursEditor_ExpertMode_ValidatesWhileTyping()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/outils/horaires");

        await page.GetByLabel("Horaires au format OpenStreetMap (ex. : Mo-Fr 09:00-12:00,14:00-17:00; PH off)").FillAsync("Mo-Fr 09:00-1");
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Erreur");
        await page.GetByLabel("Horaires au format OpenStreetMap (ex. : Mo-Fr 09:00-12:00,14:00-17:00; PH off)").FillAsync("Mo-Fr 09:00-17:00");
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Horaires valides");
    }

    [BrowserFact]
    public async Task Accessibility_MainPages_HaveNoSeriousOrCriticalViolation()
    {
        string[] urls = ["/", "/besoin/se-nourrir", "/recherche?q=manger", "/structure/halte-accueil-ozanam", "/carte?need=se-soigner", "/internet?materiel=imprimante", "/recherche?category=acces-internet&aide=demarches", "/guide-imprimable?need=avoir-un-toit", "/guide-imprimable?numerique=true", "/outils/horaires?value=Mo-Fr%2009:00-12:00;%20PH%20off", "/connexion", "/mot-de-passe-oublie"];
        var report = new List<string>();
        foreach (var url in urls)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            report.AddRange((await BrowserFixture.AccessibilityViolationsAsync(page)).Select(v => url + " → " + v));
        }

        report.ShouldBeEmpty(string.Join(Environment.NewLine, report));
    }

    [BrowserFact]
    public async Task Manager_LogsInAndEditsTheSheet_AccessiblyAndForReal()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/connexion");
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Adresse électronique").FillAsync("gestion.restos@demo.reperes.example");
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Précisions sur les horaires").FillAsync("Distribution le mardi après-midi.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La fiche est enregistrée.");
        await Assertions.Expect(page.GetByText("Distribution le mardi après-midi.")).ToBeVisibleAsync();
    }

    /// <summary>The state, possibly after the name of the service it is about ("Douches : fermé · ouvre demain à 8:30").</summary>
    private static Regex OpenStateText() => new("^([^:]+ : )?(Ouvert|Fermé|Sur rendez-vous|Horaires|ouvert|fermé|sur rendez-vous|horaires)");

    [GeneratedRegex("^Appeler le")]
    private static partial Regex AppelerRegex();
}
