using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Metrics;

namespace Reperes.Web.Core;

/// <summary>
/// The application's own measures, exported with ASP.NET Core's (requests, their duration and status) and the
/// runtime's in the Prometheus format at /metrics, for the addresses allowed to read it.
/// </summary>
public static class Observability
{
    public const string MeterName = "Reperes";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Buckets in seconds from a millisecond to ten seconds (the exporter's defaults are meant for milliseconds).</summary>
    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };

    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "reperes.search.duration", "s", "Time of one search of the guide, from the query to the ranked places.", tags: null, advice: Seconds);

    public static readonly Counter<long> SearchAnswers = Meter.CreateCounter<long>(
        "reperes.search.answers", description: "Answers of the guide's search, by source: cache (kept from the same minute) or computed.");

    public static readonly Counter<long> ResultsPages = Meter.CreateCounter<long>(
        "reperes.search.pages", description: "Results pages for people who see them alike, by source: cache (rendered before from the same answer) or rendered.");

    private static int readModelStructures;

    /// <summary>The structures in the search's read model (0 until it is first loaded: the SQL search answers meanwhile).</summary>
    public static readonly ObservableGauge<int> ReadModelStructures = Meter.CreateObservableGauge(
        "reperes.search.read_model.structures", () => Volatile.Read(ref readModelStructures), description: "Structures held in memory by the search's read model.");

    public static void ReadModelLoaded(int structures) => Volatile.Write(ref readModelStructures, structures);

    public static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "reperes.job.runs", description: "Runs of the background jobs, by job and outcome (ok, failed).");

    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "reperes.job.duration", "s", "Time of one run of a background job.", tags: null, advice: Seconds);

    public static readonly Counter<long> Emails = Meter.CreateCounter<long>(
        "reperes.emails", description: "E-mails by outcome: sent through SMTP, written as a file, failed.");

    public static IServiceCollection AddReperesMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>/metrics answers the machine itself and the configured networks (Reperes__Metrics__AllowedNetworks__0); others get a 404.</summary>
    public static IApplicationBuilder UseReperesMetrics(this IApplicationBuilder app, MetricsOptions options)
    {
        var networks = options.AllowedNetworks.Select(n => System.Net.IPNetwork.Parse(n)).ToList();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == "/metrics"
            && context.Connection.RemoteIpAddress is { } address
            && (IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))));
    }
}

/// <summary>Reperes__Metrics__AllowedNetworks__0=10.0.0.0/24: who may read /metrics besides the machine itself.</summary>
public sealed class MetricsOptions
{
    public List<string> AllowedNetworks { get; set; } = [];
}
