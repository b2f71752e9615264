using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Api;
using Reperes.Web.Core.Changes;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>
/// The answers kept for the minute: reused while nothing changes, never once a structure changed, here or on another
/// instance sharing the database.
/// </summary>
public sealed class SearchResultCacheTests
{
    /// <summary>What the issue promises: a change saved on one instance shows in search on every instance within this.</summary>
    private static readonly TimeSpan OtherInstancesDeadline = TimeSpan.FromSeconds(2);

    private static async Task<SearchResponseDto> SearchAsync(ReperesApp app, string query)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/search?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>())!;
    }

    private static async Task TakeOfflineAsync(ReperesApp app, string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var structure = await db.Structures.SingleAsync(s => s.Slug == slug);
        var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
        (await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(StructureAuthor.Of(coordinator), structure, StructureStatus.Offline, UpdatedDate.Moves, CancellationToken.None))
            .ShouldBe(StatusChangeOutcome.Changed);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_SameQueryInTheSameMinute_AnsweredOnceAndTheSame(string engine)
    {
        await using var app = new ReperesApp(engine);
        var cache = app.Services.GetRequiredService<SearchResultCache>();

        var (first, second, hitsBefore, missesBefore, hitsAfter, missesAfter) = await app.WithoutCacheResetAsync(async () =>
        {
            var first = await SearchAsync(app, "q=manger&open=now");
            var (hitsBefore, missesBefore) = cache.Counts;
            var second = await SearchAsync(app, "q=manger&open=now");
            var (hitsAfter, missesAfter) = cache.Counts;
            return (first, second, hitsBefore, missesBefore, hitsAfter, missesAfter);
        });

        (hitsAfter - hitsBefore).ShouldBe(1);
        missesAfter.ShouldBe(missesBefore);
        second.Results.Select(r => (r.Slug, r.OpenState, r.OpenText)).ShouldBe(first.Results.Select(r => (r.Slug, r.OpenState, r.OpenText)));
        second.Total.ShouldBe(first.Total);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NewMinute_ComputedAgainWithTheNewOpenStates(string engine)
    {
        await using var app = new ReperesApp(engine);
        var cache = app.Services.GetRequiredService<SearchResultCache>();
        await SearchAsync(app, "q=manger");
        var (_, missesBefore) = cache.Counts;

        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        await SearchAsync(app, "q=manger");

        cache.Counts.Misses.ShouldBe(missesBefore + 1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_OtherLanguageOrPageSize_NotTheAnswerOfAnother(string engine)
    {
        await using var app = new ReperesApp(engine);
        var french = await SearchAsync(app, "q=manger&pageSize=2");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("uk");
        var response = await client.GetAsync("/api/v1/search?q=manger&pageSize=2");
        var ukrainian = (await response.Content.ReadFromJsonAsync<SearchResponseDto>())!;
        var larger = await SearchAsync(app, "q=manger&pageSize=3");

        ukrainian.Results.Select(r => r.Slug).ShouldBe(french.Results.Select(r => r.Slug));
        ukrainian.Results[0].OpenText.ShouldNotBe(french.Results[0].OpenText);
        larger.Results.Count.ShouldBe(3);
        french.Results.Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_StructureTakenOfflineOnThisInstance_LeftOutAtOnce(string engine)
    {
        await using var app = new ReperesApp(engine);
        var before = await SearchAsync(app, "q=manger");
        var slug = before.Results[0].Slug;

        await TakeOfflineAsync(app, slug);
        var after = await SearchAsync(app, "q=manger");

        after.Results.ShouldNotContain(r => r.Slug == slug);
        after.Total.ShouldBe(before.Total - 1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_StructureTakenOfflineOnAnotherInstance_LeftOutThereWithinTwoSeconds(string engine)
    {
        await using var first = new ReperesApp(engine);
        await using var second = new ReperesApp(engine) { SharesDatabaseWith = first };
        var cache = second.Services.GetRequiredService<SearchResultCache>();
        var (before, again, hits) = await second.WithoutCacheResetAsync(async () =>
        {
            var hitsBefore = cache.Counts.Hits;
            var before = await SearchAsync(second, "q=manger");
            var again = await SearchAsync(second, "q=manger");
            return (before, again, cache.Counts.Hits - hitsBefore);
        });
        var slug = before.Results[0].Slug;
        again.Results.ShouldContain(r => r.Slug == slug);
        hits.ShouldBe(1, "the second instance answers the second search from its cache");

        await TakeOfflineAsync(first, slug);
        var written = System.Diagnostics.Stopwatch.StartNew();
        SearchResponseDto after;
        do
        {
            after = await SearchAsync(second, "q=manger");
            if (after.Results.All(r => r.Slug != slug))
            {
                break;
            }

            await Task.Delay(50);
        }
        while (written.Elapsed < OtherInstancesDeadline);

        after.Results.ShouldNotContain(r => r.Slug == slug, $"still found by the other instance {written.Elapsed.TotalMilliseconds:F0} ms after the change");
        after.Total.ShouldBe(before.Total - 1);
        second.Services.GetRequiredService<PublicChanges>().LogPosition.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_CacheSwitchedOff_EveryAnswerComputed(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Search:CachedResults"] = "0" } };
        var cache = app.Services.GetRequiredService<SearchResultCache>();

        var first = await SearchAsync(app, "q=manger");
        var second = await SearchAsync(app, "q=manger");

        cache.Enabled.ShouldBeFalse();
        cache.Counts.ShouldBe((0L, 0L));
        second.Results.Select(r => r.Slug).ShouldBe(first.Results.Select(r => r.Slug));
    }
}
