using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness;
using Reperes.Web.Freshness.Reports;
using Reperes.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// The guide on a 390×844 phone: the nine needs on the first screen, a one-row header, and a crawl of every page
/// (public and back office, as every demo role) that lists each page wider than the screen or failing axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneFirstBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The urgent needs, which must come before the others.</summary>
    private static readonly string[] UrgentNeeds = ["Se nourrir", "Avoir un toit", "Se soigner", "Prendre soin de soi", "Poser son sac"];

    [BrowserFact]
    public async Task Home_OnA390x844Phone_ShowsTheNineNeedsInTheFirstScreen()
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/");

        var needs = page.GetByRole(AriaRole.List, new() { Name = "De quoi avez-vous besoin ?" }).GetByRole(AriaRole.Link);
        await Assertions.Expect(needs).ToHaveCountAsync(9);
        var names = await needs.AllInnerTextsAsync();
        names.Take(UrgentNeeds.Length).Select(n => n.Trim()).ShouldBe(UrgentNeeds);
        for (var i = 0; i < 9; i++)
        {
            var box = (await needs.Nth(i).BoundingBoxAsync()).ShouldNotBeNull();
            (box.Y + box.Height).ShouldBeLessThanOrEqualTo(Phone.Height, $"« {names[i]} » ends at {box.Y + box.Height} px, below the first screen");
            box.X.ShouldBeGreaterThanOrEqualTo(0);
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(Phone.Width);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" })).ToBeAttachedAsync();
    }

    [BrowserFact]
    public async Task Header_OnA390PixelPhone_IsOneShortRowInBothLanguagesSignedInOrNot()
    {
        foreach (var (locale, search, account) in new[] { ("fr-FR", "Chercher", "Connexion"), ("en-GB", "Search", "Log in") })
        {
            var page = await browser.NewPageAsync(locale, Phone);
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = search })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = account })).ToBeVisibleAsync();
            (await HeaderHeightAsync(page)).ShouldBeLessThanOrEqualTo(64, locale);
        }

        var signedIn = await SignedInPageAsync(DemoAccounts.All[0].Email);
        await signedIn.GotoAsync("/");
        await Assertions.Expect(signedIn.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        (await HeaderHeightAsync(signedIn)).ShouldBeLessThanOrEqualTo(64);

        // The other links and the languages are in a menu that opens without JavaScript.
        await signedIn.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await signedIn.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(signedIn.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "My space" })).ToBeVisibleAsync();
        (await HeaderHeightAsync(signedIn)).ShouldBeLessThanOrEqualTo(64);
    }

    [BrowserFact]
    public async Task NearMe_PositionRefused_SaysSoAndSearchesAroundTheCommuneTyped()
    {
        // No permission granted: Chromium refuses the position, as when the person says no.
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Près de moi" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Votre position n’a pas été partagée.");
        await page.GetByLabel("Commune ou code postal").FillAsync("Brest");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();
        await page.WaitForURLAsync(CommuneBrest());
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "autour de Brest" })).ToBeVisibleAsync();
        (await page.Locator("ol.results > li").CountAsync()).ShouldBeGreaterThan(0);
    }

    [BrowserFact]
    public async Task NearMe_PositionNotFound_SaysSoAndOffersTheCommuneField()
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.AddInitScriptAsync("navigator.geolocation.getCurrentPosition = (found, failed) => failed({ code: 2, message: 'position unavailable' });");
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Près de moi" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Votre position n’a pas pu être trouvée.");
        await Assertions.Expect(page.GetByLabel("Commune ou code postal")).ToBeVisibleAsync();
        // Trying again from this page fails the same way: the message says so and the cursor goes to the commune.
        await page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma position" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Position introuvable : indiquez une commune.");
        await Assertions.Expect(page.GetByLabel("Commune ou code postal")).ToBeFocusedAsync();
    }

    [BrowserFact]
    public async Task NearMe_PositionShared_ListsPlacesNearestFirst()
    {
        var page = await browser.NewPageAsync(viewport: Phone, configure: o =>
        {
            o.Permissions = ["geolocation"];
            o.Geolocation = new Geolocation { Latitude = 48.3904f, Longitude = -4.4861f };
        });
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Près de moi" }).ClickAsync();

        await page.WaitForURLAsync(SortedFromAPosition());
        (await page.Locator("ol.results > li").CountAsync()).ShouldBeGreaterThan(0);
    }

    [BrowserFact]
    public async Task NearMe_WithoutJavaScript_AsksForACommune()
    {
        var page = await browser.NewPageAsync(viewport: Phone, configure: o => o.JavaScriptEnabled = false);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Près de moi" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Près de moi", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Commune ou code postal")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma position" })).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task EveryPage_AsEveryRole_FitsA390PixelScreenWithoutSeriousAccessibilityViolation()
    {
        await AddACampaignAndAReportAsync();
        var shapes = new PageShapes(browser.App.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints));
        var crawl = new Crawl(shapes, new Uri(browser.BaseUrl));

        var anonymous = await browser.NewPageAsync(viewport: Phone);
        await crawl.RunAsync(anonymous, "anonymous", PublicSeeds());

        // One account per role (the README's demo accounts): a second manager would add nothing but time.
        string[] roles = ["coordination@demo.reperes.example", "moderation@demo.reperes.example", "gestion.ozanam@demo.reperes.example", "redaction.ozanam@demo.reperes.example", "contribution@demo.reperes.example"];
        foreach (var email in roles)
        {
            var page = await SignedInPageAsync(email);
            var slug = DemoAccounts.All.Single(a => a.Email == email).StructureSlug;
            string[] seeds = slug is null ? ["/mon-espace", "/", "/deconnexion"] : ["/mon-espace", "/", "/deconnexion", "/structure/" + slug];
            await crawl.RunAsync(page, email, seeds);
        }

        output.WriteLine($"{crawl.Visited.Count} pages opened; navigation {crawl.Navigation.TotalSeconds:0.0} s, width {crawl.Measure.TotalSeconds:0.0} s, axe {crawl.Axe.TotalSeconds:0.0} s:");
        crawl.Visited.ForEach(output.WriteLine);
        crawl.Visited.Count.ShouldBeGreaterThan(80);
        crawl.Visited.Select(v => v.Split(' ')[0]).Distinct().Count().ShouldBe(roles.Length + 1);
        var report = crawl.TooWide.Select(p => "wider than 390 px: " + p).Concat(crawl.Inaccessible.Select(p => "axe: " + p)).ToList();
        report.ShouldBeEmpty($"{report.Count} problems over {crawl.Visited.Count} pages:{Environment.NewLine}{string.Join(Environment.NewLine, report)}");
    }

    /// <summary>
    /// The demo data has no campaign and no report: one of each (with long words) gives their pages to the crawl. They
    /// touch structures no other browser test looks at, and send no e-mail.
    /// </summary>
    private Task AddACampaignAndAReportAsync() => browser.App.WithDbAsync(async db =>
    {
        var now = browser.App.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.Date);
        var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
        var culture = await db.Needs.SingleAsync(n => n.Code == "acceder-aux-loisirs-et-a-la-culture");
        var campaign = new Campaign("Vérification des sorties et des loisirs avant l’hiver", "Merci de confirmer vos horaires d’hiver.", SheetSections.All, CampaignScope.Need, culture.Id, null, today, today.AddDays(30), coordinator.Id, now);
        await CampaignTargets.CreateAsync(db, campaign, CancellationToken.None);
        var structure = await db.Structures.SingleAsync(s => s.Slug == "cultures-du-coeur-finistere");
        db.SheetReports.Add(new SheetReport(structure.Id, ReportSection.Contact, "Le site a changé : https://www.cultures-du-coeur-finistere.example.org/nous-contacter/permanences-et-inscriptions-2026", "une.personne.avec.une.adresse.longue@fournisseur-de-messagerie.example.org", now));
        return await db.SaveChangesAsync();
    });

    /// <summary>The public pages the crawl starts from: those with parameters no link gives, and one sheet of each kind.</summary>
    private static IEnumerable<string> PublicSeeds() =>
    [
        "/",
        "/besoin/se-nourrir",
        "/recherche?q=manger",
        "/recherche?q=douche&open=now&free=true&walkin=true&wheelchair=true&language=en&audience=femmes&commune=Brest&radius=5&sort=distance",
        "/recherche?q=zzkqw",
        "/recherche?q=m%C3%A9diation%20num%C3%A9rique%20accompagnement%20d%C3%A9marches%20administratives%20en%20ligne",
        "/carte?need=se-soigner",
        "/internet?open=now&materiel=imprimante",
        "/guide-imprimable?need=avoir-un-toit",
        "/guide-imprimable?q=douche&open=today",
        "/outils/horaires?value=Mo-Fr%2009:00-12:00,14:00-17:00;%20PH%20off",
        "/outils/horaires?value=Mo-Fr%2009:00-12:00;%20We%20off;%20Jan%2001%20off;%20Dec%2025%20off;%20PH%20off%20%22ferm%C3%A9%20les%20jours%20f%C3%A9ri%C3%A9s%22&expert=true",
        "/widget?need=se-nourrir",
        "/widget?q=douche&open=now",
        "/integrer",
        "/api",
        "/agenda",
        "/publications",
        "/connexion",
        "/mot-de-passe-oublie",
        "/connexion/code",
        "/connexion/code-de-secours",
        "/acces-refuse",
        "/reinitialiser-mot-de-passe?email=quelqu.un%40exemple.fr&code=abc",
        "/invitation?code=inconnu",
        "/mise-a-jour?code=inconnu",
        "/erreur?code=404",
        "/structure/halte-accueil-ozanam",
        "/structure/halte-accueil-ozanam/signaler",
        "/structure/mediatheque-des-capucins",
        "/structure/mes-droits-sociaux-en-ligne",
        "/structure/siao-115-finistere",
        "/structure/consigne-solidaire-du-port",
        "/structure/atelier-velo-brest-a-pied-et-a-velo",
        "/structure/centre-social-kerourien",
        "/fiche-orientation",
        "/fiche-orientation/imprimer",
        "/f/AAAAAAAAAAAAAAAAAAAAAA",
    ];

    private async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    [GeneratedRegex("/recherche\\?.*commune=Brest")]
    private static partial Regex CommuneBrest();

    [GeneratedRegex("/recherche\\?sort=distance&lat=48\\.39040&lon=-4\\.48610$")]
    private static partial Regex SortedFromAPosition();

    private static async Task<double> HeaderHeightAsync(IPage page) =>
        (await page.GetByRole(AriaRole.Banner).BoundingBoxAsync()).ShouldNotBeNull().Height;

    /// <summary>
    /// A page's shape: the route template it matches and the names of its query parameters. The crawl opens one page
    /// of each shape (per role in the back office), so that sixty sheets cost one visit.
    /// </summary>
    private sealed class PageShapes(IEnumerable<Endpoint> endpoints)
    {
        private readonly List<(TemplateMatcher Matcher, string Template, int Parameters)> routes = endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()), "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e.RoutePattern.Parameters.Count))
            .OrderBy(r => r.Item3)
            .ToList();

        public string Of(Uri url)
        {
            var path = new PathString(url.AbsolutePath);
            var template = routes.FirstOrDefault(r => r.Matcher.TryMatch(path, new RouteValueDictionary())).Template ?? url.AbsolutePath;
            var names = QueryHelpers.ParseQuery(url.Query).Keys.Order(StringComparer.Ordinal);
            return template + "?" + string.Join('&', names);
        }
    }

    private sealed class Crawl(PageShapes shapes, Uri origin)
    {
        /// <summary>Addresses that are not pages (feeds, exports, files, the API) or that change the session's language.</summary>
        private static readonly string[] SkippedPrefixes = ["/api/", "/medias/", "/langue/", "/health", "/tiles-for-tests/", "/sitemap", "/robots.txt"];

        private static readonly string[] SkippedExtensions = [".csv", ".atom", ".ics", ".xml", ".json", ".txt", ".png", ".jpg", ".webp", ".pdf"];

        private readonly HashSet<string> seenShapes = [];

        private readonly HashSet<string> axeChecked = [];

        public List<string> TooWide { get; } = [];

        public TimeSpan Navigation { get; private set; }

        public TimeSpan Measure { get; private set; }

        public TimeSpan Axe { get; private set; }

        public List<string> Inaccessible { get; } = [];

        /// <summary>"role address", in the order opened.</summary>
        public List<string> Visited { get; } = [];

        public async Task RunAsync(IPage page, string role, IEnumerable<string> seeds)
        {
            var queue = new Queue<string>();
            foreach (var seed in seeds)
            {
                seenShapes.Add(Key(role, new Uri(origin, seed)));
                queue.Enqueue(seed);
            }

            while (queue.TryDequeue(out var url))
            {
                IResponse? response;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
                    Navigation += watch.Elapsed;
                }
                catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
                {
                    continue;
                }

                if (response is null || !(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                {
                    continue;
                }

                Visited.Add(role + " " + url);
                var here = new Uri(page.Url);
                watch.Restart();
                var width = await page.EvaluateAsync<JsonElement>(WidthScript);
                Measure += watch.Elapsed;
                if (width.GetProperty("scroll").GetInt32() > width.GetProperty("client").GetInt32())
                {
                    TooWide.Add($"{role} {url} — {width.GetProperty("scroll").GetInt32()} px; {width.GetProperty("culprits").GetString()}");
                }

                // axe-core is the slow part (four times the page's load): once per route, its rules judging the
                // template more than the data.
                if (axeChecked.Add(shapes.Of(here).Split('?')[0]))
                {
                    watch.Restart();
                    Inaccessible.AddRange((await BrowserFixture.AccessibilityViolationsAsync(page)).Select(v => $"{role} {url} — {v}"));
                    Axe += watch.Elapsed;
                }

                var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
                foreach (var link in links)
                {
                    if (!Uri.TryCreate(link, UriKind.Absolute, out var target) || target.Authority != here.Authority || target.Scheme != here.Scheme
                        || SkippedPrefixes.Any(p => target.AbsolutePath.StartsWith(p, StringComparison.Ordinal))
                        || SkippedExtensions.Any(e => target.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    if (seenShapes.Add(Key(role, target)))
                    {
                        queue.Enqueue(target.PathAndQuery);
                    }
                }
            }
        }

        /// <summary>
        /// A public page is seen once for all roles, once per route (the seeds give its variants: filters, a sheet of each
        /// kind); a back-office page once per role, route and set of parameters, since each role sees other things.
        /// </summary>
        private string Key(string role, Uri url)
        {
            var shape = shapes.Of(url);
            return shape.StartsWith("/mon-espace", StringComparison.Ordinal) ? role + " " + shape : shape[..shape.IndexOf('?', StringComparison.Ordinal)];
        }

        /// <summary>Opens every disclosure, then measures the document and names the widest elements that stick out.</summary>
        private const string WidthScript =
            """
            () => {
              document.querySelectorAll('details').forEach(d => d.open = true);
              const root = document.documentElement;
              const limit = root.clientWidth;
              const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
              const sticksOut = e => e.getBoundingClientRect().right > limit + 0.5;
              // Inside a box that clips or scrolls (a map, a table's scroll container) only that box counts.
              const clipped = e => {
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                  if (getComputedStyle(a).overflowX !== 'visible') { return !sticksOut(a); }
                }
                return false;
              };
              const out = [...document.body.querySelectorAll('*')]
                .filter(e => sticksOut(e) && !clipped(e))
                .filter(e => ![...e.children].some(c => sticksOut(c) && !clipped(c)))
                .slice(0, 4)
                .map(e => describe(e.parentElement) + ' > ' + describe(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
              return { scroll: root.scrollWidth, client: limit, culprits: out.join(', ') };
            }
            """;
    }
}
