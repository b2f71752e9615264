using Reperes.Web.OpenData.DataInclusion;
using Reperes.Web.OpenData.Feeds;
using Reperes.Web.OpenData.Hsds;
using Reperes.Web.OpenData.Imports;

namespace Reperes.Web.OpenData;

/// <summary>Open data: the exports under the rate-limited public API, HSDS, the feeds, the sitemaps; imports.</summary>
public static class OpenDataEndpoints
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddHsdsApi();
        services.AddImports();
        return services;
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/v1/export").RequireRateLimiting("api");
        export.MapDataInclusionExport();
        app.MapHsdsApi();
        Imports.MediationExport.MapMediationExport(export);
        Usage.UsageAggregates.MapUsageAggregates(export);
        app.MapAtomFeeds();
        app.MapCalendarFeeds();
        app.MapSitemaps();
        return app;
    }
}
