using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Core.Structures;
using Reperes.Web.OpenData.Hsds;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.Hsds;

[Collection(SharedAppsCollection.Name)]
public sealed class HsdsApiTests(SharedApps apps)
{
    private const string Root = "/api/hsds";

    /// <summary>Every list page of every endpoint and every item fetched by its id, validated; the ids are those of the lists.</summary>
    private static async Task<List<HsdsAnswer>> WalkEverythingAsync(HttpClient client, int perPage)
    {
        var answers = new List<HsdsAnswer> { new("meta", false, Root + "/", await HsdsValidator.GetJsonAsync(client, Root + "/")) };
        foreach (var (kind, path) in HsdsValidator.Lists)
        {
            var (pages, items) = await HsdsValidator.AllPagesAsync(client, kind, $"{Root}/{path}", perPage);
            answers.AddRange(pages);
            foreach (var item in items)
            {
                var url = $"{Root}/{path}/{item["id"]}";
                var body = await HsdsValidator.GetJsonAsync(client, url);
                ((string)body["id"]!).ShouldBe((string)item["id"]!);
                answers.Add(new HsdsAnswer(kind, false, url, body));
            }
        }

        return answers;
    }

    private static async Task ShouldBeValidAsync(List<HsdsAnswer> answers)
    {
        (await HsdsValidator.SchemaErrorsAsync(answers)).ShouldBeEmpty();
        answers.SelectMany(a => HsdsValidator.Nulls(a.Body).Select(path => $"{a.Url}: {path}")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryListPageAndItem_DemoData_ValidatesAgainstHsdsSchemas(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();

        var answers = await WalkEverythingAsync(client, perPage: 7);

        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));
        var services = await app.WithDbAsync(db => db.Services.CountAsync(v => v.Structure.Status == StructureStatus.Online));
        answers.Count(a => a.Kind == "organization" && !a.Page).ShouldBe(online);
        answers.Count(a => a.Kind == "service" && !a.Page).ShouldBe(services);
        answers.Count(a => a.Kind == "service_at_location" && !a.Page).ShouldBeInRange(services / 2, services);
        answers.Count(a => a.Kind == "taxonomy_term" && !a.Page).ShouldBeGreaterThan(20);
        answers.ShouldContain(a => a.Kind == "service" && !a.Page && a.Body["schedules"] != null && a.Body["schedules"]![0]!["freq"] != null);
        answers.ShouldContain(a => a.Kind == "organization" && !a.Page && a.Body["locations"]![0]!["addresses"] != null);
        await ShouldBeValidAsync(answers);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryListPageAndItem_SyntheticData_IsValidAndTheSameOnTwoInstances(string engine)
    {
        async Task<List<HsdsAnswer>> WalkAsync()
        {
            await using var app = new ReperesApp(engine, demoData: false);
            _ = app.Server;
            (await ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services).GenerateAsync(120, seed: 77)).ShouldBe(120);
            return await WalkEverythingAsync(app.CreateClient(), perPage: 50);
        }

        var first = await WalkAsync();
        var second = await WalkAsync();

        first.Count(a => a.Kind == "service" && !a.Page).ShouldBeGreaterThan(120);
        await ShouldBeValidAsync(first);
        // Same stored data, other run and process state: the same answers, ids included (locations, schedules, terms…).
        second.Select(a => a.Url).ShouldBe(first.Select(a => a.Url));
        second.Select(a => a.Body.ToJsonString()).ShouldBe(first.Select(a => a.Body.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Root_ReturnsTheHsdsVersionAndItsOpenApiDescription(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var meta = await HsdsValidator.GetJsonAsync(client, Root + "/");

        ((string)meta["version"]!).ShouldBe("3.0");
        ((string)meta["openapi_url"]!).ShouldBe(HsdsApi.OpenApiUrl);
        meta.AsObject().ContainsKey("profile").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Services_FilteredByOrganization_ReturnsThatStructuresServicesOnly(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var structure = await app.WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.Online)
            .OrderByDescending(s => s.Services.Count).Select(s => new { s.Uid, Count = s.Services.Count }).FirstAsync());

        var (_, services) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?organization_id={structure.Uid}", 2);
        var (_, atLocations) = await HsdsValidator.AllPagesAsync(client, "service_at_location", $"{Root}/service_at_locations?organization_id={structure.Uid}", 100);

        structure.Count.ShouldBeGreaterThan(2);
        services.Count.ShouldBe(structure.Count);
        services.ShouldAllBe(s => (string)s["organization_id"]! == structure.Uid.ToString());
        atLocations.ShouldAllBe(a => (string)a["location_id"]! == HsdsIds.Location(structure.Uid).ToString());
        atLocations.Select(a => (string)a["service_id"]!).ShouldBeSubsetOf(services.Select(s => (string)s["id"]!));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Services_FilteredByTaxonomyTerm_ReturnsServicesOfThatNeedOrCategory(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var counts = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Status == StructureStatus.Online)
            .GroupBy(v => new { Category = v.Category.Code, Need = v.Category.Need.Code })
            .Select(g => new { g.Key.Category, g.Key.Need, Count = g.Count() }).ToListAsync());
        var need = counts.GroupBy(c => c.Need).OrderByDescending(g => g.Sum(c => c.Count)).First();
        var category = need.OrderByDescending(c => c.Count).First();

        var (_, byNeed) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?taxonomy_term_id={HsdsIds.Term(need.Key)}", 100);
        var (_, byCategory) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?taxonomy_term_id={HsdsIds.Term(category.Category)}&taxonomy_id={HsdsIds.Taxonomy}", 100);
        var (_, none) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?taxonomy_term_id={Guid.NewGuid()}", 100);
        var (_, otherTaxonomy) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?taxonomy_id={Guid.NewGuid()}", 100);

        byNeed.Count.ShouldBe(need.Sum(c => c.Count));
        byCategory.Count.ShouldBe(category.Count);
        byCategory.ShouldAllBe(s => s["attributes"]!.AsArray().Any(a => (string)a!["taxonomy_term_id"]! == HsdsIds.Term(category.Category).ToString()));
        byNeed.ShouldAllBe(s => s["attributes"]!.AsArray().Any(a => (string)a!["taxonomy_term"]!["code"]! == need.Key));
        none.ShouldBeEmpty();
        otherTaxonomy.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Services_Search_UsesTheGuidesSearch(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, showers) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?search=douche", 100);
        var (_, nothing) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?search=xqzwkvj", 100);
        var (_, organizations) = await HsdsValidator.AllPagesAsync(client, "organization", $"{Root}/organizations?search=douche", 100);
        var (_, terms) = await HsdsValidator.AllPagesAsync(client, "taxonomy_term", $"{Root}/taxonomy_terms?search=douche", 100);

        showers.ShouldNotBeEmpty();
        // "douche" names a kind of help: the services found are of that category, not every service of the places.
        showers.ShouldAllBe(s => s["attributes"]!.AsArray().Any(a => ((string)a!["taxonomy_term"]!["name"]!).Contains("ouche")));
        showers.Select(s => (string)s["organization_id"]!).Distinct().ShouldBeSubsetOf(organizations.Select(o => (string)o["id"]!));
        nothing.ShouldBeEmpty();
        terms.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Services_ModifiedAfter_KeepsThoseChangedOnOrAfterTheInstant(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var changes = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Status == StructureStatus.Online)
            .Select(v => v.Structure.UpdatedAt).ToListAsync());
        var middle = changes.Order().ElementAt(changes.Count / 2);
        var expected = changes.Count(c => c >= middle);

        var (_, after) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?modified_after={Uri.EscapeDataString(middle.ToString("O"))}", 100);
        var (_, future) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?modified_after=2099-01-01", 100);
        var (_, past) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?modified_after=2000-01-01T00:00:00Z", 100);

        after.Count.ShouldBe(expected);
        after.ShouldAllBe(s => DateTimeOffset.Parse((string)s["last_modified"]!, System.Globalization.CultureInfo.InvariantCulture) >= middle.AddMilliseconds(-1));
        future.ShouldBeEmpty();
        past.Count.ShouldBe(changes.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TaxonomyTerms_CategoriesHaveTheirNeedAsParent(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, top) = await HsdsValidator.AllPagesAsync(client, "taxonomy_term", $"{Root}/taxonomy_terms?top_only=true", 100);
        var housing = top.Single(t => (string)t["code"]! == "avoir-un-toit");
        var (_, children) = await HsdsValidator.AllPagesAsync(client, "taxonomy_term", $"{Root}/taxonomy_terms?parent_id={housing["id"]}", 100);

        top.Count.ShouldBe(9);
        top.ShouldAllBe(t => t["parent_id"] == null && (string)t["taxonomy_id"]! == HsdsIds.Taxonomy.ToString());
        ((string)housing["id"]!).ShouldBe(HsdsIds.Term("avoir-un-toit").ToString());
        children.ShouldNotBeEmpty();
        children.ShouldAllBe(t => (string)t["parent_id"]! == (string)housing["id"]!);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_PageBeyondTheLast_IsEmptyNotAnError(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var page = await HsdsValidator.GetJsonAsync(client, $"{Root}/organizations?page=500&per_page=100");

        ((int)page["total_items"]!).ShouldBeGreaterThan(0);
        ((int)page["total_pages"]!).ShouldBe(1);
        ((bool)page["empty"]!).ShouldBeTrue();
        ((bool)page["last_page"]!).ShouldBeTrue();
        page["contents"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_SendAStrongETagAndAnswer304(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var first = await client.GetAsync($"{Root}/services?per_page=5");
        var etag = first.Headers.ETag;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Root}/services?per_page=5");
        conditional.Headers.IfNoneMatch.Add(etag!);
        var second = await client.SendAsync(conditional);

        etag.ShouldNotBeNull();
        etag.IsWeak.ShouldBeFalse();
        first.Headers.TryGetValues("Link", out var links).ShouldBeTrue();
        links!.Single().ShouldContain("rel=\"next\"");
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BadParameters_Answer400ProblemDetails(string engine)
    {
        var client = apps.For(engine).CreateClient();
        string[] bad =
        [
            "/services?page=0", "/services?page=abc", "/services?page=10000001", "/services?format=ndjson", "/services?per_page=101", "/services?per_page=0", "/organizations?per_page=-1",
            "/services?taxonomy_term_id=abc", "/services?organization_id=123", "/service_at_locations?taxonomy_id=x",
            "/services?modified_after=demain", "/services?modified_after=2026-13-45", "/taxonomy_terms?top_only=peut-etre",
            "/taxonomy_terms?parent_id=nope", "/services?search=" + new string('a', 201),
            "/services/not-a-uuid", "/organizations/12", "/service_at_locations/abc", "/taxonomies/x", "/taxonomy_terms/y",
        ];

        foreach (var url in bad)
        {
            var response = await client.GetAsync(Root + url);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            ((int)problem["status"]!).ShouldBe(400, url);
            ((string)problem["detail"]!).ShouldNotBeNullOrWhiteSpace(url);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnknownIds_Answer404ProblemDetails(string engine)
    {
        var client = apps.For(engine).CreateClient();

        foreach (var path in new[] { "services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms" })
        {
            var response = await client.GetAsync($"{Root}/{path}/{Guid.NewGuid()}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", path);
            ((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]!).ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OfflineStructure_IsNotPublished(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        var atLocation = (await HsdsValidator.GetJsonAsync(client, $"{Root}/service_at_locations?per_page=1"))["contents"]![0]!;
        var atLocationId = (string)atLocation["id"]!;
        var service = await HsdsValidator.GetJsonAsync(client, $"{Root}/services/{atLocation["service_id"]}");
        var organizationId = Guid.Parse((string)service["organization_id"]!);
        ((string)service["service_at_locations"]![0]!["id"]!).ShouldBe(atLocationId);
        (await client.GetAsync($"{Root}/service_at_locations/{atLocationId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.SingleAsync(s => s.Uid == organizationId);
            structure.TakeOffline(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        (await client.GetAsync($"{Root}/organizations/{organizationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Root}/services/{service["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Root}/service_at_locations/{atLocationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (_, organizations) = await HsdsValidator.AllPagesAsync(client, "organization", $"{Root}/organizations", 100);
        organizations.ShouldNotContain(o => (string)o["id"]! == organizationId.ToString());
        var (_, remaining) = await HsdsValidator.AllPagesAsync(client, "service", $"{Root}/services?organization_id={organizationId}", 100);
        remaining.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Service_ClosedToday_IsTemporarilyClosedWithAnAlert(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        var service = (await HsdsValidator.GetJsonAsync(client, $"{Root}/service_at_locations?per_page=1"))["contents"]![0]!;
        var serviceId = Guid.Parse((string)service["service_id"]!);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.SingleAsync(s => s.Services.Any(v => v.Uid == serviceId));
            db.Notices.RemoveRange(db.Notices.Where(n => n.StructureId == structure.Id));
            db.Notices.Add(new Notice(structure, null, NoticeKind.Closure, today, today.AddDays(2), "Travaux dans les locaux.", null));
            return await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<Reperes.Web.Core.Hours.NoticeBoard>().Invalidate();
        var closed = await HsdsValidator.GetJsonAsync(client, $"{Root}/services/{serviceId}");
        app.Clock.Now = app.Clock.Now.AddDays(3);
        app.Services.GetRequiredService<Reperes.Web.Core.Hours.NoticeBoard>().Invalidate();
        var reopened = await HsdsValidator.GetJsonAsync(client, $"{Root}/services/{serviceId}");

        ((string)closed["status"]!).ShouldBe("temporarily closed");
        ((string)closed["alert"]!).ShouldContain("fermeture exceptionnelle — Travaux dans les locaux.");
        ((string)reopened["status"]!).ShouldBe("active");
        reopened["alert"].ShouldBeNull();
        (await HsdsValidator.SchemaErrorsAsync([new HsdsAnswer("service", false, "closed", closed)])).ShouldBeEmpty();
    }
}
