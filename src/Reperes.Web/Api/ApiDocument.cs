using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Reperes.Web.Api;

/// <summary>The OpenAPI 3 description of the public API, served at <c>/api/v1/openapi.json</c> and shown on <c>/api</c>.</summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/api/v1/openapi.json";

    public static IServiceCollection AddPublicApi(this IServiceCollection services)
    {
        // Enumerations are written as words ("permanently-closed"), which clients read without a table of numbers.
        // Numbers are numbers: the description does not promise numbers written as strings.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(Name, o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Repères — API ouverte",
                    Version = "v1",
                    Description = "Read-only access to the guide: structures, services, categories, news and events, and the data·inclusion export. "
                        + "No authentication; requests are rate-limited per address (429 with Retry-After). Lists are paged (page, per_page) "
                        + "with an RFC 8288 Link header; answers carry a strong ETag (If-None-Match gives 304), and Last-Modified when they hold "
                        + "stored data only. Errors are RFC 9457 problem details. Data under Licence Ouverte 2.0.",
                    License = new OpenApiLicense { Name = "Licence Ouverte 2.0", Url = new Uri("https://www.etalab.gouv.fr/licence-ouverte-open-licence/") },
                };
                var request = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
                if (request is not null)
                {
                    document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}" }];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPublicApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        return app;
    }
}
