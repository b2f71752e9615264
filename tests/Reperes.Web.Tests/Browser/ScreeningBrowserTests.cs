using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reperes.Web.Orientation.DigitalScreening;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation.DigitalScreening;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// Its own application (no demo data, the places of <see cref="ScreeningFixture"/> only, so that the demo's places do
/// not change what is listed) on a real port, and Debian's Chromium.
/// </summary>
public sealed class ScreeningBrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public ReperesApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            return;
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }

        App = new ReperesApp(Engines.Sqlite, demoData: false);
        App.UseKestrel(new Uri(BaseUrl).Port);
        App.StartServer();
        await ScreeningFixture.CreateAsync(App);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh phone-sized page; <paramref name="position"/> is what the browser's geolocation answers (granted).</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, Geolocation? position = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "fr-FR",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "fr-FR" },
            Geolocation = position,
            Permissions = position is null ? null : ["geolocation"],
        });
        await context.RouteAsync(url => !url.StartsWith(BaseUrl, StringComparison.Ordinal), route => route.FulfillAsync(new RouteFulfillOptions { Status = 204 }));
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

/// <summary>
/// "Le numérique et moi" as a person does it on a phone: without JavaScript, by keyboard alone, and from the home page
/// to a printed slip of mediation places in a few taps; axe-core on every step and on the result.
/// </summary>
public sealed class ScreeningBrowserTests(ScreeningBrowserFixture browser) : IClassFixture<ScreeningBrowserFixture>
{
    /// <summary>One answer (or none) per question, as labels a person reads.</summary>
    private static readonly string?[][] Answers =
    [
        ["Un smartphone (téléphone tactile)"],
        ["Seulement avec mon téléphone"],
        ["J’en ai une, mais je n’arrive pas à l’ouvrir"],
        ["CAF (allocations, RSA, APL)", "Impôts"],
        ["Je n’y arrive pas du tout"],
        ["En atelier, avec d’autres personnes"],
        ["Imprimer"],
        ["J’ai plus de 60 ans"],
    ];

    private static async Task ExpectNoSeriousViolationAsync(IPage page, string where) =>
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty(where);

    /// <summary>axe-core needs JavaScript: a page without it is checked as another page (with it) opens the same address.</summary>
    private static async Task ExpectNoSeriousViolationElsewhereAsync(IPage checker, IPage page, string where)
    {
        await checker.GotoAsync(page.Url);
        await ExpectNoSeriousViolationAsync(checker, where);
    }

    [BrowserFact]
    public async Task Questionnaire_WithoutJavaScript_EveryStepByTapsThenTheResultAndTheCount()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        var checker = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Le numérique et moi" }).ClickAsync();

        for (var step = 1; step <= ScreeningQuestions.Count; step++)
        {
            var question = ScreeningQuestions.All[step - 1];
            await Assertions.Expect(page.GetByText($"Question {step} sur {ScreeningQuestions.Count}")).ToBeVisibleAsync();
            var group = page.GetByRole(AriaRole.Group, new() { Name = question.TextFr });
            await Assertions.Expect(group).ToBeVisibleAsync();
            await ExpectNoSeriousViolationElsewhereAsync(checker, page, $"step {step}");
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, $"step {step}");
            foreach (var label in Answers[step - 1].OfType<string>())
            {
                var role = question.Multiple ? AriaRole.Checkbox : AriaRole.Radio;
                var input = group.GetByRole(role, new() { Name = label, Exact = true });
                (await input.Locator("xpath=..").BoundingBoxAsync()).ShouldNotBeNull().Height.ShouldBeGreaterThanOrEqualTo(44, "large enough to tap");
                await input.CheckAsync();
            }

            if (step == 3)
            {
                // Back one question and forward again: the answers stay.
                await page.GetByRole(AriaRole.Button, new() { Name = "Question suivante" }).ClickAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "Question précédente" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = Answers[2][0]! })).ToBeCheckedAsync();
            }

            if (step < ScreeningQuestions.Count)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Question suivante" }).ClickAsync();
            }
        }

        var before = await browser.App.WithDbAsync(db => db.ScreeningCounts.Where(c => c.Question == ScreeningCount.Completed).SumAsync(c => (int?)c.Total)) ?? 0;
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "J’accepte que mes réponses soient comptées" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les aides qui me conviennent" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les aides qui vous conviennent", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quelqu’un pour faire vos démarches avec vous" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Des lieux qui accueillent les seniors" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Appeler le 01 70 772 372" })).ToBeVisibleAsync();
        await ExpectNoSeriousViolationElsewhereAsync(checker, page, "result");

        // Nearest first from a commune typed (no JavaScript: the position button stays hidden).
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma position" })).ToBeHiddenAsync();
        await page.GetByLabel("Votre commune ou code postal").FillAsync("Brest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Les plus proches" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-screening-status]")).ToContainTextAsync("Lieux du plus proche au plus loin de Brest.");
        await ExpectNoSeriousViolationElsewhereAsync(checker, page, "result nearest first");
        var after = await browser.App.WithDbAsync(db => db.ScreeningCounts.Where(c => c.Question == ScreeningCount.Completed).SumAsync(c => (int?)c.Total)) ?? 0;
        after.ShouldBe(before + 1);
    }

    [BrowserFact]
    public async Task Questionnaire_ByKeyboardAlone_AnsweredWithAVisibleFocusToTheResult()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/numerique-et-moi");

        for (var step = 1; step <= ScreeningQuestions.Count; step++)
        {
            var question = ScreeningQuestions.All[step - 1];
            await Assertions.Expect(page.GetByText($"Question {step} sur {ScreeningQuestions.Count}")).ToBeVisibleAsync();
            var first = $"{question.Code}-{question.Options[0].Code}";
            await TabToAsync(page, $"document.activeElement && document.activeElement.id === '{first}'");
            (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).ShouldNotBe("none", "focus visible");
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(page.Locator("#" + first)).ToBeCheckedAsync();
            var button = step < ScreeningQuestions.Count ? "Question suivante" : "Voir les aides qui me conviennent";
            await TabToAsync(page, $"document.activeElement && document.activeElement.textContent.trim() === '{button.Replace("’", "\\u2019", StringComparison.Ordinal)}'");
            (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).ShouldNotBe("none", "focus visible");
            await page.Keyboard.PressAsync("Enter");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les aides qui vous conviennent", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Des lieux qui accueillent les seniors" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task HomeToPrintedSlip_MediationPlaces_InFewerThanTenClicks()
    {
        var page = await browser.NewPageAsync();
        var clicks = 0;
        async Task ClickAsync(ILocator target)
        {
            clicks++;
            await target.ClickAsync();
        }

        await page.GotoAsync("/");
        await ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "Le numérique et moi" }));
        await ClickAsync(page.GetByRole(AriaRole.Checkbox, new() { Name = "Rien de tout ça" }));
        await ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Voir les lieux maintenant" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Un ordinateur et internet, sur place" })).ToBeVisibleAsync();
        var listed = (await page.Locator(".screening-places h3").AllTextContentsAsync()).Select(n => n.Trim()).Distinct().ToList();
        listed.ShouldBe(["Borne sans adresse précise", "Cyber Bellevue", "Médiathèque du Centre"], "open now first, then the one opening at 14:00");
        await ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Imprimer ces lieux" }));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fiche d’orientation", Level = 1 })).ToBeVisibleAsync();
        clicks.ShouldBeLessThan(10);
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        (await page.Locator("article.slip-place h2").AllTextContentsAsync()).Select(n => n.Trim()).ShouldBe(listed);
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true }));
        System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b").ShouldBe(1, "three places on one A4 page");
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });
        await ExpectNoSeriousViolationAsync(page, "printed slip");
    }

    [BrowserFact]
    public async Task Result_UseMyPosition_PlacesNearestFirstFromTheBrowsersPosition()
    {
        var page = await browser.NewPageAsync(position: new Geolocation { Latitude = (float)ScreeningFixture.OriginLatitude, Longitude = (float)ScreeningFixture.OriginLongitude });
        await page.GotoAsync("/numerique-et-moi/resultat?papier=imprimer");
        var help = page.GetByRole(AriaRole.Region, new() { Name = "Une imprimante" });
        (await help.Locator("h3").AllTextContentsAsync()).Select(n => n.Trim()).ShouldBe(["Borne sans adresse précise", "Cyber Bellevue", "Espace emploi numérique"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma position" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-screening-status]")).ToContainTextAsync("Lieux du plus proche au plus loin de votre position.");
        (await help.Locator("h3").AllTextContentsAsync()).Select(n => n.Trim()).ShouldBe(["Cyber Bellevue", "Espace emploi numérique", "Borne sans adresse précise"]);
        await ExpectNoSeriousViolationAsync(page, "result from the position");
    }

    /// <summary>Presses Tab until <paramref name="condition"/> (JavaScript) holds; fails after 60 presses.</summary>
    private static async Task TabToAsync(IPage page, string condition)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => {condition}"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new ShouldAssertException($"Tab never reached: {condition}");
    }
}
