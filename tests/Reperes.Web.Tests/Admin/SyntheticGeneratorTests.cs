using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Admin;

public sealed class SyntheticGeneratorTests
{
    private static async Task<List<(Guid Uid, string Name, string? City, double? Latitude, string? Hours, int Services)>> GenerateAsync(string engine, int count, int seed)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        _ = app.Server;
        var generator = ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services);
        (await generator.GenerateAsync(count, seed)).ShouldBe(count);
        return await app.WithDbAsync(db => db.Structures.OrderBy(s => s.Id)
            .Select(s => new ValueTuple<Guid, string, string?, double?, string?, int>(s.Uid, s.Name, s.City, s.Latitude, s.OpeningHours, s.Services.Count))
            .ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Generate_SameSeed_GivesTheSameStructures(string engine)
    {
        var first = await GenerateAsync(engine, 150, seed: 7);
        var second = await GenerateAsync(engine, 150, seed: 7);

        first.Count.ShouldBe(150);
        second.ShouldBe(first);
        first.Select(s => s.City).Distinct().Count().ShouldBeGreaterThan(10);
        first.ShouldAllBe(s => s.Services >= 1);
    }

    [Fact]
    public async Task Generate_OtherSeed_GivesOtherStructures()
    {
        var first = await GenerateAsync(Engines.Sqlite, 50, seed: 1);
        var second = await GenerateAsync(Engines.Sqlite, 50, seed: 2);

        second.Select(s => s.Uid).Intersect(first.Select(s => s.Uid)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Generate_Structures_AreSearchableAndSpreadOverFrance()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        _ = app.Server;
        await ActivatorUtilities.CreateInstance<SyntheticGenerator>(app.Services).GenerateAsync(400, 3);
        var client = app.CreateClient();

        var paris = await client.GetStringAsync("/api/v1/search?commune=paris&radius=20");
        var inFrance = await app.WithDbAsync(db => db.Structures.Where(s => s.Latitude != null).AllAsync(s => s.Latitude > 41 && s.Latitude < 51.2 && s.Longitude > -5.3 && s.Longitude < 9.7));
        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));

        paris.ShouldContain("\"total\":");
        inFrance.ShouldBeTrue();
        online.ShouldBeGreaterThan(350);
    }
}
