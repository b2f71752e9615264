using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

public sealed class SearchIndexTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Rebuild_WholeIndex_FindsTheSameStructures(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        string[] queries = ["q=manger", "q=doucha", "need=se-soigner", "language=ar", "wheelchair=true", "category=douche"];
        var before = new List<string>();
        foreach (var query in queries)
        {
            before.Add(await client.GetStringAsync("/api/v1/search?pageSize=100&" + query));
        }

        await app.WithDbAsync(async db =>
        {
            await app.Services.GetRequiredService<SearchIndex>().RebuildAsync(db);
            return true;
        });

        for (var i = 0; i < queries.Length; i++)
        {
            (await client.GetStringAsync("/api/v1/search?pageSize=100&" + queries[i])).ShouldBe(before[i], queries[i]);
        }
    }
}
