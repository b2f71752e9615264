// Hand-written with XmlWriter (no syndication package: System.ServiceModel.Syndication targets .NET 11 here): RFC 4287 is small, and the tests validate every feed with libxml2 against its RELAX NG schema.
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Text;

namespace Reperes.Web.OpenData.Feeds;

/// <summary>
/// Atom feeds (RFC 4287) of the published articles, news and projects: of the network, of a structure, of a need.
/// Entries are identified by their permanent address; content is the same safe HTML as the page.
/// </summary>
public static class AtomFeed
{
    public const int MaxEntries = 50;

    public static void MapAtomFeeds(this IEndpointRouteBuilder app) => app.MapFeed("actualites.atom", "atom", WriteAsync);

    private static async Task<IResult> WriteAsync(HttpContext context, FeedScope scope, string baseUrl)
    {
        var cancellationToken = context.RequestAborted;
        var feed = context.RequestServices.GetRequiredService<PublicationFeed>();
        var now = feed.Now;
        var entries = await PublicationFeed.Filter(feed.Visible(), scope.StructureId, scope.NeedId)
            .Where(p => p.Kind != PublicationKind.Event && (p.ExpiresAt == null || p.ExpiresAt > now))
            .OrderByDescending(p => p.PublishFrom).ThenByDescending(p => p.Id)
            .Take(MaxEntries)
            .Select(p => new { p.Id, p.Kind, p.Title, p.Summary, p.Body, p.AuthorName, p.Signature, p.PublishFrom, p.UpdatedAt, StructureName = p.Structure != null ? p.Structure.Name : null })
            .ToListAsync(cancellationToken);

        var self = baseUrl + context.Request.Path;
        var updated = entries.Count == 0 ? now : entries.Max(e => e.UpdatedAt);
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        context.Response.Headers.CacheControl = "public, max-age=300";
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(context.Response.Body, settings);
        const string Atom = "http://www.w3.org/2005/Atom";
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "feed", Atom);
        await writer.WriteAttributeStringAsync("xml", "lang", null, "fr");
        await Element(writer, "id", self);
        await Element(writer, "title", scope.Title + " : actualités");
        await Element(writer, "updated", Rfc3339(updated));
        await Link(writer, "self", self, "application/atom+xml");
        await Link(writer, "alternate", baseUrl + scope.PagePath, "text/html");
        await writer.WriteStartElementAsync(null, "author", null);
        await Element(writer, "name", "Repères");
        await Element(writer, "uri", baseUrl + "/");
        await writer.WriteEndElementAsync();
        await Element(writer, "generator", "Repères");
        foreach (var entry in entries)
        {
            var url = $"{baseUrl}/publications/{entry.Id}";
            await writer.WriteStartElementAsync(null, "entry", null);
            await Element(writer, "id", url);
            await Element(writer, "title", entry.Title);
            await Element(writer, "published", Rfc3339(entry.PublishFrom ?? entry.UpdatedAt));
            await Element(writer, "updated", Rfc3339(entry.UpdatedAt));
            await writer.WriteStartElementAsync(null, "author", null);
            await Element(writer, "name", entry.Signature ?? entry.StructureName ?? entry.AuthorName);
            await writer.WriteEndElementAsync();
            await writer.WriteStartElementAsync(null, "category", null);
            await writer.WriteAttributeStringAsync(null, "term", null, PublicationLabels.Code(entry.Kind));
            await writer.WriteAttributeStringAsync(null, "label", null, PublicationLabels.Kind(entry.Kind));
            await writer.WriteEndElementAsync();
            await Link(writer, "alternate", url, "text/html");
            if (entry.Summary.Length > 0)
            {
                await Element(writer, "summary", entry.Summary);
            }

            await writer.WriteStartElementAsync(null, "content", null);
            await writer.WriteAttributeStringAsync(null, "type", null, "html");
            await writer.WriteStringAsync(SafeMarkdown.ToHtml(entry.Body));
            await writer.WriteEndElementAsync();
            await writer.WriteEndElementAsync();
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
        return TypedResults.Empty;
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Task Element(XmlWriter writer, string name, string value) => writer.WriteElementStringAsync(null, name, null, value);

    private static async Task Link(XmlWriter writer, string rel, string href, string type)
    {
        await writer.WriteStartElementAsync(null, "link", null);
        await writer.WriteAttributeStringAsync(null, "rel", null, rel);
        await writer.WriteAttributeStringAsync(null, "type", null, type);
        await writer.WriteAttributeStringAsync(null, "href", null, href);
        await writer.WriteEndElementAsync();
    }
}
