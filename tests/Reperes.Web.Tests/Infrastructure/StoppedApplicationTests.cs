using System.Net;
using System.Runtime.CompilerServices;
using Reperes.Web.Admin.Demo;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// Hundreds of applications start and stop in one test process: whatever outlives a stopped one (a timer, a watcher,
/// a limiter never disposed) keeps all of it in memory, and the run ends out of memory.
/// </summary>
public sealed class StoppedApplicationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Dispose_AfterPublicAndSignedInRequests_ApplicationIsCollected(string engine)
    {
        // The first application of the process may be held for good by process-wide parts (the SQLite connection
        // pools' timer keeps the context it was created in): only the later ones must go.
        await UseAndStopAsync(engine);
        var stopped = new List<WeakReference>();
        for (var i = 0; i < 2; i++)
        {
            stopped.Add(await UseAndStopAsync(engine));
        }

        for (var i = 0; i < 5 && stopped.Any(s => s.IsAlive); i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        stopped.Count(s => s.IsAlive).ShouldBe(0);
    }

    // Not inlined: no local of this frame may keep the application reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> UseAndStopAsync(string engine)
    {
        var app = new ReperesApp(engine);
        var visitor = app.CreateClient();
        foreach (var url in new[] { "/", "/recherche?q=manger", "/api/v1/structures", "/hsds/services", "/plan-du-site" })
        {
            var response = await visitor.GetAsync(url);
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        }

        var coordinator = app.CreateBrowserLikeClient();
        (await coordinator.LogInAsync("coordination@demo.reperes.example", DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await coordinator.GetAsync("/mon-espace/coordination/structures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var services = new WeakReference(app.Services);
        await app.DisposeAsync();
        return services;
    }
}
