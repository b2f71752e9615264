using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>
/// The read model answers what the SQL search answers: over the demonstration data and 2,000 generated structures,
/// a few hundred generated searches give the same places in the same order, the same totals and the same pages,
/// whichever source read the candidates.
/// </summary>
public sealed class SearchReadModelTests
{
    private const int Searches = 320;

    private static readonly string[] Words =
    [
        "manger", "repas", "douche", "dormir", "avocat", "ordi", "urgance", "aide alimentaire", "colis", "laverie",
        "soins dentaires", "restaurant social", "accueil de jour", "vestiaire", "emploi", "internet", "imprimante",
        "caf", "115", "logement", "médecin", "femmes violences", "jeunes", "réfugié", "coiffure solidaire", "secours",
        "croix", "solidaire", "épicerie", "zzzqx", "manger gratuit", "douches chaudes", "santé mentale", "papiers",
        "domiciliation", "écrivain public", "bagagerie", "cours de français", "permanence", "accueil",
    ];

    private static readonly string[] Communes = ["Brest", "Paris", "Lyon", "Marseille", "Nantes", "Rennes", "Quimper", "Lille"];

    private static readonly (double Latitude, double Longitude)[] Positions =
        [(48.3904, -4.4861), (48.8566, 2.3522), (45.7640, 4.8357), (43.2965, 5.3698), (48.4084, -4.5)];

    private static SearchRequest Generate(Random random, GuideCatalog catalog)
    {
        var request = new SearchRequest();
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        switch (random.Next(5))
        {
            case 0:
                request.Need = Pick(catalog.Needs).Code;
                break;
            case 1:
                request.Category = Pick(Pick(catalog.Needs).Categories).Code;
                break;
            case 2:
                // Filters alone ("open now" nationwide, "free" near a place): neither words nor a need.
                break;
            default:
                request.Query = Pick(Words);
                if (random.Next(5) == 0)
                {
                    request.Need = Pick(catalog.Needs).Code;
                }

                break;
        }

        switch (random.Next(5))
        {
            case 0:
                request.Commune = Pick(Communes);
                break;
            case 1:
                var (latitude, longitude) = Pick(Positions);
                request.Latitude = (latitude + (random.NextDouble() / 50)).ToString(CultureInfo.InvariantCulture);
                request.Longitude = (longitude + (random.NextDouble() / 50)).ToString(CultureInfo.InvariantCulture);
                request.Radius = Pick(["2", "5", "10", "30"]);
                break;
        }

        if (request.HasPosition || request.Commune is not null)
        {
            request.Sort = Pick<string?>([null, "distance", "relevance"]);
        }

        request.Open = Pick<string?>([null, null, "now", "today"]);
        request.FreeParameter = random.Next(5) == 0 ? "true" : null;
        request.WalkInParameter = random.Next(6) == 0 ? "true" : null;
        request.Audience = random.Next(8) == 0 ? Pick(GuideVocabulary.Audiences) : null;
        request.Language = random.Next(10) == 0 ? Pick(["en", "ar", "uk", "es"]) : null;
        request.WheelchairParameter = random.Next(10) == 0 ? "true" : null;
        request.HelpParameter = random.Next(15) == 0 ? [Pick(DigitalMediation.Services).Code] : null;
        request.Page = Pick<string?>([null, null, null, "2", "5", "20"]);
        request.PageSize = Pick<string?>([null, null, "5", "50"]);
        return request;
    }

    private static string Describe(SearchResult result) =>
        string.Join(' ', result.Hits.Select(h => h.Id)) + $" | total {result.Total} capped {result.Capped} page {result.Page} partly {result.AnswersPartly}"
        + (result.Relaxed is { } relaxed ? $" | relaxed {relaxed.Total}: {string.Join(' ', relaxed.Hits.Select(h => h.Id))}" : "");

    /// <summary>Everything a card shows and the open data answers give, whichever source read it.</summary>
    private static IEnumerable<string> Cards(SearchResult result) =>
        result.Hits.Concat(result.Relaxed?.Hits ?? []).Select(hit => System.Text.Json.JsonSerializer.Serialize(hit));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ComputeAsync_GeneratedSearches_SameAnswersAsTheSqlSearch(string engine)
    {
        await using var app = new ReperesApp(engine);
        await ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services).GenerateAsync(2000, 19);
        var model = app.Services.GetRequiredService<SearchReadModel>();
        await model.ReloadAsync();
        var catalog = app.Services.GetRequiredService<GuideCatalog>();
        var servedBefore = model.Served;

        var random = new Random(19);
        var differences = new List<string>();
        var withResults = 0;
        for (var i = 0; i < Searches; i++)
        {
            withResults += await CompareAsync(app, Generate(random, catalog), differences) > 0 ? 1 : 0;
        }

        differences.ShouldBeEmpty(string.Join('\n', differences.Take(10)));
        withResults.ShouldBeGreaterThan(Searches / 2);
        (model.Served - servedBefore).ShouldBeGreaterThanOrEqualTo(Searches * 9 / 10);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ComputeAsync_WordsSortedByDistanceWithMoreMatchesThanAPage_SameAnswersAsTheSqlSearch(string engine)
    {
        // Sorted by distance, the order reads the tier without the openness: the model may not keep only the best
        // scores' tiers as it does for the order by relevance (pages of five among many, so that any row cut shows).
        await using var app = new ReperesApp(engine);
        await ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services).GenerateAsync(2000, 19);
        await app.Services.GetRequiredService<SearchReadModel>().ReloadAsync();
        var differences = new List<string>();
        var compared = 0;
        foreach (var words in (string[])["manger", "repas", "douche", "accueil", "solidaire", "logement"])
        {
            foreach (var (latitude, longitude) in Positions)
            {
                foreach (var page in (string[])["1", "2"])
                {
                    var request = new SearchRequest
                    {
                        Query = words,
                        Latitude = latitude.ToString(CultureInfo.InvariantCulture),
                        Longitude = longitude.ToString(CultureInfo.InvariantCulture),
                        Radius = "30",
                        Sort = "distance",
                        PageSize = "5",
                        Page = page,
                    };
                    compared += await CompareAsync(app, request, differences) > 5 ? 1 : 0;
                }
            }
        }

        differences.ShouldBeEmpty(string.Join('\n', differences.Take(10)));
        compared.ShouldBeGreaterThan(10);
    }

    /// <summary>Asks <paramref name="request"/> of the SQL search and of the model; notes any difference; returns the SQL's total.</summary>
    private static async Task<int> CompareAsync(ReperesApp app, SearchRequest request, List<string> differences)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        search.UseReadModel = false;
        var fromSql = await search.ComputeAsync(request, app.Clock.Now, CultureInfo.GetCultureInfo("fr"), SearchRequest.MaxPageSize, CancellationToken.None);
        search.UseReadModel = true;
        var fromModel = await search.ComputeAsync(request, app.Clock.Now, CultureInfo.GetCultureInfo("fr"), SearchRequest.MaxPageSize, CancellationToken.None);
        if (Describe(fromSql) != Describe(fromModel))
        {
            differences.Add($"{request.ToQueryString(_ => { }).Value}\n  sql:   {Describe(fromSql)}\n  model: {Describe(fromModel)}");
        }
        else if (Cards(fromSql).Zip(Cards(fromModel)).FirstOrDefault(pair => pair.First != pair.Second) is ({ } sqlCard, { } modelCard))
        {
            differences.Add($"{request.ToQueryString(_ => { }).Value}\n  sql card:   {sqlCard}\n  model card: {modelCard}");
        }

        return fromSql.Total;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Candidates_FiltersAloneNationwide_StopsAtTheLimitWithTheFirstInOrder(string engine)
    {
        await using var app = new ReperesApp(engine);
        var model = app.Services.GetRequiredService<SearchReadModel>();
        await model.ReloadAsync();
        var snapshot = model.Current.ShouldNotBeNull();
        var query = new CandidateQuery(new SearchRequest { Open = "now", FreeParameter = "true" }, [], null, app.Services.GetRequiredService<GuideCatalog>(), snapshot.Postgres);

        var all = ReadModelSearch.Candidates(snapshot, query, int.MaxValue, withServices: true).Select(c => c.Id).ToList();
        var first = ReadModelSearch.Candidates(snapshot, query, 5, withServices: true).Select(c => c.Id).ToList();

        all.Count.ShouldBeGreaterThan(5);
        all.ShouldBe(all.Order().ToList(), "without score nor place, the SQL orders the candidates by id");
        first.ShouldBe(all.Take(5).ToList());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Invalidate_StructureTakenOfflineThroughTheWritePath_ModelLeavesItOut(string engine)
    {
        await using var app = new ReperesApp(engine);
        var model = app.Services.GetRequiredService<SearchReadModel>();
        await model.ReloadAsync();
        var request = new SearchRequest { Query = "manger" };

        async Task<IReadOnlyList<int>> FromModelAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var served = model.Served;
            var result = await scope.ServiceProvider.GetRequiredService<SearchService>().ComputeAsync(request, app.Clock.Now, CultureInfo.GetCultureInfo("fr"), SearchRequest.MaxPageSize, CancellationToken.None);
            model.Served.ShouldBe(served + 1, "the read model should answer");
            return result.Hits.Select(h => h.Id).ToList();
        }

        var before = await FromModelAsync();
        before.ShouldNotBeEmpty();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            var structure = await db.Structures.SingleAsync(s => s.Id == before[0]);
            var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
            (await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(StructureAuthor.Of(coordinator), structure, StructureStatus.Offline, UpdatedDate.Moves, CancellationToken.None))
                .ShouldBe(StatusChangeOutcome.Changed);
        }

        // Read again incrementally (the structure alone), then answering from memory without it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!model.IsCurrent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var after = await FromModelAsync();
        after.ShouldNotContain(before[0]);
        after.ShouldContain(before[1]);
    }
}
