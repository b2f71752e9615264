using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests;

/// <summary>Running behind a reverse proxy and in production: whom to believe, which address links carry, how the API fails.</summary>
public sealed class ReperesApplicationTests
{
    private const string Proxy = "10.0.0.2";
    private const string Contributor = "contribution@demo.reperes.example";

    private static ReperesApp BehindProxy(string engine, bool demoData = false, int requestsPerMinute = 1_000_000) => new(engine, demoData)
    {
        RequestsPerMinute = requestsPerMinute,
        Settings = { ["Reperes:Proxy:KnownProxies:0"] = Proxy, ["Reperes:PublicBaseUrl"] = "https://guide.example.org" },
        TestServices = services => services.AddSingleton<IStartupFilter>(new PeerAddress(Proxy)),
    };

    private static HttpRequestMessage Get(string url, string? forwardedFor = null, string? peer = null, string? proto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (peer is not null)
        {
            request.Headers.Add("X-Test-Peer", peer);
        }

        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RateLimit_BehindTheConfiguredProxy_CountsEachClientApartAndBelievesNoOneElse(string engine)
    {
        await using var app = BehindProxy(engine, requestsPerMinute: 3);
        var client = app.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await client.SendAsync(Get("/api/v1/categories", forwardedFor: "203.0.113.1"))).StatusCode);
        }

        var second = (await client.SendAsync(Get("/api/v1/categories", forwardedFor: "203.0.113.2"))).StatusCode;

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        second.ShouldBe(HttpStatusCode.OK, "another client behind the same proxy has its own limit");

        // A client that is not the proxy cannot pose as another by sending the header itself.
        var direct = new List<HttpStatusCode>();
        foreach (var pretended in new[] { "203.0.113.7", "203.0.113.8", "203.0.113.9", "203.0.113.10" })
        {
            direct.Add((await client.SendAsync(Get("/api/v1/categories", forwardedFor: pretended, peer: "198.51.100.4"))).StatusCode);
        }

        direct.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Https_SaidByTheProxy_GivesHstsAndSecureCookies(string engine)
    {
        await using var app = BehindProxy(engine, demoData: true);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://guide.example.org") });

        var page = await client.SendAsync(Get("/connexion", forwardedFor: "203.0.113.1", proto: "https"));
        var plain = await client.SendAsync(Get("/connexion", forwardedFor: "203.0.113.1"));

        page.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        page.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("HSTS is only sent over https");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PasswordReset_ForgedHostHeader_TheLinkUsesTheConfiguredAddress(string engine)
    {
        await using var app = BehindProxy(engine, demoData: true);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://evil.example") });

        var asked = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Contributor });

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = (await Mailbox.MessagesToAsync(app, Contributor)).ShouldHaveSingleItem();
        mail.ShouldContain("https://guide.example.org/reinitialiser-mot-de-passe?");
        mail.ShouldNotContain("evil.example");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Api_DatabaseFailing_AnswersProblemDetailsNotAnHtmlPage(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        var client = app.CreateClient();
        // A sheet is read from the database at each request (a search may be answered from memory).
        const string Sheet = "/api/v1/structures/6f1c1f4e-2b1a-4c8e-9a53-0d6c2f0a7b11";
        (await client.GetAsync(Sheet)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE structures RENAME TO structures_gone"));

        var failed = await client.GetAsync(Sheet);

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        failed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await failed.Content.ReadAsStringAsync()).ShouldNotContain("structures_gone", Case.Insensitive, "no internal detail in the answer");
    }

    [Fact]
    public void Problems_ProductionWithoutPublicAddressOrWithWrongProxies_RefusesToStartAndSaysWhy()
    {
        var production = new HostingEnvironment { EnvironmentName = Environments.Production };
        var development = new HostingEnvironment { EnvironmentName = Environments.Development };

        StartupChecks.Problems(new ReperesOptions(), production).ShouldHaveSingleItem().ShouldContain("Reperes__PublicBaseUrl is required in Production");
        StartupChecks.Problems(new ReperesOptions(), production, serving: false).ShouldBeEmpty("an admin command (migrate…) runs without it");
        StartupChecks.Problems(new ReperesOptions(), development).ShouldBeEmpty();
        StartupChecks.Problems(new ReperesOptions { PublicBaseUrl = "https://guide.example.org" }, production).ShouldBeEmpty();
        StartupChecks.Problems(new ReperesOptions { PublicBaseUrl = "guide.example.org" }, development).ShouldHaveSingleItem().ShouldContain("absolute address");
        var proxies = new ReperesOptions { PublicBaseUrl = "https://guide.example.org", Proxy = { KnownProxies = ["10.0.0.2", "proxy.local"], KnownNetworks = ["10.0.0.0/24", "10.0.0.0"] } };
        StartupChecks.Problems(proxies, production).ShouldBe(
        [
            "Reperes__Proxy__KnownProxies: 'proxy.local' is not an IP address.",
            "Reperes__Proxy__KnownNetworks: '10.0.0.0' is not a network written like 10.0.0.0/24.",
        ]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Startup_TwoInstancesAtOnceOnAnEmptyDatabase_BothStartAndSeedOnce(string engine)
    {
        var demoStructures = Reperes.Web.Admin.Demo.DemoFiles.Demo().Structures.Count;
        for (var round = 1; round <= 2; round++)
        {
            // Another clock than the templates': an empty database, migrated and seeded by the instances themselves.
            var now = ReperesApp.DefaultNow.AddMinutes(round);
            await using var first = new ReperesApp(engine, demoData: true, now: now);
            await using var second = new ReperesApp(engine, demoData: true, now: now) { SharesDatabaseWith = first, StartsWithOwner = true };

            await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

            (await first.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await second.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var (needs, structures, roles) = await first.WithDbAsync(async db => (await db.Needs.CountAsync(), await db.Structures.CountAsync(), await db.Roles.CountAsync()));
            needs.ShouldBe(9, $"round {round}");
            structures.ShouldBe(demoStructures, $"round {round}");
            roles.ShouldBe(NetworkRoles.All.Count, $"round {round}");
        }
    }
}
