using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>The searches an instance computes for itself once started, before the first people ask.</summary>
public sealed class SearchWarmUpTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Start_WarmUpOn_SearchesThroughTheLoadedModelWithoutKeepingThem(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Search:WarmUp"] = "true" } };
        var warmUp = app.Services.GetRequiredService<SearchWarmUp>();
        var model = app.Services.GetRequiredService<SearchReadModel>();
        var cache = app.Services.GetRequiredService<SearchResultCache>();

        await warmUp.Done.WaitAsync(TimeSpan.FromSeconds(60));

        model.IsCurrent.ShouldBeTrue();
        // Five kinds of search, through the read model once loaded.
        warmUp.Searches.ShouldBe(5);
        model.Served.ShouldBeGreaterThanOrEqualTo(5);
        cache.Counts.ShouldBe((0L, 0L), "nobody asked these searches: the minute's answers are the people's");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Start_WarmUpOff_NoSearch(string engine)
    {
        await using var app = new ReperesApp(engine);
        var warmUp = app.Services.GetRequiredService<SearchWarmUp>();

        await warmUp.Done.WaitAsync(TimeSpan.FromSeconds(60));

        warmUp.Searches.ShouldBe(0);
    }
}
