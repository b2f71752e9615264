using Reperes.Web.Core;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core;

public sealed class RateLimiterDisposalTests
{
    [Fact]
    public void Applies_ThisAspNetCore_ReachesTheMiddlewaresLimiter()
    {
        // Should ASP.NET Core rename what the workaround reaches, the plain middleware would leak every test host again.
        RateLimiterDisposal.Applies.ShouldBeTrue();
    }

    [Fact]
    public async Task Api_BeyondTheLimit_TheRebuiltMiddlewareAnswers429()
    {
        await using var app = new ReperesApp(Engines.Sqlite) { RequestsPerMinute = 2 };
        var client = app.CreateClient();
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/structures")).StatusCode);
        }

        statuses.ShouldBe([System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.TooManyRequests]);
    }
}
