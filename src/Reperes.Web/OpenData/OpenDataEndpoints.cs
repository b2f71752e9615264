using Reperes.Web.OpenData.DataInclusion;
using Reperes.Web.OpenData.Hsds;

namespace Reperes.Web.OpenData;

/// <summary>The open data exports of the guide, under the rate-limited public API.</summary>
public static class OpenDataEndpoints
{
    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/v1/export").RequireRateLimiting("api");
        export.MapDataInclusionExport();
        app.MapHsdsApi();
        Imports.MediationExport.MapMediationExport(export);
        return app;
    }
}
