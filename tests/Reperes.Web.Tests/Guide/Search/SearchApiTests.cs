using System.Net;
using System.Net.Http.Json;
using Reperes.Web.Api;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

[Collection(SharedAppsCollection.Name)]
public sealed class SearchApiTests(SharedApps apps)
{
    private async Task<SearchResponseDto> SearchAsync(string engine, string query)
    {
        var client = apps.For(engine).CreateClient();
        var response = await client.GetAsync("/api/v1/search?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>())!;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_Manger_FindsFoodStructures(string engine)
    {
        var result = await SearchAsync(engine, "q=manger");

        result.Total.ShouldBeGreaterThanOrEqualTo(4);
        result.Results.ShouldAllBe(r => r.Categories.Any(c => c == "repas" || c == "colis-alimentaires" || c == "epicerie-sociale" || c == "maraude"));
        result.Results.ShouldContain(r => r.Slug == "halte-accueil-ozanam");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_TypoDoucha_FindsShowersAndSaysSo(string engine)
    {
        var result = await SearchAsync(engine, "q=doucha");

        result.Total.ShouldBeGreaterThanOrEqualTo(2);
        result.Results.ShouldAllBe(r => r.Categories.Contains("douche"));
        result.Corrections.ShouldHaveSingleItem().ShouldStartWith("doucha→");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_EverydayWords_MapToTheirCategories(string engine)
    {
        (await SearchAsync(engine, "q=dormir")).Results.ShouldAllBe(r => r.Categories.Any(c => c.StartsWith("hebergement") || c == "logement-accompagne"));
        (await SearchAsync(engine, "q=avocat")).Results.ShouldAllBe(r => r.Categories.Contains("conseil-juridique"));
        // "ordi" also finds places whose text mentions computers ("ordinateurs"), after those of the categories.
        var computers = await SearchAsync(engine, "q=ordi&pageSize=100");
        computers.Results.TakeWhile(r => r.Categories.Any(c => c == "acces-internet" || c == "mediation-numerique")).Count().ShouldBeGreaterThan(5);
        // Laundries first; then places whose text mentions a washing machine ("lave-linge").
        (await SearchAsync(engine, "q=laver%20linge")).Results[0].Categories.ShouldContain("laverie");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_AccentsAndCase_AreIgnored(string engine)
    {
        var plain = await SearchAsync(engine, "q=mediatheque");
        var accented = await SearchAsync(engine, "q=M%C3%89DIATH%C3%88QUE");

        plain.Total.ShouldBeGreaterThan(0);
        accented.Results.Select(r => r.Id).ShouldBe(plain.Results.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_PrefixAndPlural_MatchTheSameStructures(string engine)
    {
        var plural = await SearchAsync(engine, "q=epiceries&pageSize=100");
        var singular = await SearchAsync(engine, "q=%C3%A9picerie&pageSize=100");
        var prefix = await SearchAsync(engine, "q=epice&pageSize=100");

        plural.Total.ShouldBeGreaterThan(0);
        singular.Results.Select(r => r.Id).ShouldBe(plural.Results.Select(r => r.Id));
        // A beginning of a word finds the places that have it in their text: every grocery, at least.
        plural.Results.Where(r => r.Categories.Contains("epicerie-sociale")).Select(r => r.Id).ShouldBeSubsetOf(prefix.Results.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_OpenNow_ReturnsOnlyOpenStructures(string engine)
    {
        var all = await SearchAsync(engine, "pageSize=100");
        var open = await SearchAsync(engine, "open=now&pageSize=100");

        open.Total.ShouldBeGreaterThan(0);
        open.Total.ShouldBeLessThan(all.Total);
        open.Results.ShouldAllBe(r => r.OpenState == "open");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NearAPosition_SortsByDistanceWithinTheRadius(string engine)
    {
        // Place de la Liberté, Brest.
        var result = await SearchAsync(engine, "lat=48.3904&lon=-4.4861&radius=2&sort=distance&pageSize=100");

        result.Total.ShouldBeGreaterThan(3);
        result.Results.ShouldAllBe(r => r.DistanceKm <= 2);
        result.Results.Select(r => r.DistanceKm!.Value).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_FromACommune_UsesItsCentre(string engine)
    {
        var result = await SearchAsync(engine, "commune=brest&radius=30&sort=distance");
        var byPostalCode = await SearchAsync(engine, "commune=29200&radius=30&sort=distance");

        result.Total.ShouldBeGreaterThan(20);
        byPostalCode.Total.ShouldBe(result.Total);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_Filters_NarrowTheResults(string engine)
    {
        var all = await SearchAsync(engine, "pageSize=100");
        var free = await SearchAsync(engine, "free=true&pageSize=100");
        var walkIn = await SearchAsync(engine, "walkin=true&pageSize=100");
        var arabic = await SearchAsync(engine, "language=ar&pageSize=100");
        var wheelchair = await SearchAsync(engine, "wheelchair=true&pageSize=100");
        var women = await SearchAsync(engine, "audience=femmes&pageSize=100");

        foreach (var filtered in new[] { free, walkIn, arabic, wheelchair, women })
        {
            filtered.Total.ShouldBeGreaterThan(0);
            filtered.Total.ShouldBeLessThanOrEqualTo(all.Total);
        }

        arabic.Total.ShouldBeLessThan(all.Total);
        wheelchair.Total.ShouldBeLessThan(all.Total);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_WordsWithFiltersAndPlace_CombineEveryCondition(string engine)
    {
        var words = await SearchAsync(engine, "q=manger&pageSize=100");
        var free = await SearchAsync(engine, "q=manger&free=true&pageSize=100");
        var near = await SearchAsync(engine, "q=manger&lat=48.3904&lon=-4.4861&radius=1&pageSize=100");
        var nearByRelevance = await SearchAsync(engine, "q=manger&lat=48.3904&lon=-4.4861&radius=1&sort=relevance&pageSize=100");

        free.Total.ShouldBeGreaterThan(0);
        free.Results.Select(r => r.Id).ShouldBeSubsetOf(words.Results.Select(r => r.Id));
        near.Total.ShouldBeGreaterThan(0);
        near.Total.ShouldBeLessThan(words.Total);
        near.Results.Select(r => r.DistanceKm!.Value).ShouldBeInOrder(SortDirection.Ascending);
        near.Results.ShouldAllBe(r => r.DistanceKm <= 1);
        nearByRelevance.Results.Select(r => r.Id).Order().ShouldBe(near.Results.Select(r => r.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_FacetsInTheIndexAndInSql_GiveTheSameStructures(string engine)
    {
        // Nationwide, language and wheelchair access are index tokens; near a place, SQL conditions. Same answer.
        foreach (var filter in new[] { "language=ar", "language=ru", "wheelchair=true", "wheelchair=true&language=en" })
        {
            var country = await SearchAsync(engine, filter + "&pageSize=100");
            var region = await SearchAsync(engine, filter + "&lat=48.40&lon=-4.48&radius=60&pageSize=100");

            country.Total.ShouldBeGreaterThan(0, filter);
            region.Results.Select(r => r.Id).Order().ShouldBe(country.Results.Where(r => r.Latitude is not null).Select(r => r.Id).Order(), filter);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_OfflineAndClosedStructures_AreNeverListed(string engine)
    {
        var all = await SearchAsync(engine, "pageSize=500");
        var online = await apps.For(engine).WithDbAsync(db => Task.FromResult(db.Structures.Count(s => s.Status == Web.Guide.Domain.StructureStatus.Online)));

        all.Total.ShouldBe(online);
        all.Results.ShouldNotContain(r => r.Slug == "consigne-solidaire-du-port");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_Paging_CoversEveryResultOnce(string engine)
    {
        var first = await SearchAsync(engine, "pageSize=20");
        var second = await SearchAsync(engine, "pageSize=20&page=2");
        var third = await SearchAsync(engine, "pageSize=20&page=3");

        first.PageCount.ShouldBe((first.Total + 19) / 20);
        var ids = first.Results.Concat(second.Results).Concat(third.Results).Select(r => r.Id).ToList();
        ids.ShouldBeUnique();
        ids.Count.ShouldBe(Math.Min(60, first.Total));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_BadInput_AnswersProblemDetailsNever500(string engine)
    {
        var client = apps.For(engine).CreateClient();
        string[] bad =
        [
            "q=" + new string('a', 201), "lat=91&lon=0", "lat=48&lon=abc", "lat=48", "radius=0", "radius=1000", "page=0",
            "page=abc", "pageSize=100000", "category=nope", "need=nope", "open=sometimes", "sort=random", "language=xx", "audience=nobody",
        ];
        foreach (var query in bad)
        {
            var response = await client.GetAsync("/api/v1/search?" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", query);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_OddCharacters_AreSearchedSafely(string engine)
    {
        var client = apps.For(engine).CreateClient();
        string[] odd = ["\"", "'", "*", "(", ")", "AND", "OR NOT", "NEAR(", "%", "_", "\\", "😀", "a:*", "!&|", "-", "^", "{}", "\u0000", "ﷺ", "douche\"*"];
        foreach (var q in odd)
        {
            var response = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, q);
        }
    }
}
