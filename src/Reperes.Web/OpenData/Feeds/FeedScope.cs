using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData.Feeds;

/// <summary>The three addresses of a feed: the network's, a structure's, a need's.</summary>
public static class FeedRoutes
{
    public delegate Task<IResult> FeedWriter(HttpContext context, FeedScope scope, string baseUrl);

    public static void MapFeed(this IEndpointRouteBuilder app, string fileName, string usageDetail, FeedWriter write)
    {
        app.MapGet("/" + fileName, (Func<HttpContext, Task<IResult>>)(context => ResolveAndWriteAsync(context, null, null, write))).CountsAs(UsageKind.Export, usageDetail);
        app.MapGet("/structure/{slug}/" + fileName, (string slug, HttpContext context) => ResolveAndWriteAsync(context, slug, null, write)).CountsAs(UsageKind.Export, usageDetail);
        app.MapGet("/besoin/{code}/" + fileName, (string code, HttpContext context) => ResolveAndWriteAsync(context, null, code, write)).CountsAs(UsageKind.Export, usageDetail);
    }

    private static async Task<IResult> ResolveAndWriteAsync(HttpContext context, string? slug, string? need, FeedWriter write)
    {
        var services = context.RequestServices;
        var scope = await FeedScope.ResolveAsync(slug, need, services.GetRequiredService<ReperesDbContext>(), services.GetRequiredService<GuideCatalog>(), context.RequestAborted);
        return scope is null
            ? TypedResults.NotFound()
            : await write(context, scope, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReperesOptions>>().Value.BaseUrl(context.Request));
    }
}

/// <summary>What a feed covers: the whole network, one structure (online) or one need; null when the address names nothing.</summary>
public sealed record FeedScope(string Title, string PagePath, int? StructureId, int? NeedId)
{
    public static async Task<FeedScope?> ResolveAsync(string? structureSlug, string? needCode, ReperesDbContext db, GuideCatalog catalog, CancellationToken cancellationToken)
    {
        if (structureSlug is not null)
        {
            if (structureSlug.Length > 200)
            {
                return null;
            }

            var structure = await PublicData.Structures(db)
                .Where(s => s.Slug == structureSlug)
                .Select(s => new { s.Id, s.Name, s.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            return structure is null ? null : new FeedScope($"Repères — {structure.Name}", $"/structure/{structure.Slug}", structure.Id, null);
        }

        if (needCode is not null)
        {
            return catalog.Need(needCode) is { } need ? new FeedScope($"Repères — {need.NameFr}", $"/besoin/{need.Code}", null, need.Id) : null;
        }

        return new FeedScope("Repères", "/", null, null);
    }
}
