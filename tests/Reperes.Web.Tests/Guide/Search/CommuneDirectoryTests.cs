using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>The communes where the guide has places: read once for everyone asking at the same time, and kept fresh.</summary>
public sealed class CommuneDirectoryTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task All_ManyRequestsAtOnceAfterAChange_OneReadingSharedByAll(string engine)
    {
        await using var app = new ReperesApp(engine);
        var directory = app.Services.GetRequiredService<CommuneDirectory>();
        directory.All().ShouldNotBeEmpty();
        directory.Invalidate();

        using var start = new Barrier(16);
        var lists = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return directory.All();
        })));

        lists.Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1, "each request read the communes again");
        lists[0].ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task All_LastPlaceOfACommuneTakenOfflineOnAnotherInstance_CommuneLeftOutThereWithinTwoSeconds(string engine)
    {
        await using var first = new ReperesApp(engine);
        await using var second = new ReperesApp(engine) { SharesDatabaseWith = first };
        var directory = second.Services.GetRequiredService<CommuneDirectory>();
        var quietest = directory.All()[^1];

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
            var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
            var places = await db.Structures.Where(s => s.CommuneCode == quietest.Code && s.Status == StructureStatus.Online).ToListAsync();
            places.ShouldNotBeEmpty();
            foreach (var place in places)
            {
                (await writer.ChangeStatusAsync(StructureAuthor.Of(coordinator), place, StructureStatus.Offline, UpdatedDate.Moves, CancellationToken.None))
                    .ShouldBe(StatusChangeOutcome.Changed);
            }
        }

        var written = System.Diagnostics.Stopwatch.StartNew();
        while (directory.All().Any(c => c.Code == quietest.Code) && written.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(50);
        }

        directory.All().ShouldNotContain(c => c.Code == quietest.Code, $"still listed by the other instance {written.Elapsed.TotalMilliseconds:F0} ms after the change");
    }
}
