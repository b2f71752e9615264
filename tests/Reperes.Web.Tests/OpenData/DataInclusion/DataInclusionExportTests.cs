using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Core.Structures;
using Reperes.Web.OpenData.DataInclusion;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.DataInclusion;

[Collection(SharedAppsCollection.Name)]
public sealed partial class DataInclusionExportTests(SharedApps apps)
{
    private const string Structures = "/api/v1/export/data-inclusion/structures";
    private const string Services = "/api/v1/export/data-inclusion/services";

    private static async Task<(string Json, JsonElement Items)> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        return (json, document.RootElement.Clone());
    }

    private static async Task ShouldBeValidAsync(string kind, string json, JsonElement items, DateTimeOffset now)
    {
        var errors = await DataInclusionValidator.SchemaErrorsAsync(kind, json);
        errors.Select(e => e.GetRawText()).ShouldBeEmpty();
        DataInclusionValidator.ExtraRuleErrors(items, now).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_DemoData_ValidatesAgainstDataInclusionSchemas(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();

        var (structuresJson, structures) = await GetJsonAsync(client, Structures);
        var (servicesJson, services) = await GetJsonAsync(client, Services);

        structures.GetArrayLength().ShouldBeGreaterThan(5);
        services.GetArrayLength().ShouldBeGreaterThan(structures.GetArrayLength());
        await ShouldBeValidAsync("structure", structuresJson, structures, app.Clock.GetUtcNow());
        await ShouldBeValidAsync("service", servicesJson, services, app.Clock.GetUtcNow());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_TenThousandSyntheticStructures_ValidatesAgainstDataInclusionSchemas(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        _ = app.Server;
        var generator = ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services);
        (await generator.GenerateAsync(10_000, seed: 2026)).ShouldBe(10_000);
        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));
        var client = app.CreateClient();

        var (structuresJson, structures) = await GetJsonAsync(client, Structures);
        var (servicesJson, services) = await GetJsonAsync(client, Services);

        online.ShouldBeGreaterThan(9_000);
        structures.GetArrayLength().ShouldBe(online);
        services.GetArrayLength().ShouldBeGreaterThan(online);
        await ShouldBeValidAsync("structure", structuresJson, structures, app.Clock.GetUtcNow());
        await ShouldBeValidAsync("service", servicesJson, services, app.Clock.GetUtcNow());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_Ids_HaveTheSourcePrefixAndAreStable(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var first = (await GetJsonAsync(client, Structures)).Items.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var second = (await GetJsonAsync(client, Structures)).Items.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var services = (await GetJsonAsync(client, Services)).Items.EnumerateArray().ToList();
        var uids = await apps.For(engine).WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.Online).Select(s => s.Uid).ToListAsync());

        first.ShouldAllBe(id => IdPattern().IsMatch(id));
        second.ShouldBe(first);
        first.ShouldBe(uids.Select(u => $"reperes--{u:D}"), ignoreOrder: true);
        services.ShouldAllBe(s => IdPattern().IsMatch(s.GetProperty("id").GetString()!) && first.Contains(s.GetProperty("structure_id").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_OfflineAndDraftStructures_AreAbsent(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (offline, draft) = await app.WithDbAsync(async db =>
        {
            var online = await db.Structures.Where(s => s.Status == StructureStatus.Online).OrderBy(s => s.Id).Take(2).ToListAsync();
            online[0].TakeOffline(app.Clock.GetUtcNow());
            var fresh = new Structure("structure-brouillon-export", "Structure en brouillon", StructureKind.Association, app.Clock.GetUtcNow());
            db.Structures.Add(fresh);
            await db.SaveChangesAsync();
            return (online[0].Uid, fresh.Uid);
        });
        var hidden = new[] { $"reperes--{offline:D}", $"reperes--{draft:D}" };
        var client = app.CreateClient();

        var structures = (await GetJsonAsync(client, Structures)).Items.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        var services = (await GetJsonAsync(client, Services)).Items.EnumerateArray().Select(s => s.GetProperty("structure_id").GetString()).ToList();
        var notOnline = await app.WithDbAsync(db => db.Structures.Where(s => s.Status != StructureStatus.Online).Select(s => s.Uid).ToListAsync());

        structures.ShouldNotBeEmpty();
        structures.ShouldNotContain(hidden[0]);
        structures.ShouldNotContain(hidden[1]);
        services.ShouldNotContain(hidden[0]);
        structures.Intersect(notOnline.Select(u => $"reperes--{u:D}")).ShouldBeEmpty();
        services.Intersect(notOnline.Select(u => $"reperes--{u:D}")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_Csv_HasTheHeaderAndOneRecordPerStructure(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var ids = (await GetJsonAsync(client, Structures)).Items.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();

        foreach (var url in new[] { $"{Structures}?format=csv", $"{Structures}.csv" })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var records = CsvText.Parse(await response.Content.ReadAsStringAsync());

            records[0].ShouldBe(DataInclusionMapper.StructureFields);
            records.Skip(1).Select(r => r[1]).ShouldBe(ids);
            records.ShouldAllBe(r => r.Count == DataInclusionMapper.StructureFields.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_CsvServices_JoinsListsWithPipes(string engine)
    {
        var client = apps.For(engine).CreateClient();
        var services = (await GetJsonAsync(client, Services)).Items.EnumerateArray().ToList();

        var records = CsvText.Parse(await client.GetStringAsync($"{Services}.csv"));

        records[0].ShouldBe(DataInclusionMapper.ServiceFields);
        records.Count.ShouldBe(services.Count + 1);
        var column = Array.IndexOf(DataInclusionMapper.ServiceFields, "thematiques");
        var expected = services.Select(s => s.GetProperty("thematiques") is { ValueKind: JsonValueKind.Array } t
            ? string.Join('|', t.EnumerateArray().Select(v => v.GetString()))
            : "");
        records.Skip(1).Select(r => r[column]).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_UnknownFormat_IsAProblem400(string engine)
    {
        var client = apps.For(engine).CreateClient();

        var response = await client.GetAsync($"{Services}?format=xml");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("detail").GetString()!.ShouldContain("csv");
    }

    [GeneratedRegex("^reperes--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}
