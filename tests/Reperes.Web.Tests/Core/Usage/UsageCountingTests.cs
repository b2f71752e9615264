using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Usage;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation;
using Reperes.Web.Tests.Orientation.Referrals;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Core.Usage;

/// <summary>
/// What the network counts of what people do, at every place that counts: once per action, never for a robot, with
/// no cookie and nothing of the person (address, browser) anywhere in the database; folded into months after the
/// retention period; nothing lost with two instances on one database.
/// </summary>
public sealed class UsageCountingTests
{
    /// <summary>A phone's browser, with a mark of its own so that the database can be searched for it.</summary>
    private const string BrowserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Reperes7f3a9c";

    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private const string Ozanam = "halte-accueil-ozanam";

    /// <summary>The person's address as the application sees it (a documentation address).</summary>
    private static readonly IPAddress PersonAddress = IPAddress.Parse("203.0.113.77");

    private static ReperesApp NewApp(string engine, ReperesApp? sharesDatabaseWith = null) =>
        new(engine) { TestServices = services => services.AddTransient<IStartupFilter, FromPersonAddress>(), SharesDatabaseWith = sharesDatabaseWith };

    private static HttpClient Person(ReperesApp app, string userAgent = BrowserAgent) => WithAgent(app.CreateBrowserLikeClient(), userAgent);

    private static HttpClient WithAgent(HttpClient client, string userAgent)
    {
        client.DefaultRequestHeaders.Remove("User-Agent");
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return client;
    }

    private static async Task<List<UsageEvent>> EventsAsync(ReperesApp app)
    {
        await app.Services.GetRequiredService<UsageWriter>().FlushAsync(default);
        return await app.WithDbAsync(db => db.UsageEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
    }

    private static Task<int> StructureIdAsync(ReperesApp app, string slug) =>
        app.WithDbAsync(db => db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    private static Task<HttpResponseMessage> TapAsync(HttpClient client, string kind, string structure) =>
        client.PostAsync($"/usage/tap?kind={kind}&structure={structure}", null);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_EverySearchPage_OneSearchOnItsFirstPageWithWhatItWasAbout(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);

        (await person.GetAsync("/recherche?q=douche")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/recherche?q=douche&page=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/recherche?q=" + Uri.EscapeDataString("je cherche Xylophönezz 0612345678"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/recherche?category=repas&commune=29019")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/recherche?page=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await person.GetAsync("/besoin/se-nourrir")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/besoin/se-nourrir?page=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/internet")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/widget?need=se-nourrir")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/carte?q=douche")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/api/v1/search?q=douche")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await EventsAsync(app);
        var searches = events.Where(e => e.Kind == UsageKind.Search).ToList();
        searches.Count.ShouldBe(6, "one per search page's first page; not the next pages, the map of the same search, a refused search or the API");

        var shower = searches[0];
        (shower.NeedCode, shower.CategoryCode, shower.Commune).ShouldBe(("prendre-soin-de-soi", "douche", ""), "the category the words lead to, and its need");
        shower.Results.ShouldBeGreaterThan((short)2);
        shower.Words.ShouldBe("", "the words of a search that found something are not kept");

        var unknown = searches[1];
        unknown.Results.ShouldBe((short)0);
        unknown.Words.ShouldBe("xylophonezz", "folded, without filler words nor a phone number");

        (searches[2].NeedCode, searches[2].CategoryCode, searches[2].Commune).ShouldBe(("se-nourrir", "repas", "29019"));
        searches[3].NeedCode.ShouldBe("se-nourrir");
        searches.Select(s => s.Detail).ShouldBe(["", "", "", "", "internet", "widget"], "where the search was made, when not the results or a need page");
        searches[5].NeedCode.ShouldBe("se-nourrir");
        searches.ShouldAllBe(e => e.StructureId == 0 && e.Results >= 0 && e.Results <= UsageEvent.ManyResults);

        events.Where(e => e.Kind == UsageKind.Api).Select(e => e.Detail).ShouldBe(["search"], "the JSON search is a use of the API");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_SheetViewAndEachTap_OnceWithThePlaceBadTapsRefusedAndNotCounted(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);
        var id = (await StructureIdAsync(app, Ozanam)).ToString(CultureInfo.InvariantCulture);

        var (sheetResponse, sheet) = await person.GetPageAsync($"/structure/{Ozanam}");
        sheetResponse.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without JavaScript the links are plain links; site.js counts a tap by a beacon with the kind and the place.
        sheet.QuerySelector($"a[data-usage=call][data-structure='{id}']")!.GetAttribute("href")!.ShouldStartWith("tel:");
        sheet.QuerySelector($"a[data-usage=directions][data-structure='{id}']")!.GetAttribute("href")!.ShouldStartWith("https://www.openstreetmap.org/directions");
        sheet.QuerySelector($"a[data-usage=website][data-structure='{id}']")!.GetAttribute("href")!.ShouldBe("https://halte-accueil-ozanam.example.org");
        sheet.QuerySelector($"a[data-usage=email][data-structure='{id}']")!.GetAttribute("href")!.ShouldBe("mailto:contact@halte-accueil-ozanam.example.org");
        sheet.QuerySelectorAll("script:not([src])").Where(s => s.GetAttribute("type") != "application/ld+json").ShouldBeEmpty("no inline script");
        (await person.GetStringAsync("/js/site.js")).ShouldContain("navigator.sendBeacon('/usage/tap?kind='");

        foreach (var kind in new[] { "call", "directions", "website", "email" })
        {
            var tap = await TapAsync(person, kind, id);
            tap.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            tap.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }

        (await TapAsync(person, "fax", id)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TapAsync(person, "call", "abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TapAsync(person, "call", "-3")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TapAsync(person, "call", "99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await person.PostAsync("/usage/tap", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The structure's own staff reading their sheet is not a person looking for help.
        var manager = WithAgent(await PublicationWorkflowTests.AsAsync(app, ReferralTests.ManagerA), BrowserAgent);
        (await manager.GetAsync($"/structure/{Ozanam}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await EventsAsync(app);
        events.Select(e => e.Kind).Order().ShouldBe([UsageKind.SheetView, UsageKind.Call, UsageKind.Directions, UsageKind.Website, UsageKind.Email]);
        var needs = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam).OrderBy(v => v.Id).Select(v => v.Category.Need.Code).ToListAsync());
        events.ShouldAllBe(e => e.StructureId == int.Parse(id, CultureInfo.InvariantCulture) && e.Commune == "29019" && e.NeedCode == UsagePlaces.MainNeed(needs) && e.Results == -1);
        UsagePlaces.MainNeed(needs).ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_SlipPrintedAndSharedReferralSent_OneSlipOnePerPlaceOneReferral(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);
        for (var i = 0; i < 2; i++)
        {
            var (_, page) = await person.GetPageAsync("/recherche?q=douche");
            (await person.SubmitAsync(page.QuerySelectorAll("li.result form.slip-add")[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await person.GetAsync("/fiche-orientation/imprimer")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, slip) = await person.SlipAsync();
        var shared = await person.SubmitAsync(slip.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Share", StringComparison.Ordinal)));
        shared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await person.GetAsync(shared.Headers.Location!.OriginalString)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var professional = WithAgent(await PublicationWorkflowTests.AsAsync(app, ReferralTests.Professional), BrowserAgent);
        var bagagerie = await ReferralTests.BagagerieAsync(app);
        (await ReferralTests.SendAsync(professional, bagagerie, ReferralTests.ValidForm(app))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var events = await EventsAsync(app);
        events.Where(e => e.Kind == UsageKind.Slip).Select(e => e.Detail).ShouldBe(["print", "share"], "one per slip printed or shared; opening a shared slip makes none");
        var places = events.Where(e => e.Kind == UsageKind.SlipPlace).ToList();
        places.Count.ShouldBe(4, "one per place of each slip");
        places.Select(p => p.Detail).ShouldBe(["print", "print", "share", "share"]);
        places.ShouldAllBe(p => p.StructureId > 0 && p.NeedCode.Length > 0 && p.Commune.Length > 0);
        places.Where(p => p.Detail == "print").Select(p => p.StructureId).Order().ShouldBe(places.Where(p => p.Detail == "share").Select(p => p.StructureId).Order());

        var referral = events.Single(e => e.Kind == UsageKind.Referral);
        (referral.StructureId, referral.CategoryCode, referral.NeedCode, referral.Commune, referral.Words).ShouldBe((await StructureIdAsync(app, Ozanam), "bagagerie", "", "", ""));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_ApiAndExports_OncePerCallByKindScriptsCountedCrawlersAndOwnPagesNot(string engine)
    {
        await using var app = NewApp(engine);
        var script = WithAgent(app.CreateClient(), "python-requests/2.32.3");
        string[] calls =
        [
            "/api/v1/search?q=douche", "/api/v1/structures", "/api/v1/categories", "/api/hsds/services",
            "/api/v1/export/data-inclusion/structures", "/api/v1/export/data-inclusion/services?format=csv",
            "/api/v1/export/data-inclusion/structures.csv", "/api/v1/export/mediation-numerique.csv", "/actualites.atom",
            "/agenda.ics", "/besoin/se-nourrir/agenda.ics",
        ];
        foreach (var call in calls)
        {
            var response = await script.GetAsync(call);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, call);
            response.Headers.Contains("Set-Cookie").ShouldBeFalse(call);
        }

        // Not a use: a crawler, an error, the site's own map calling the search.
        (await WithAgent(app.CreateClient(), Googlebot).GetAsync("/api/v1/structures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.GetAsync($"/api/v1/structures/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var map = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?q=douche&pageSize=500");
        map.Headers.Add("Sec-Fetch-Site", "same-origin");
        map.Headers.Add("Sec-Fetch-Mode", "cors");
        (await Person(app).SendAsync(map)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await EventsAsync(app);
        events.Where(e => e.Kind == UsageKind.Api).Select(e => e.Detail).ShouldBe(["search", "structures", "categories", "hsds"]);
        events.Where(e => e.Kind == UsageKind.Export).Select(e => e.Detail)
            .ShouldBe(["data-inclusion", "data-inclusion-csv", "data-inclusion-csv", "mediation-csv", "atom", "ical", "ical"]);
        events.Count.ShouldBe(calls.Length, "nothing else: a program's call of the API is no search of a person");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_KnownRobotsAndHeadRequests_NothingCounted(string engine)
    {
        await using var app = NewApp(engine);
        var id = (await StructureIdAsync(app, Ozanam)).ToString(CultureInfo.InvariantCulture);
        foreach (var agent in new[] { Googlebot, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "UptimeRobot/2.0", "" })
        {
            var robot = Person(app, agent);
            (await robot.GetAsync("/recherche?q=xylophonezz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await robot.GetAsync("/besoin/se-nourrir")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await robot.GetAsync($"/structure/{Ozanam}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await TapAsync(robot, "call", id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var (_, page) = await robot.GetPageAsync("/recherche?q=douche");
            await robot.SubmitAsync(page.QuerySelectorAll("li.result form.slip-add")[0]);
            (await robot.GetAsync("/fiche-orientation/imprimer")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var person = Person(app);
        (await person.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/structure/{Ozanam}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var prefetch = new HttpRequestMessage(HttpMethod.Get, "/recherche?q=douche");
        prefetch.Headers.Add("Sec-Purpose", "prefetch");
        (await person.SendAsync(prefetch)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await EventsAsync(app)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_EveryKindOfAction_NoCookieSetAndNeitherAddressNorBrowserStoredAnywhere(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);
        var id = (await StructureIdAsync(app, Ozanam)).ToString(CultureInfo.InvariantCulture);

        // A person who has already been on the site: the forms' antiforgery cookie is the site's, not the counting's
        // (a next page is no new search).
        await person.GetAsync("/recherche?q=douche&page=2");
        var counted = new List<HttpResponseMessage>
        {
            await person.GetAsync("/recherche?q=xylophonezz"),
            await person.GetAsync("/recherche?q=douche"),
            await person.GetAsync("/besoin/se-nourrir"),
            await person.GetAsync("/internet"),
            await person.GetAsync("/widget?need=se-nourrir"),
            await person.GetAsync($"/structure/{Ozanam}"),
            await TapAsync(person, "call", id),
            await TapAsync(person, "directions", id),
            await TapAsync(person, "website", id),
            await TapAsync(person, "email", id),
            await person.GetAsync("/api/v1/search?q=douche"),
            await person.GetAsync("/api/v1/export/data-inclusion/structures"),
            await person.GetAsync("/agenda.ics"),
        };
        var (_, page) = await person.GetPageAsync("/recherche?q=douche");
        await person.SubmitAsync(page.QuerySelectorAll("li.result form.slip-add")[0]);
        counted.Add(await person.GetAsync("/fiche-orientation/imprimer"));
        var professional = WithAgent(await PublicationWorkflowTests.AsAsync(app, ReferralTests.Professional), BrowserAgent);
        (await ReferralTests.SendAsync(professional, await ReferralTests.BagagerieAsync(app), ReferralTests.ValidForm(app))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var response in counted)
        {
            response.IsSuccessStatusCode.ShouldBeTrue(response.RequestMessage!.RequestUri!.ToString());
            response.Headers.Contains("Set-Cookie").ShouldBeFalse(response.RequestMessage.RequestUri.ToString());
        }

        var events = await EventsAsync(app);
        events.Select(e => e.Kind).Distinct().Order().ToList().ShouldBe(Enum.GetValues<UsageKind>().ToList(), "every kind was counted");

        var found = await app.WithDbAsync(db => FindEverywhereAsync(db, ["203.0.113.77", "Reperes7f3a9c", "Pixel 8", "Chrome/131", "xylophonezz"]));
        found.ShouldBe(["usage_events.words: xylophonezz"], "the words of a search that found nothing, and nothing of the person");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Retention_ClockMovedPastThirteenMonths_OldEventsFoldedIntoMonthsWithTheSameTotals(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);
        var id = (await StructureIdAsync(app, Ozanam)).ToString(CultureInfo.InvariantCulture);
        foreach (var query in new[] { "douche", "douche", "xylophonezz", "manger" })
        {
            await person.GetAsync("/recherche?q=" + query);
        }

        await person.GetAsync($"/structure/{Ozanam}");
        await TapAsync(person, "call", id);
        await TapAsync(person, "call", id);
        var old = (await EventsAsync(app)).Count;
        old.ShouldBe(7);

        var month = new DateOnly(2026, 11, 1);
        var kinds = Enum.GetValues<UsageKind>();
        const UsageDimensions everything = UsageDimensions.Need | UsageDimensions.Category | UsageDimensions.Commune | UsageDimensions.Structure
            | UsageDimensions.Detail | UsageDimensions.Words | UsageDimensions.Results;
        var before = await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, everything, null, default));
        var byKind = await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, UsageDimensions.None, null, default));
        var forTheSheet = await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, UsageDimensions.None, int.Parse(id, CultureInfo.InvariantCulture), default));
        before.Sum(t => t.Total).ShouldBe(7);

        // Twelve months on, nothing is folded; past thirteen, the old month is, and a new event stays raw.
        var retention = app.Services.GetRequiredService<UsageRetention>();
        app.Clock.Now = app.Clock.Now.AddMonths(12);
        (await retention.RunOnceAsync(default)).ShouldBe(0);
        app.Clock.Now = app.Clock.Now.AddMonths(2);
        await person.GetAsync("/recherche?q=douche");
        await app.Services.GetRequiredService<UsageWriter>().FlushAsync(default);
        (await retention.RunOnceAsync(default)).ShouldBe(old);
        (await retention.RunOnceAsync(default)).ShouldBe(0, "a second run folds nothing twice");

        (await app.WithDbAsync(db => db.UsageEvents.CountAsync(e => e.Month == month))).ShouldBe(0, "the raw events are gone");
        (await app.WithDbAsync(db => db.UsageEvents.CountAsync())).ShouldBe(1);
        (await app.WithDbAsync(db => db.UsageMonths.SumAsync(m => m.Total))).ShouldBe(7);
        (await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, everything, null, default))).ShouldBe(before, ignoreOrder: true);
        (await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, UsageDimensions.None, null, default))).ShouldBe(byKind, ignoreOrder: true);
        (await app.WithDbAsync(db => UsageTotals.MonthlyAsync(db, kinds, month, month, UsageDimensions.None, int.Parse(id, CultureInfo.InvariantCulture), default))).ShouldBe(forTheSheet, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Count_TwoInstancesOnOneDatabaseAtOnce_NothingLost(string engine)
    {
        await using var first = NewApp(engine);
        await using var second = NewApp(engine, sharesDatabaseWith: first);
        var id = (await StructureIdAsync(first, Ozanam)).ToString(CultureInfo.InvariantCulture);
        const int RequestsPerInstance = 24;
        const int FactsPerInstance = 3_000;

        // Requests of people on both instances, and many counts at once, while both writers run on their own timers.
        async Task ActAsync(ReperesApp app)
        {
            var person = Person(app);
            var counter = app.Services.GetRequiredService<UsageCounter>();
            var facts = Task.Run(() =>
            {
                for (var i = 0; i < FactsPerInstance; i++)
                {
                    counter.Count(new UsageFact(UsageKind.Referral) { StructureId = i });
                }
            });
            for (var i = 0; i < RequestsPerInstance; i += 3)
            {
                (await person.GetAsync("/recherche?q=douche")).StatusCode.ShouldBe(HttpStatusCode.OK);
                (await person.GetAsync($"/structure/{Ozanam}")).StatusCode.ShouldBe(HttpStatusCode.OK);
                (await TapAsync(person, "call", id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            }

            await facts;
        }

        await Task.WhenAll(ActAsync(first), ActAsync(second));

        // The second stops cleanly (its writer writes what is left); the first flushes.
        var secondCounter = second.Services.GetRequiredService<UsageCounter>();
        await second.DisposeAsync();
        await first.Services.GetRequiredService<UsageWriter>().FlushAsync(default);

        secondCounter.Dropped.ShouldBe(0);
        first.Services.GetRequiredService<UsageCounter>().Dropped.ShouldBe(0);
        var totals = await first.WithDbAsync(db => db.UsageEvents.GroupBy(e => e.Kind).Select(g => new { g.Key, Total = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Total));
        var summary = string.Join(", ", totals.Select(t => $"{t.Key}: {t.Value}"));
        totals[UsageKind.Search].ShouldBe(2 * RequestsPerInstance / 3, summary);
        totals[UsageKind.SheetView].ShouldBe(2 * RequestsPerInstance / 3);
        totals[UsageKind.Call].ShouldBe(2 * RequestsPerInstance / 3);
        totals[UsageKind.Referral].ShouldBe(2 * FactsPerInstance, summary);
        totals.Values.Sum().ShouldBe(2 * (RequestsPerInstance + FactsPerInstance));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrivacyPage_FrenchAndEnglish_SaysWhatIsCountedAndWhatIsNot(string engine)
    {
        await using var app = NewApp(engine);
        var person = Person(app);
        var (_, home) = await person.GetPageAsync("/");
        home.QuerySelector("footer a[href='/confidentialite']")!.TextContent.ShouldBe("Vie privée");

        var (response, page) = await person.GetPageAsync("/confidentialite");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var french = page.Body!.TextContent;
        french.ShouldContain("le besoin, la catégorie et la commune recherchés");
        french.ShouldContain("qui n’ont rien ou presque rien trouvé (2 lieux au plus)");
        french.ShouldContain("le jour et l’heure de la semaine");
        french.ShouldContain("« Appeler », « Itinéraire », le site internet et l’adresse électronique");
        french.ShouldContain("aucun cookie pour ces statistiques");
        french.ShouldContain("ni adresse IP, ni navigateur");
        french.ShouldContain("les robots");
        french.ShouldContain("gardé 13 mois, puis seuls les totaux de chaque mois restent");

        var english = (await person.GetPageAsync("/confidentialite?lang=en")).Document.Body!.TextContent;
        english.ShouldContain("no cookie for these statistics");
        english.ShouldContain("no IP address, no browser");
        english.ShouldContain("kept 13 months, then only each month’s totals remain");
        (await EventsAsync(app)).ShouldBeEmpty("reading the privacy page counts nothing");
    }

    /// <summary>Every table and column of the database (read as text) holding one of <paramref name="needles"/>: "table.column".</summary>
    private static async Task<List<string>> FindEverywhereAsync(Reperes.Web.Data.ReperesDbContext db, IReadOnlyList<string> needles)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        if (postgres)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT table_name, column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) WHERE table_schema = 'public' AND t.table_type = 'BASE TABLE'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        else
        {
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add((table, reader.GetString(0)));
                }
            }
        }

        columns.Count.ShouldBeGreaterThan(100, "every table of the guide is read");
        columns.ShouldContain(("usage_events", "words"));
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var needle in needles)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE @needle";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "needle";
                parameter.Value = "%" + needle + "%";
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column}: {needle}");
                }
            }
        }

        return found;
    }

    /// <summary>Requests come from the person's address, as behind a real connection.</summary>
    private sealed class FromPersonAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = PersonAddress;
                return following(context);
            });
            next(app);
        };
    }
}
