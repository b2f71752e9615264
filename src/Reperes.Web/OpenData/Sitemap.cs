// Hand-written with XmlWriter: the sitemaps.org format is two elements deep, and it is streamed for 100,000 structures.
using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData;

/// <summary>
/// Sitemaps (sitemaps.org 0.9): an index, the guide's pages and publications, and the online structures in files of
/// at most <see cref="StructuresPerFile"/> addresses (the protocol allows 50,000), streamed.
/// </summary>
public static class Sitemap
{
    public const int StructuresPerFile = 40_000;
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemaps(this IEndpointRouteBuilder app)
    {
        // The back office is not for search engines; the guide is.
        app.MapGet("/robots.txt", (HttpContext context, IOptions<ReperesOptions> options) =>
            TypedResults.Text($"User-agent: *\nDisallow: /mon-espace\nDisallow: /connexion\nDisallow: /invitation\nSitemap: {options.Value.BaseUrl(context.Request)}/sitemap.xml\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext context, ReperesDbContext db, IOptions<ReperesOptions> options) =>
        {
            var baseUrl = options.Value.BaseUrl(context.Request);
            var count = await PublicData.Structures(db).CountAsync(context.RequestAborted);
            await using var writer = await StartAsync(context, "sitemapindex");
            await Entry(writer, "sitemap", baseUrl + "/sitemap-pages.xml", null);
            for (var file = 0; file * StructuresPerFile < count; file++)
            {
                await Entry(writer, "sitemap", $"{baseUrl}/sitemap-structures-{file + 1}.xml", null);
            }

            await EndAsync(writer);
            return TypedResults.Empty;
        });

        app.MapGet("/sitemap-pages.xml", async (HttpContext context, GuideCatalog catalog, PublicationFeed feed, IOptions<ReperesOptions> options) =>
        {
            var baseUrl = options.Value.BaseUrl(context.Request);
            await using var writer = await StartAsync(context, "urlset");
            foreach (var path in new[] { "/", "/recherche", "/carte", "/publications", "/guide-imprimable" })
            {
                await Entry(writer, "url", baseUrl + path, null);
            }

            foreach (var need in catalog.Needs)
            {
                await Entry(writer, "url", $"{baseUrl}/besoin/{need.Code}", null);
            }

            await foreach (var publication in feed.Visible().OrderByDescending(p => p.Id).Take(40_000).Select(p => new { p.Id, p.UpdatedAt }).AsAsyncEnumerable().WithCancellation(context.RequestAborted))
            {
                await Entry(writer, "url", $"{baseUrl}/publications/{publication.Id}", publication.UpdatedAt);
            }

            await EndAsync(writer);
            return TypedResults.Empty;
        });

        app.MapGet("/sitemap-structures-{file:int}.xml", async (int file, HttpContext context, ReperesDbContext db, IOptions<ReperesOptions> options) =>
        {
            if (file < 1 || file > 1000)
            {
                return Results.NotFound();
            }

            var baseUrl = options.Value.BaseUrl(context.Request);
            var structures = PublicData.Structures(db)
                .OrderBy(s => s.Id).Skip((file - 1) * StructuresPerFile).Take(StructuresPerFile)
                .Select(s => new { s.Slug, s.UpdatedAt })
                .AsAsyncEnumerable();
            await using var writer = await StartAsync(context, "urlset");
            await foreach (var structure in structures.WithCancellation(context.RequestAborted))
            {
                await Entry(writer, "url", $"{baseUrl}/structure/{structure.Slug}", structure.UpdatedAt);
            }

            await EndAsync(writer);
            return Results.Empty;
        });
    }

    private static async Task<XmlWriter> StartAsync(HttpContext context, string root)
    {
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.Headers.CacheControl = "public, max-age=3600";
        var writer = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, root, Namespace);
        return writer;
    }

    private static async Task Entry(XmlWriter writer, string element, string location, DateTimeOffset? modified)
    {
        await writer.WriteStartElementAsync(null, element, null);
        await writer.WriteElementStringAsync(null, "loc", null, location);
        if (modified is { } at)
        {
            await writer.WriteElementStringAsync(null, "lastmod", null, at.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        await writer.WriteEndElementAsync();
    }

    private static async Task EndAsync(XmlWriter writer)
    {
        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }
}
