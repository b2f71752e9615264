using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.Hsds;

/// <summary>The unfiltered list of services at a location pages through ids kept in memory per version of the data.</summary>
public sealed class HsdsInPersonTests
{
    private const string Root = "/api/hsds";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ServiceAtLocations_Unfiltered_SamePagesAsTheDatabaseQueryAndFollowsAChangeMadeInTheDatabase(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        // A filter that keeps everything goes through the database's own count and paging.
        const string everything = Root + "/service_at_locations?modified_after=2000-01-01";

        var (_, kept) = await HsdsValidator.AllPagesAsync(client, "service_at_location", Root + "/service_at_locations", 7);
        var (_, queried) = await HsdsValidator.AllPagesAsync(client, "service_at_location", everything, 7);

        kept.Count.ShouldBeGreaterThan(7);
        kept.Select(i => (string)i["id"]!).ShouldBe(queried.Select(i => (string)i["id"]!));
        kept.Select(i => i.ToJsonString()).ShouldBe(queried.Select(i => i.ToJsonString()));

        var serviceId = (string)kept[3]["service_id"]!;
        await app.WithDbAsync(async db =>
        {
            var structureId = await db.Services.Where(v => v.Uid == Guid.Parse(serviceId)).Select(v => v.StructureId).SingleAsync();
            // Not through the application: only the database knows.
            return await db.Structures.Where(s => s.Id == structureId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StructureStatus.Offline));
        });

        var (_, after) = await HsdsValidator.AllPagesAsync(client, "service_at_location", Root + "/service_at_locations", 7);
        var (_, queriedAfter) = await HsdsValidator.AllPagesAsync(client, "service_at_location", everything, 7);
        after.ShouldNotContain(i => (string)i["service_id"]! == serviceId);
        after.Select(i => (string)i["id"]!).ShouldBe(queriedAfter.Select(i => (string)i["id"]!));
    }
}
