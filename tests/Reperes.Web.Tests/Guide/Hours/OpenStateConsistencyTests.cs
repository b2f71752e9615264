using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Reperes.Web.Tests.Guide.Hours;

/// <summary>
/// The week-long consistency walk: over the demo data and a few more notices (a service's closure, a structure's closure
/// across a night, a service's and a structure's exceptional hours), one minute before and one minute after every
/// opening and closing of every expression and every notice's start and end, every page and answer shows, for every
/// place it lists, the state the one function gives: need pages and their results, open-now and open-today lists,
/// word searches, the widget, the map's JSON, the JSON structures and services, sheets (header and each service),
/// a structure's JSON and HSDS services. One application per engine, its clock moved along the week.
/// </summary>
public sealed class OpenStateConsistencyTests(OpenStateConsistencyTests.Apps apps, ITestOutputHelper output) : IClassFixture<OpenStateConsistencyTests.Apps>
{
    /// <summary>Tuesday 24 November 2026, midnight in Brest: the demo's notices are dated from this day.</summary>
    private static readonly DateTimeOffset WeekStart = new(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(1));

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    /// <summary>An everyday word per need, for the word searches.</summary>
    private static readonly Dictionary<string, string> Words = new()
    {
        ["se-nourrir"] = "manger",
        ["prendre-soin-de-soi"] = "douche",
        ["avoir-un-toit"] = "dormir",
        ["acceder-aux-droits"] = "avocat",
        ["se-soigner"] = "medecin",
        ["poser-son-sac"] = "bagagerie",
        ["se-former"] = "francais",
        ["se-deplacer"] = "velo",
        ["acceder-aux-loisirs-et-a-la-culture"] = "sport",
    };

    private enum ListCheck
    {
        NeedPage,
        SearchJson,
        OpenNowPage,
        OpenTodayJson,
        Widget,
        StructuresJson,
        ServicesJson,
        WordSearch,
        ServicesOpenNowJson,
        ResultsPage,
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryPageAndAnswer_AroundEveryChangeOfAWeek_ShowTheSameStateForEveryPlace(string engine)
    {
        var previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = French;
        try
        {
            var app = await apps.ForAsync(engine);
            var walk = new Walk(app, output);
            await walk.RunAsync();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NeedPage_SaturdayEveningInDecember_NamesTheEveningServicesAndWhoTheyAreFor(string engine)
    {
        var app = await apps.ForAsync(engine);
        app.Clock.Now = new DateTimeOffset(2026, 12, 5, 18, 50, 0, TimeSpan.FromHours(1));
        var client = app.CreateClient();

        var (_, page) = await client.GetPageAsync("/besoin/se-nourrir");
        var streetRound = Card(page, "croix-rouge-brest");
        streetRound.QuerySelector("p.badge")!.TextContent.ShouldBe("Maraude du samu social : fermé · ouvre à 20:00");
        streetRound.QuerySelector("p.for")!.TextContent.ShouldBe("Pour qui : Personnes en situation d’urgence · sans rendez-vous");
        var shelter = Card(page, "ker-digemer");
        shelter.QuerySelector("p.badge")!.TextContent.ShouldBe("Dîner et petit-déjeuner : fermé · ouvre à 19:00");
        shelter.QuerySelector("p.for")!.TextContent.ShouldBe("Pour qui : Personnes en situation d’urgence · à partir de 18 ans · réservé aux personnes hébergées");
        shelter.QuerySelector("p.for")!.ClassList.ShouldNotContain("unconditional");

        // The sheet's header is about the same street round; the office's own week stays in the table.
        var (_, sheet) = await client.GetPageAsync("/structure/croix-rouge-brest");
        sheet.QuerySelector("article p.badge")!.TextContent.ShouldBe("Maraude du samu social : fermé · ouvre à 20:00");
        sheet.QuerySelectorAll("ul.services > li .badge").Select(b => b.TextContent).ShouldBe(["Fermé · ouvre lundi à 9:00", "Fermé · ouvre à 20:00", "Fermé · ouvre mardi à 10:00"], ignoreOrder: true);

        // At 20:10 both serve: "open now" finds them on the need page and with everyday words alike.
        app.Clock.Now = new DateTimeOffset(2026, 12, 5, 20, 10, 0, TimeSpan.FromHours(1));
        var (_, openNeed) = await client.GetPageAsync("/besoin/se-nourrir?open=now");
        var (_, openWords) = await client.GetPageAsync("/recherche?q=manger&open=now");
        foreach (var list in new[] { openNeed, openWords })
        {
            Card(list, "croix-rouge-brest").QuerySelector("p.badge")!.TextContent.ShouldBe("Maraude du samu social : ouvert · ferme à 23:30");
            Card(list, "ker-digemer").QuerySelector("p.badge")!.TextContent.ShouldBe("Dîner et petit-déjeuner : ouvert · ferme à 20:30");
        }
    }

    private static IElement Card(IDocument page, string slug) =>
        page.QuerySelectorAll("li.result").SingleOrDefault(li => li.QuerySelector($"a[href='/structure/{slug}']") is not null)
        ?? throw new ShouldAssertException($"No result card for {slug}.");

    private sealed record ServiceInfo(ServiceHours Hours, Guid Uid, string NeedCode);

    private sealed record Place(int Id, Guid Uid, string Slug, PlaceHours Hours, IReadOnlyList<ServiceInfo> Services)
    {
        public IEnumerable<string> Needs => Services.Select(s => s.NeedCode).Distinct();
    }

    private sealed class Walk(ReperesApp app, ITestOutputHelper output)
    {
        private readonly HttpClient client = app.CreateClient();
        private readonly OpenStates states = app.Services.GetRequiredService<OpenStates>();
        private readonly GuideCatalog catalog = app.Services.GetRequiredService<GuideCatalog>();
        private readonly IStringLocalizer localizer = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        private readonly List<string> mismatches = [];
        private readonly Dictionary<string, int> comparisons = [];
        private readonly Dictionary<DateTimeOffset, (List<string> Needs, List<Place> Places)> touched = [];
        private int requests;
        private int listRotation;
        private int placeRotation;
        private DateTimeOffset now;
        private IReadOnlyList<Place> places = [];

        public async Task RunAsync()
        {
            places = await LoadPlacesAsync();
            var changes = ChangeInstants();
            var instants = changes.Keys.SelectMany(c => new[] { c.AddMinutes(-1), c.AddMinutes(1) })
                .Where(i => i >= WeekStart && i < WeekStart.AddDays(7))
                .Distinct().Order().ToList();
            foreach (var instant in instants)
            {
                now = instant;
                app.Clock.Now = instant;
                var change = changes.Keys.OrderBy(c => Math.Abs((c - instant).Ticks)).First();
                var (needs, sheets) = Touched(change, changes[change]);
                foreach (var need in needs)
                {
                    await CheckNeedAsync(need);
                }

                foreach (var place in sheets)
                {
                    await CheckPlaceAsync(place);
                }
            }

            output.WriteLine($"{app.Engine}: {places.Count} places, {changes.Count} change instants, {instants.Count} instants checked, {requests} requests, "
                + $"{comparisons.Values.Sum()} states compared ({string.Join(", ", comparisons.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))})");
            mismatches.Take(30).ShouldBeEmpty($"{mismatches.Count} disagreements");
            comparisons.Keys.Count.ShouldBe(17, "every page and answer was compared: " + string.Join(", ", comparisons.Keys));
        }

        private async Task<IReadOnlyList<Place>> LoadPlacesAsync() => await app.WithDbAsync(async db =>
        {
            var structures = await db.Structures.AsNoTracking()
                .Where(s => s.Status == StructureStatus.Online)
                .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
                .Include(s => s.Notices)
                .AsSplitQuery()
                .ToListAsync();
            return (IReadOnlyList<Place>)structures.Select(s => new Place(
                s.Id,
                s.Uid,
                s.Slug,
                PlaceHours.Of(s, s.Notices.Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours)).ToList()),
                s.Services.Select(v => new ServiceInfo(ServiceHours.Of(v), v.Uid, v.Category.Need.Code)).ToList())).ToList();
        });

        /// <summary>Every opening and closing of every expression (regular and exceptional) and every notice's start and end, with the places they concern.</summary>
        private Dictionary<DateTimeOffset, List<Place>> ChangeInstants()
        {
            var evaluator = app.Services.GetRequiredService<HoursEvaluator>();
            var end = WeekStart.AddDays(7);
            var changes = new Dictionary<DateTimeOffset, List<Place>>();
            void Add(DateTimeOffset at, Place place)
            {
                if (!changes.TryGetValue(at, out var list))
                {
                    changes[at] = list = [];
                }

                if (!list.Contains(place))
                {
                    list.Add(place);
                }
            }

            foreach (var place in places)
            {
                var expressions = new[] { place.Hours.OpeningHours }
                    .Concat(place.Hours.Services.Select(s => s.OpeningHours))
                    .Concat(place.Hours.Notices.Select(n => n.OpeningHours))
                    .OfType<string>().Distinct();
                foreach (var expression in expressions)
                {
                    foreach (var interval in evaluator.Schedule(expression)?.GetIntervals(WeekStart, end) ?? [])
                    {
                        Add(interval.Start, place);
                        Add(interval.End, place);
                    }
                }

                foreach (var notice in place.Hours.Notices.Where(n => n.Kind != NoticeKind.Message))
                {
                    Add(OpenStates.StartOfLocalDay(notice.StartsOn), place);
                    Add(OpenStates.StartOfLocalDay(notice.EndsOn.AddDays(1)), place);
                }
            }

            return changes;
        }

        /// <summary>
        /// What a change shows on: the needs for which a place's state differs a minute before and a minute after, and the
        /// places whose sheet differs (its header or a service). Changes hidden by others (a closure, a longer opening) show nowhere.
        /// </summary>
        private (List<string> Needs, List<Place> Places) Touched(DateTimeOffset change, IReadOnlyList<Place> candidates)
        {
            if (touched.TryGetValue(change, out var known))
            {
                return known;
            }

            var (before, after) = (change.AddMinutes(-1), change.AddMinutes(1));
            bool Differs(Place place, IReadOnlyCollection<int> scope)
            {
                var (a, b) = (states.Of(place.Hours, scope, before), states.Of(place.Hours, scope, after));
                return a.Headline.Status != b.Headline.Status || a.Headline.NextChange != b.Headline.NextChange || a.About != b.About;
            }

            var needs = candidates.SelectMany(p => p.Needs.Where(n => Differs(p, NeedScope(n)))).Distinct().Order(StringComparer.Ordinal).ToList();
            var sheets = candidates.Where(p => Differs(p, []) || p.Hours.Services.Any(s =>
            {
                var (a, b) = (states.OfService(p.Hours, s, before), states.OfService(p.Hours, s, after));
                return a.Status != b.Status || a.NextChange != b.NextChange;
            })).ToList();
            touched[change] = (needs, sheets);
            return (needs, sheets);
        }

        private IReadOnlyList<int> NeedScope(string need) => catalog.Need(need)!.Categories.Select(c => c.Id).ToList();

        private IEnumerable<Place> PlacesOf(string need) => places.Where(p => p.Needs.Contains(need));

        private string Headline(Place place, IReadOnlyCollection<int> scope) =>
            OpenStateText.Headline(states.Of(place.Hours, scope, now), now, localizer, French);

        private string ServiceText(Place place, ServiceHours service) =>
            OpenStateText.Describe(states.OfService(place.Hours, service, now), now, localizer, French);

        private Place BySlug(string slug) => places.Single(p => p.Slug == slug);

        private void Compare(string what, string url, string? shown, string expected)
        {
            comparisons[what] = comparisons.GetValueOrDefault(what) + 1;
            if (shown?.Trim() != expected)
            {
                mismatches.Add($"{now:yyyy-MM-dd HH:mm} {url}: {what} shows « {shown} », expected « {expected} »");
            }
        }

        private void CompareSet(string what, string url, IEnumerable<string> shown, IEnumerable<string> expected)
        {
            comparisons[what] = comparisons.GetValueOrDefault(what) + 1;
            var a = shown.Order(StringComparer.Ordinal).ToList();
            var b = expected.Order(StringComparer.Ordinal).ToList();
            if (!a.SequenceEqual(b))
            {
                mismatches.Add($"{now:yyyy-MM-dd HH:mm} {url}: {what} lists [{string.Join(", ", a.Except(b))}] too many, [{string.Join(", ", b.Except(a))}] missing");
            }
        }

        private async Task<IDocument> PageAsync(string url)
        {
            requests++;
            var (response, page) = await client.GetPageAsync(url);
            response.EnsureSuccessStatusCode();
            return page;
        }

        private async Task<JsonNode> JsonAsync(string url)
        {
            requests++;
            var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        /// <summary>The answer's own list (not the partial answers "without your filters" that may follow it).</summary>
        private static IEnumerable<IElement> MainCards(IDocument page) => page.QuerySelector("ol.results")?.QuerySelectorAll("li.result") ?? Enumerable.Empty<IElement>();

        private void CompareCards(string what, string url, IDocument page, IReadOnlyCollection<int> scope)
        {
            foreach (var card in MainCards(page))
            {
                var slug = card.QuerySelector("a")!.GetAttribute("href")!["/structure/".Length..];
                Compare(what, url, card.QuerySelector("p.badge")?.TextContent, Headline(BySlug(slug), scope));
            }
        }

        private async Task CheckNeedAsync(string need)
        {
            var scope = NeedScope(need);
            string url;
            var check = (ListCheck)(listRotation++ % Enum.GetValues<ListCheck>().Length);
            switch (check)
            {
                case ListCheck.NeedPage:
                    url = $"/besoin/{need}?pageSize=100";
                    CompareCards("need page", url, await PageAsync(url), scope);
                    break;
                case ListCheck.SearchJson:
                    url = $"/api/v1/search?need={need}&pageSize=100";
                    foreach (var hit in (await JsonAsync(url))["results"]!.AsArray().OfType<JsonNode>())
                    {
                        var place = BySlug((string)hit["slug"]!);
                        Compare("JSON search (map)", url, (string?)hit["openText"], Headline(place, scope));
                        Compare("JSON search state", url, (string?)hit["openState"], states.Of(place.Hours, scope, now).Headline.CssClass);
                    }

                    break;
                case ListCheck.OpenNowPage:
                    {
                        url = $"/besoin/{need}?open=now&pageSize=100";
                        var page = await PageAsync(url);
                        CompareSet("open now page", url, MainCards(page).Select(li => li.QuerySelector("a[href^='/structure/']")!.GetAttribute("href")!["/structure/".Length..]),
                            PlacesOf(need).Where(p => states.Of(p.Hours, scope, now).IsOpen).Select(p => p.Slug));
                        break;
                    }

                case ListCheck.OpenTodayJson:
                    {
                        url = $"/api/v1/search?need={need}&open=today&pageSize=100";
                        var results = (await JsonAsync(url))["results"]!.AsArray();
                        CompareSet("open today JSON", url, results.Select(r => (string)r!["slug"]!),
                            PlacesOf(need).Where(p => states.Of(p.Hours, scope, now).OpenToday).Select(p => p.Slug));
                        break;
                    }

                case ListCheck.Widget:
                    url = $"/widget?need={need}&pageSize=100";
                    CompareCards("widget", url, await PageAsync(url), scope);
                    break;
                case ListCheck.StructuresJson:
                    url = $"/api/v1/structures?need={need}&per_page=100";
                    foreach (var item in (await JsonAsync(url))["items"]!.AsArray())
                    {
                        var place = BySlug((string)item!["slug"]!);
                        var state = states.Of(place.Hours, scope, now);
                        Compare("JSON structures", url, (string?)item["open"]!["text"], Headline(place, scope));
                        Compare("JSON structures about", url, (string?)item["open"]!["about"] ?? "", state.About?.Name ?? "");
                    }

                    break;
                case ListCheck.ServicesJson:
                    url = $"/api/v1/services?need={need}&per_page=100";
                    foreach (var item in (await JsonAsync(url))["items"]!.AsArray())
                    {
                        var uid = Guid.Parse((string)item!["id"]!);
                        var place = places.Single(p => p.Services.Any(s => s.Uid == uid));
                        Compare("JSON services", url, (string?)item["open"]!["text"], ServiceText(place, place.Services.Single(s => s.Uid == uid).Hours));
                    }

                    break;
                case ListCheck.WordSearch:
                    {
                        var word = Words[need];
                        url = $"/recherche?q={word}&pageSize=100";
                        var page = await PageAsync(url);
                        var wordScope = await WordScopeAsync(word);
                        CompareCards("word search", url, page, wordScope);
                        break;
                    }

                case ListCheck.ServicesOpenNowJson:
                    {
                        url = $"/api/v1/services?need={need}&open=now&per_page=100";
                        var items = (await JsonAsync(url))["items"]!.AsArray();
                        var open = PlacesOf(need).Where(p => states.Of(p.Hours, scope, now).IsOpen)
                            .SelectMany(p => p.Services.Where(s => s.NeedCode == need && states.OfService(p.Hours, s.Hours, now).IsOpen).Select(s => s.Uid.ToString()));
                        CompareSet("open now JSON services", url, items.Select(i => (string)i!["id"]!), open);
                        break;
                    }

                case ListCheck.ResultsPage:
                    url = $"/recherche?need={need}&pageSize=100";
                    CompareCards("results page", url, await PageAsync(url), scope);
                    break;
                default:
                    throw new InvalidOperationException(check.ToString());
            }
        }

        /// <summary>The categories the words name, as the search understood them (the state is the subject here, not the words).</summary>
        private async Task<IReadOnlyList<int>> WordScopeAsync(string words)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SearchService>()
                .SearchAsync(new SearchRequest { Query = words }, now, French, SearchRequest.MaxPageSize, CancellationToken.None);
            return result.ScopeCategoryIds;
        }

        private async Task CheckPlaceAsync(Place place)
        {
            string url;
            var rotation = placeRotation++ % 4;
            if (rotation is 0 or 2)
            {
                url = $"/structure/{place.Slug}";
                var sheet = await PageAsync(url);
                Compare("sheet header", url, sheet.QuerySelector("article p.badge")?.TextContent, Headline(place, []));
                foreach (var item in sheet.QuerySelectorAll("ul.services > li"))
                {
                    var name = item.QuerySelector("h3")!.TextContent.Trim();
                    var service = place.Hours.Services.Single(s => s.Name == name);
                    Compare("sheet service", url, item.QuerySelector(".badge")?.TextContent, ServiceText(place, service));
                }
            }
            else if (rotation == 1)
            {
                url = $"/api/v1/structures/{place.Uid}";
                var structure = await JsonAsync(url);
                Compare("JSON structure", url, (string?)structure["hours"]!["open"]!["text"], Headline(place, []));
                foreach (var service in structure["services"]!.AsArray().OfType<JsonNode>())
                {
                    var hours = place.Services.Single(s => s.Uid == Guid.Parse((string)service["id"]!)).Hours;
                    Compare("JSON structure service", url, (string?)service["open"]!["text"], ServiceText(place, hours));
                }
            }
            else
            {
                url = $"/api/hsds/services?organization_id={place.Uid}&per_page=100";
                foreach (var service in (await JsonAsync(url))["contents"]!.AsArray().OfType<JsonNode>())
                {
                    var hours = place.Services.Single(s => s.Uid == Guid.Parse((string)service["id"]!)).Hours;
                    var closed = states.OfService(place.Hours, hours, now).Closure is not null;
                    Compare("HSDS status", url, (string?)service["status"], closed ? "temporarily closed" : "active");
                }
            }
        }
    }

    /// <summary>One demo application per engine with notices of every kind within the week, created on first use.</summary>
    public sealed class Apps : IDisposable
    {
        private readonly Dictionary<string, ReperesApp> apps = [];
        private readonly SemaphoreSlim gate = new(1, 1);

        public async Task<ReperesApp> ForAsync(string engine)
        {
            await gate.WaitAsync();
            try
            {
                if (!apps.TryGetValue(engine, out var app))
                {
                    app = new ReperesApp(engine);
                    _ = app.Server;
                    await AddNoticesAsync(app);
                    apps[engine] = app;
                }

                return app;
            }
            finally
            {
                gate.Release();
            }
        }

        private static async Task AddNoticesAsync(ReperesApp app)
        {
            await app.WithDbAsync(async db =>
            {
                var structures = await db.Structures.Include(s => s.Services).Include(s => s.Notices)
                    .Where(s => new[] { "croix-rouge-brest", "ker-digemer", "halte-accueil-ozanam", "secours-populaire-brest" }.Contains(s.Slug))
                    .ToDictionaryAsync(s => s.Slug);
                Notice Add(string slug, string? service, NoticeKind kind, DateOnly from, DateOnly to, string? hours)
                {
                    var structure = structures[slug];
                    var notice = new Notice(structure, service is null ? null : structure.Services.Single(v => v.Name == service), kind, from, to, "Consistency walk", hours);
                    structure.Notices.Add(notice);
                    return notice;
                }

                Add("croix-rouge-brest", "Maraude du samu social", NoticeKind.Closure, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), null);
                Add("ker-digemer", null, NoticeKind.Closure, new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28), null);
                Add("halte-accueil-ozanam", "Douches", NoticeKind.ExceptionalHours, new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25), "We 10:00-12:00");
                Add("halte-accueil-ozanam", null, NoticeKind.ExceptionalHours, new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), "Fr 09:00-10:30");
                Add("secours-populaire-brest", null, NoticeKind.Closure, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30), null);
                await db.SaveChangesAsync();
                return 0;
            });
            app.Services.GetRequiredService<NoticeBoard>().Invalidate();
        }

        public void Dispose()
        {
            foreach (var app in apps.Values)
            {
                app.Dispose();
            }

            gate.Dispose();
        }
    }
}
