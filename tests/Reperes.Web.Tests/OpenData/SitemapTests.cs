using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData;

public sealed class SitemapTests
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sitemap_IndexPagesAndStructures_ListOnlyWhatThePublicMayOpen(string engine)
    {
        await using var app = new ReperesApp(engine);
        var visitor = app.CreateBrowserLikeClient();
        var index = XDocument.Parse(await visitor.GetStringAsync("/sitemap.xml")).Root!;
        index.Name.ShouldBe(Sitemaps + "sitemapindex");
        var files = index.Elements(Sitemaps + "sitemap").Select(s => new Uri(s.Element(Sitemaps + "loc")!.Value).PathAndQuery).ToList();
        files.ShouldBe(["/sitemap-pages.xml", "/sitemap-structures-1.xml"]);

        var pages = XDocument.Parse(await visitor.GetStringAsync("/sitemap-pages.xml")).Root!.Elements(Sitemaps + "url").Select(u => new Uri(u.Element(Sitemaps + "loc")!.Value).PathAndQuery).ToList();
        pages.ShouldContain("/besoin/se-nourrir");
        pages.ShouldContain(p => p.StartsWith("/publications/", StringComparison.Ordinal));

        var online = await app.WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.Online).Select(s => "/structure/" + s.Slug).ToListAsync());
        var offline = await app.WithDbAsync(db => db.Structures.Where(s => s.Status != StructureStatus.Online).Select(s => "/structure/" + s.Slug).ToListAsync());
        offline.ShouldNotBeEmpty();
        var structures = XDocument.Parse(await visitor.GetStringAsync("/sitemap-structures-1.xml")).Root!.Elements(Sitemaps + "url").Select(u => new Uri(u.Element(Sitemaps + "loc")!.Value).PathAndQuery).ToList();
        structures.ShouldBe(online, ignoreOrder: true);

        (await visitor.GetAsync("/sitemap-structures-0.xml")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetStringAsync("/robots.txt")).ShouldContain("Sitemap: http://localhost/sitemap.xml");
    }
}
