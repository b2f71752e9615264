namespace Reperes.Web.Api;

/// <summary>The public JSON API: the guide's search and categories, structures, services, publications, its OpenAPI document.</summary>
public static class ApiModule
{
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapGuideApi();
        app.MapPublicApiDocument();
        return app;
    }
}
