using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Reperes.Web.Core;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core;

/// <summary>Health for the proxy and the orchestrator, metrics for the operator, a request id for the person reporting a problem.</summary>
public sealed class ObservabilityTests
{
    private static HttpRequestMessage From(string url, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(PeerAddress.Header, peer);
        return request;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Health_LiveAndReady_AnswerWhatTheProxyNeeds(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Health_StorageNotWritable_NotReadyButAlive(string engine)
    {
        var notADirectory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(notADirectory)!);
        await File.WriteAllTextAsync(notADirectory, "a file where the storage should be");
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:StorageDirectory"] = notADirectory } };
        var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task StoppingCheck_ApplicationStopping_NotReady()
    {
        var lifetime = new StoppingLifetime();
        var check = new StoppingHealthCheck(lifetime);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy);
        await lifetime.Stopping.CancelAsync();
        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Unhealthy);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Metrics_ThisMachineAndAllowedNetworks_PrometheusTextOthersNothing(string engine)
    {
        await using var app = new ReperesApp(engine)
        {
            Settings = { ["Reperes:Metrics:AllowedNetworks:0"] = "10.0.0.0/24" },
            TestServices = services => services.AddSingleton<IStartupFilter>(new PeerAddress("127.0.0.1")),
        };
        var client = app.CreateClient();
        (await client.SendAsync(From("/recherche?q=manger", "203.0.113.5"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var local = await client.SendAsync(From("/metrics", "127.0.0.1"));
        var network = await client.SendAsync(From("/metrics", "10.0.0.7"));
        var outside = await client.SendAsync(From("/metrics", "203.0.113.5"));

        local.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await local.Content.ReadAsStringAsync();
        text.ShouldContain("reperes_search_duration_seconds_count");
        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldContain("reperes_search_duration_seconds_bucket{otel_scope_name=\"Reperes\",le=\"0.005\"}");
        network.StatusCode.ShouldBe(HttpStatusCode.OK);
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RequestId_EveryAnswer_CarriesTheReferenceOfItsLogLines(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/api/v1/structures");

        var ids = new[] { first, second }.Select(r => r.Headers.GetValues("X-Request-Id").Single()).ToList();
        ids.ShouldAllBe(id => id.Length > 8);
        ids.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Logs_Production_OneJsonObjectPerLine()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        var (exit, output) = await AdminProcess.RunAsync(directory, ["migrate"]);

        exit.ShouldBe(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToList();
        lines.ShouldNotBeEmpty(output);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.ShouldContain(e => e.GetProperty("Category").GetString() == "Reperes.Web.Data.DatabaseMigrator"
            && e.GetProperty("Message").GetString() == "Applying migration 0001_initial"
            && e.GetProperty("Timestamp").GetString()!.EndsWith('Z'));
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }
}
