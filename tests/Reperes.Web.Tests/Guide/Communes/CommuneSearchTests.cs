using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Api;
using Reperes.Web.Core.Structures;
using Reperes.Web.Guide.Communes;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Communes;

/// <summary>Searching from any commune, by its name or postal code: in the pages, the widget and the JSON.</summary>
[Collection(SharedAppsCollection.Name)]
public sealed class CommuneSearchTests(SharedApps apps)
{
    /// <summary>The radii a person can pick from, smallest first: the search uses the first that reaches a place.</summary>
    private static readonly double[] Radii = [15, 30, 60, 100, 150, 200];

    /// <summary>
    /// Every commune of Finistère (277) by its name, and every postal code of Finistère: the search measures from the
    /// commune's centre and answers exactly the demo places within the radius, nearest first, the nearest at the
    /// distance the test computes itself; a radius just short of the nearest place finds nothing. The demo places
    /// are all around Brest, so the radius grows with the distance (up to 200 km for the south-east of Finistère).
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_EveryCommuneOfFinistereByNameAndPostalCode_ExactlyThePlacesWithinTheRadius(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var directory = app.Services.GetRequiredService<CommuneDirectory>();
        var french = app.Services.GetRequiredService<FrenchCommunes>();
        var places = await app.WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.Online && s.Latitude != null)
            .Select(s => new { s.Id, Latitude = s.Latitude!.Value, Longitude = s.Longitude!.Value }).ToListAsync());
        places.Count.ShouldBeGreaterThan(40);

        var finistere = french.All.Where(c => c.Department == "29" && c.Kind == CommuneKind.Commune).ToList();
        finistere.Count.ShouldBe(277);
        var texts = finistere.Select(c => (Text: c.Name, Expected: c)).ToList();
        foreach (var postalCode in finistere.SelectMany(c => c.PostalCodes).Distinct())
        {
            texts.Add((postalCode, french.WithPostalCode(postalCode).OrderByDescending(c => c.Population).First()));
        }

        texts.Count.ShouldBeGreaterThan(277 + 80);
        foreach (var (text, expected) in texts)
        {
            var match = directory.Resolve(text);
            match.Commune.ShouldBe(expected, text);
            var origin = match.Origin.ShouldNotBeNull(text);
            var distances = places.Select(p => (p.Id, Km: Geo.DistanceKm(origin.Latitude, origin.Longitude, p.Latitude, p.Longitude))).ToList();
            var nearest = distances.Min(d => d.Km);
            var radius = Radii.First(r => r >= nearest + 0.5);

            var result = await SearchAsync(client, text, radius);

            result.Total.ShouldBeGreaterThan(0, text);
            result.Results.ShouldAllBe(r => r.DistanceKm <= radius, text);
            // Nearest first: the database orders by a flat-earth distance, which may swap places a few metres apart.
            var kilometres = result.Results.Select(r => r.DistanceKm!.Value).ToList();
            kilometres.Zip(kilometres.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First - 0.2, text);
            kilometres.Min().ShouldBe(nearest, 0.02, text);
            kilometres[0].ShouldBe(nearest, 0.2, text);
            var found = result.Results.Select(r => r.Id).ToHashSet();
            distances.Where(d => d.Km <= radius - 0.2).Select(d => d.Id).ShouldBeSubsetOf(found, text);
            found.ShouldBeSubsetOf(distances.Where(d => d.Km <= radius + 0.2).Select(d => d.Id), text);
            if (nearest > 1.5)
            {
                (await SearchAsync(client, text, Math.Floor(nearest - 0.5))).Total.ShouldBe(0, text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_NeighbouringCommune_PlacesOfBrestAroundIt(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (response, page) = await client.GetPageAsync("/recherche?commune=plouzane%2029280&radius=15");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("autour de Plouzané");
        page.QuerySelectorAll("ol.results > li").Length.ShouldBeGreaterThan(10);
        page.QuerySelectorAll(".errors").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_PostalCodeOfTwoCommunes_OffersTheOther(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, page) = await client.GetPageAsync("/recherche?commune=29280");

        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("autour de Plouzané");
        var other = page.QuerySelectorAll(".commune-choices a").ShouldHaveSingleItem();
        other.TextContent.ShouldBe("Locmaria-Plouzané (29280)");
        var (_, fromOther) = await client.GetPageAsync(other.GetAttribute("href")!);
        fromOther.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("autour de Locmaria-Plouzané");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_MisspeltCommune_SaysWhatItUnderstood(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, page) = await client.GetPageAsync("/recherche?commune=landernau&radius=30");

        page.QuerySelector(".notice-info")!.TextContent.ShouldContain("Commune comprise : Landerneau (29800).");
        page.QuerySelector(".pager [role=status]")!.TextContent.ShouldContain("autour de Landerneau");
        page.QuerySelectorAll("ol.results > li").ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SearchPage_UnknownCommune_ClearMessageAndClosestNames(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, unknown) = await client.GetPageAsync("/recherche?commune=Atlantide");
        var (_, ambiguous) = await client.GetPageAsync("/recherche?commune=Ploug");

        unknown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Nous ne connaissons pas la commune « Atlantide »");
        ambiguous.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Vouliez-vous dire");
        ambiguous.QuerySelectorAll("[role=alert] .commune-choices a").Select(a => a.TextContent).ShouldContain("Plougastel-Daoulas (29470)");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Widget_AnyCommune_ListsThePlacesAroundIt(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var (_, guilers) = await client.GetPageAsync("/widget?need=se-nourrir&commune=Guilers");
        var (_, unknown) = await client.GetPageAsync("/widget?commune=Atlantide");

        guilers.QuerySelectorAll("ol.results > li").ShouldNotBeEmpty();
        unknown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Nous ne connaissons pas la commune « Atlantide »");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Api_AnyCommune_StructuresAroundIt_AndUnknownOnesAProblemWithSuggestions(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var gouesnou = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/structures?commune=Gouesnou&radius=15");
        var unknown = await client.GetAsync("/api/v1/structures?commune=Ploug");
        var unknownSearch = await client.GetAsync("/api/v1/search?commune=Atlantide");

        gouesnou.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await unknown.Content.ReadAsStringAsync();
        problem.ShouldContain("Vouliez-vous dire");
        problem.ShouldContain("Plougastel-Daoulas (29470)");
        unknownSearch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownSearch.Content.ReadAsStringAsync()).ShouldContain("Atlantide");
    }

    private static async Task<SearchResponseDto> SearchAsync(HttpClient client, string commune, double radius)
    {
        var url = $"/api/v1/search?commune={Uri.EscapeDataString(commune)}&radius={radius.ToString(System.Globalization.CultureInfo.InvariantCulture)}&sort=distance&pageSize=500";
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>())!;
    }
}
