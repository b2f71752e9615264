using System.Net;
using System.Text.Json;
using Reperes.Web.Core.Usage;
using Reperes.Web.OpenData.Usage;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData;

/// <summary>The monthly use by need and commune, published as open data with every cell under 10 left out.</summary>
public sealed class UsageAggregatesTests
{
    private const string Brest = "29019";
    private const string Guipavas = "29075";
    private static readonly DateTimeOffset October = new(2026, 10, 14, 15, 0, 0, TimeSpan.FromHours(2));

    private static Task SeedAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        void Add(int count, UsageKind kind, string commune, DateTimeOffset at) =>
            db.UsageEvents.AddRange(Enumerable.Range(0, count).Select(_ => new UsageEvent(new UsageFact(kind) { NeedCode = "se-nourrir", Commune = commune, StructureId = kind == UsageKind.Search ? null : 1 }, at)));
        Add(12, UsageKind.Search, Brest, October);
        Add(9, UsageKind.SheetView, Brest, October);
        // Ten taps on contacts, of four kinds: one cell of 10.
        Add(4, UsageKind.Call, Brest, October);
        Add(3, UsageKind.Directions, Brest, October);
        Add(2, UsageKind.Website, Brest, October);
        Add(1, UsageKind.Email, Brest, October);
        // A commune where every cell is small: no row at all.
        Add(9, UsageKind.Search, Guipavas, October);
        Add(2, UsageKind.SheetView, Guipavas, October);
        // The month under way (November at the test clock) is not over: not published.
        Add(30, UsageKind.Search, Brest, ReperesApp.DefaultNow);
        await db.SaveChangesAsync();
        return 0;
    });

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_SmallCells_AreSuppressedAndRowsOfSmallCellsLeftOut(string engine)
    {
        await using var app = new ReperesApp(engine);
        await SeedAsync(app);
        var client = app.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/export/usage"));
        var root = json.RootElement;
        root.GetProperty("from").GetString().ShouldBe("2025-11");
        root.GetProperty("to").GetString().ShouldBe("2026-10");
        root.GetProperty("suppressed_under").GetInt32().ShouldBe(10);
        var row = root.GetProperty("rows").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("month").GetString().ShouldBe("2026-10");
        row.GetProperty("need").GetString().ShouldBe("se-nourrir");
        row.GetProperty("commune").GetString().ShouldBe(Brest);
        row.GetProperty("commune_name").GetString().ShouldBe("Brest");
        row.GetProperty("searches").GetInt32().ShouldBe(12);
        row.GetProperty("sheet_views").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("contacts").GetInt32().ShouldBe(10);
        row.GetProperty("slip_places").ValueKind.ShouldBe(JsonValueKind.Null);

        var csv = await client.GetStringAsync("/api/v1/export/usage.csv?from=2026-10&to=2026-12");
        csv.ReplaceLineEndings("\n").ShouldBe(string.Join(',', UsageAggregates.Header) + "\n2026-10,se-nourrir,29019,Brest,12,,10,,\n");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_BadPeriod_AnswersProblemDetails(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        foreach (var query in new[] { "from=2026-13", "to=hier", "from=2026-10&to=2026-01", "from=1990-01", "from=2000-01&to=2026-10" })
        {
            var response = await client.GetAsync($"/api/v1/export/usage?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", query);
        }
    }
}
