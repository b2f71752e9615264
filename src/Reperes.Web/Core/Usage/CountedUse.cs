namespace Reperes.Web.Core.Usage;

/// <summary>
/// Endpoint metadata: a call of this endpoint is one use of the API or of an export, of kind <paramref name="Detail"/>
/// (<paramref name="CsvDetail"/> when asked as CSV with <c>?format=csv</c>). Counted by <see cref="CountedUses"/>
/// once answered without error.
/// </summary>
public sealed record CountedUse(UsageKind Kind, string Detail, string? CsvDetail = null);

/// <summary>Counts the calls of the endpoints marked with <see cref="CountedUse"/>.</summary>
public static class CountedUses
{
    /// <summary>Marks the endpoint (or every endpoint of the group) as one use of <paramref name="kind"/> <paramref name="detail"/>.</summary>
    public static TBuilder CountsAs<TBuilder>(this TBuilder builder, UsageKind kind, string detail, string? csvDetail = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CountedUse(kind, detail, csvDetail));

    /// <summary>After routing: counts a marked endpoint's call when it answered without error (2xx or 304).</summary>
    public static IApplicationBuilder UseCountedUses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<CountedUse>() is { } use
            && (context.Response.StatusCode is (>= 200 and < 300) or StatusCodes.Status304NotModified)
            && !FromOwnPages(context.Request))
        {
            var csv = use.CsvDetail is not null && string.Equals(context.Request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
            context.RequestServices.GetRequiredService<UsageCounter>().CountCall(context, new UsageFact(use.Kind) { Detail = csv ? use.CsvDetail! : use.Detail });
        }
    });

    /// <summary>
    /// A call made by the site's own scripts (the results map, the hours editor): the browser says the request comes
    /// from the same site without being a navigation. Not a use of the API by a partner; an export opened from a link
    /// of the site is one.
    /// </summary>
    private static bool FromOwnPages(HttpRequest request) =>
        string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(request.Headers["Sec-Fetch-Mode"], "navigate", StringComparison.OrdinalIgnoreCase);
}
