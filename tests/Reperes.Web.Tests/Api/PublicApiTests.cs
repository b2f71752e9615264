using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Api;

[Collection(SharedAppsCollection.Name)]
public sealed class PublicApiTests(SharedApps apps)
{
    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<List<JsonNode>> AllPagesAsync(HttpClient client, string url, List<DocumentedResponse>? record = null, string? path = null)
    {
        var items = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var body = await GetJsonAsync(client, $"{url}{(url.Contains('?') ? '&' : '?')}page={page}");
            record?.Add(new DocumentedResponse(path!, "200", body));
            items.AddRange(body["items"]!.AsArray().Select(i => i!));
            if (page >= (int)body["pageCount"]!)
            {
                return items;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OpenApiDocument_EveryListPageAndItem_ValidatesAgainstTheDocument(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var document = await client.GetStringAsync("/api/v1/openapi.json");
        var responses = new List<DocumentedResponse>();

        var structures = await AllPagesAsync(client, "/api/v1/structures?per_page=25", responses, "/api/v1/structures");
        foreach (var filtered in new[] { "q=manger", "open=now", "commune=Brest&radius=3", "need=se-soigner&free=true", "language=ar" })
        {
            responses.Add(new DocumentedResponse("/api/v1/structures", "200", await GetJsonAsync(client, "/api/v1/structures?" + filtered)));
            responses.Add(new DocumentedResponse("/api/v1/services", "200", await GetJsonAsync(client, "/api/v1/services?" + filtered)));
        }

        foreach (var structure in structures)
        {
            responses.Add(new DocumentedResponse("/api/v1/structures/{id}", "200", await GetJsonAsync(client, $"/api/v1/structures/{structure["id"]}")));
        }

        var services = await AllPagesAsync(client, "/api/v1/services?per_page=100", responses, "/api/v1/services");
        foreach (var service in services)
        {
            responses.Add(new DocumentedResponse("/api/v1/services/{id}", "200", await GetJsonAsync(client, $"/api/v1/services/{service["id"]}")));
        }

        foreach (var (list, item) in new[] { ("news", "/api/v1/news/{id}"), ("events", "/api/v1/events/{id}") })
        {
            var published = await AllPagesAsync(client, $"/api/v1/{list}?per_page=1", responses, $"/api/v1/{list}");
            published.ShouldNotBeEmpty();
            foreach (var publication in published)
            {
                responses.Add(new DocumentedResponse(item, "200", await GetJsonAsync(client, $"/api/v1/{list}/{publication["id"]}")));
            }
        }

        responses.Add(new DocumentedResponse("/api/v1/categories", "200", await GetJsonAsync(client, "/api/v1/categories")));
        responses.Add(new DocumentedResponse("/api/v1/search", "200", await GetJsonAsync(client, "/api/v1/search?q=douche")));
        responses.Add(new DocumentedResponse("/api/v1/opening-hours/evaluate", "200", await GetJsonAsync(client, "/api/v1/opening-hours/evaluate?value=Mo-Fr%2009:00-17:00")));
        foreach (var bad in new[] { "/api/v1/structures?need=inconnu", "/api/v1/services?structure=abc", "/api/v1/events?from=demain" })
        {
            var response = await client.GetAsync(bad);
            responses.Add(new DocumentedResponse(new Uri("http://x" + bad).AbsolutePath, "400", JsonNode.Parse(await response.Content.ReadAsStringAsync())));
        }

        var (documentErrors, responseErrors) = await OpenApiValidator.ValidateAsync(document, responses);

        documentErrors.ShouldBeEmpty();
        responseErrors.ShouldBeEmpty();
        structures.Count.ShouldBeGreaterThan(50);
        services.Count.ShouldBeGreaterThan(structures.Count);
        var documented = JsonNode.Parse(document)!["paths"]!.AsObject().Select(p => p.Key).Where(p => !p.Contains("/export/", StringComparison.Ordinal));
        documented.Except(responses.Select(r => r.Path)).ShouldBeEmpty("every documented operation is exercised");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListStructures_ByNeed_SameStructuresAsTheGuideSearch(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var api = await AllPagesAsync(client, "/api/v1/structures?need=se-nourrir&per_page=5");
        var search = (await GetJsonAsync(client, "/api/v1/search?need=se-nourrir&pageSize=100"))["results"]!.AsArray();

        api.Count.ShouldBeGreaterThan(5);
        api.Select(s => (string)s["slug"]!).ShouldBe(search.Select(s => (string)s!["slug"]!));
        api.Select(s => (string)s["id"]!).Distinct().Count().ShouldBe(api.Count);
        api.Select(s => Guid.Parse((string)s["id"]!)).ShouldNotContain(Guid.Empty);
        api.ShouldAllBe(s => ((string)s["url"]!).StartsWith("http://localhost/structure/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListStructures_Paging_LinkHeaderWalksEveryStructureOnce(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));

        var first = await client.GetAsync("/api/v1/structures?per_page=7");
        var second = await client.GetAsync("/api/v1/structures?per_page=7&page=2");
        var all = await AllPagesAsync(client, "/api/v1/structures?per_page=7");
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;

        ((int)body["total"]!).ShouldBe(online);
        ((int)body["pageCount"]!).ShouldBe((online + 6) / 7);
        all.Select(s => (string)s["id"]!).Distinct().Count().ShouldBe(online);
        var links = first.Headers.GetValues("Link").Single();
        links.ShouldContain("<http://localhost/api/v1/structures?per_page=7&page=2>; rel=\"next\"");
        links.ShouldContain($"<http://localhost/api/v1/structures?per_page=7&page={(online + 6) / 7}>; rel=\"last\"");
        links.ShouldNotContain("rel=\"prev\"");
        second.Headers.GetValues("Link").Single().ShouldContain("<http://localhost/api/v1/structures?per_page=7&page=1>; rel=\"prev\"");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task GetStructure_Online_WholeSheetWithServicesAndOpenState(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var expected = await app.WithDbAsync(db => db.Structures.Include(s => s.Services)
            .Where(s => s.Status == StructureStatus.Online && s.OpeningHours != null && s.Services.Count > 1).OrderBy(s => s.Id).FirstAsync());

        var structure = await GetJsonAsync(client, $"/api/v1/structures/{expected.Uid}");

        ((string)structure["name"]!).ShouldBe(expected.Name);
        ((string)structure["hours"]!["openingHours"]!).ShouldBe(expected.OpeningHours);
        ((string)structure["hours"]!["open"]!["state"]!).ShouldBeOneOf("open", "closed", "unknown");
        ((string)structure["hours"]!["open"]!["text"]!).ShouldNotBeNullOrWhiteSpace();
        structure["services"]!.AsArray().Select(v => Guid.Parse((string)v!["id"]!)).ShouldBe(expected.Services.Select(v => v.Uid), ignoreOrder: true);
        structure["services"]!.AsArray().ShouldAllBe(v => (Guid)v!["structure"]!["id"]! == expected.Uid);
        ((string)structure["kind"]!).ShouldNotBeNullOrEmpty();
        ((string)structure["kind"]!).ShouldBe(((string)structure["kind"]!).ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task GetStructure_OfflineDraftOrClosed_ProblemDetails(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (offline, closed, draft, offlineService) = await app.WithDbAsync(async db =>
        {
            var online = await db.Structures.Include(s => s.Services).Where(s => s.Status == StructureStatus.Online && s.Services.Count > 0).OrderBy(s => s.Id).Take(2).ToListAsync();
            online[0].TakeOffline(app.Clock.GetUtcNow());
            online[1].CloseForGood(app.Clock.GetUtcNow());
            var fresh = new Structure("structure-brouillon-api", "Structure en brouillon", StructureKind.Association, app.Clock.GetUtcNow());
            db.Structures.Add(fresh);
            await db.SaveChangesAsync();
            return (online[0].Uid, online[1].Uid, fresh.Uid, online[0].Services[0].Uid);
        });
        var client = app.CreateClient();

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["offline"] = await client.GetAsync($"/api/v1/structures/{offline}"),
            ["draft"] = await client.GetAsync($"/api/v1/structures/{draft}"),
            ["unknown"] = await client.GetAsync($"/api/v1/structures/{Guid.NewGuid()}"),
            ["service"] = await client.GetAsync($"/api/v1/services/{offlineService}"),
            ["closed"] = await client.GetAsync($"/api/v1/structures/{closed}"),
        };
        var listed = await AllPagesAsync(client, "/api/v1/structures?per_page=100");
        var services = await AllPagesAsync(client, $"/api/v1/services?structure={offline}");

        foreach (var (name, response) in responses)
        {
            response.StatusCode.ShouldBe(name == "closed" ? HttpStatusCode.Gone : HttpStatusCode.NotFound, name);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", name);
        }

        (await responses["closed"].Content.ReadAsStringAsync()).ShouldContain("fermé définitivement");
        listed.Select(s => (Guid)s["id"]!).ShouldNotContain(offline);
        listed.Select(s => (Guid)s["id"]!).ShouldNotContain(draft);
        services.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListServices_ByStructureAndCategory_OnlyThoseServices(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var structure = await app.WithDbAsync(db => db.Structures.Include(s => s.Services).ThenInclude(v => v.Category)
            .Where(s => s.Status == StructureStatus.Online && s.Services.Count > 2).OrderBy(s => s.Id).FirstAsync());
        var category = structure.Services[0].Category.Code;

        var own = await AllPagesAsync(client, $"/api/v1/services?structure={structure.Uid}");
        var ofCategory = await AllPagesAsync(client, $"/api/v1/services?category={category}&per_page=100");
        var expectedInCategory = await app.WithDbAsync(db => db.Services.CountAsync(v => v.Category.Code == category && v.Structure.Status == StructureStatus.Online));

        own.Select(v => (Guid)v["id"]!).ShouldBe(structure.Services.Select(v => v.Uid), ignoreOrder: true);
        ofCategory.Count.ShouldBe(expectedInCategory);
        ofCategory.ShouldAllBe(v => (string)v["category"]!["code"]! == category);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListServices_WordsNamingAKindOfHelp_OnlyThatHelp(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var showers = await AllPagesAsync(client, "/api/v1/services?q=douche&per_page=100");
        var structures = await AllPagesAsync(client, "/api/v1/structures?q=douche&per_page=100");

        showers.ShouldNotBeEmpty();
        showers.ShouldAllBe(v => (string)v["category"]!["code"]! == "douche");
        showers.Select(v => (Guid)v["structure"]!["id"]!).Distinct().ShouldBe(structures.Select(s => (Guid)s["id"]!));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task List_InvalidParameters_ProblemDetailsInTheUsersLanguage(string engine)
    {
        var client = apps.For(engine).CreateClient();

        foreach (var url in new[]
                 {
                     "/api/v1/structures?need=inconnu", "/api/v1/structures?per_page=1000", "/api/v1/structures?page=-1", "/api/v1/structures?lat=91&lon=0",
                     "/api/v1/services?structure=pas-un-uuid", "/api/v1/services?radius=900&commune=Brest", "/api/v1/news?kind=poeme", "/api/v1/news?per_page=0",
                     "/api/v1/events?from=2026-13-01", "/api/v1/events?from=2026-12-10&to=2026-12-01", "/api/v1/structures?commune=Atlantide",
                 })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            problem["errors"]!.AsObject().Count.ShouldBeGreaterThan(0, url);
        }

        using var englishRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/structures?need=inconnu");
        englishRequest.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = JsonNode.Parse(await (await client.SendAsync(englishRequest)).Content.ReadAsStringAsync())!;
        var frenchBody = JsonNode.Parse(await (await client.GetAsync("/api/v1/structures?need=inconnu")).Content.ReadAsStringAsync())!;

        ((string)frenchBody["errors"]!["query"]![0]!).ShouldBe("Ce besoin n’existe pas.");
        ((string)english["errors"]!["query"]![0]!).ShouldBe("This need does not exist.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ConditionalGet_SameETag_NotModifiedWithoutBody(string engine)
    {
        var client = apps.For(engine).CreateClient();
        foreach (var url in new[] { "/api/v1/structures?need=se-nourrir", "/api/v1/categories", "/api/v1/events", "/api/v1/services?per_page=3" })
        {
            var first = await client.GetAsync(url);
            var etag = first.Headers.ETag;
            etag.ShouldNotBeNull(url);
            etag.IsWeak.ShouldBeFalse();

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            var notModified = await client.SendAsync(again);
            using var other = new HttpRequestMessage(HttpMethod.Get, url);
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"autre\""));
            var modified = await client.SendAsync(other);

            notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified, url);
            (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
            notModified.Headers.ETag.ShouldBe(etag);
            modified.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ConditionalGet_StoredDataOnly_LastModifiedAndIfModifiedSince(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var service = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Status == StructureStatus.Online)
            .Select(v => new { v.Uid, v.Structure.UpdatedAt }).OrderBy(v => v.Uid).FirstAsync());
        var url = $"/api/v1/services/{service.Uid}";

        var first = await client.GetAsync(url);
        using var since = new HttpRequestMessage(HttpMethod.Get, url);
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        var notModified = await client.SendAsync(since);
        using var before = new HttpRequestMessage(HttpMethod.Get, url);
        before.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddDays(-1);
        var modified = await client.SendAsync(before);
        var structures = await client.GetAsync("/api/v1/structures");

        first.Content.Headers.LastModified!.Value.ShouldBe(service.UpdatedAt, TimeSpan.FromSeconds(1));
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        modified.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Lists and sheets hold the opening state computed now: no Last-Modified would be truthful.
        structures.Content.Headers.LastModified.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListEvents_Period_OnlyEventsWithinIt(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var upcoming = await AllPagesAsync(client, "/api/v1/events");
        var nextWeeks = await AllPagesAsync(client, $"/api/v1/events?from={today:yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}");
        var farAway = await AllPagesAsync(client, $"/api/v1/events?from={today.AddYears(3):yyyy-MM-dd}");
        var news = await AllPagesAsync(client, "/api/v1/news");

        upcoming.ShouldNotBeEmpty();
        upcoming.ShouldAllBe(e => (string)e["kind"]! == "event" && e["event"]!["startsAt"] != null);
        nextWeeks.Select(e => (int)e["id"]!).ShouldBe(upcoming.Where(e => (DateTimeOffset)e["event"]!["startsAt"]! < app.Clock.GetUtcNow().AddDays(31)).Select(e => (int)e["id"]!));
        farAway.ShouldBeEmpty();
        news.ShouldNotBeEmpty();
        news.ShouldAllBe(n => (string)n["kind"]! != "event" && n["event"] == null);
        (await client.GetAsync($"/api/v1/news/{upcoming[0]["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DocumentationPage_ListsEveryDocumentedOperation(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/api/v1/openapi.json"))!;

        var (response, page) = await client.GetPageAsync("/api");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("API ouverte et données");
        var operations = page.QuerySelectorAll("h4 code").Select(c => c.TextContent).ToList();
        operations.ShouldBe(document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")), ignoreOrder: true);
        page.QuerySelector("a[href='/api/v1/openapi.json']").ShouldNotBeNull();
    }
}
