using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Architecture;

/// <summary>
/// Every public address of the demo data at a fixed clock: home, each need, searches, each sheet, print, widget,
/// agenda, publications, feeds, sitemaps, the JSON and HSDS APIs and the exports. The test proves each answers;
/// with REPERES_OUTPUT_SNAPSHOT set to a folder, it also writes what each answered there (random identifiers and
/// antiforgery tokens replaced by stable stand-ins), so that two versions of the code can be compared with `diff -r`
/// (tools/public-output-snapshot.sh): a refactoring must leave every byte the public receives as it was.
/// </summary>
public sealed partial class PublicOutputTests
{
    public const string SnapshotVariable = "REPERES_OUTPUT_SNAPSHOT";

    private static readonly string[] Searches =
    [
        "/recherche?q=manger", "/recherche?q=douche", "/recherche?q=dormir+ce+soir", "/recherche?q=avocat",
        "/recherche?q=ordi&ouvert=maintenant", "/recherche?q=colis+alimentaire&gratuit=true", "/recherche?q=zzzzqqq",
        "/recherche?besoin=se-soigner&tri=distance&lat=48.39&lon=-4.48", "/recherche?q=repas&page=2",
    ];

    private static readonly string[] Fixed =
    [
        "/", "/?lang=en", "/carte", "/internet", "/internet?open=now&free=true&accompagnement=individuel&materiel=imprimante", "/pres-de-moi", "/agenda", "/publications", "/integrer", "/outils/horaires", "/api",
        "/guide-imprimable?besoin=se-nourrir", "/guide-imprimable?numerique=true", "/guide-imprimable?q=douche", "/widget?need=se-nourrir", "/widget?need=se-soigner&commune=Brest",
        "/actualites.atom", "/agenda.ics", "/besoin/se-nourrir/actualites.atom", "/besoin/poser-son-sac/agenda.ics",
        "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-structures-1.xml", "/robots.txt",
        "/api/v1/openapi.json", "/api/v1/categories", "/api/v1/search?q=manger", "/api/v1/search?q=douche&open=now",
        "/api/v1/structures?per_page=100", "/api/v1/structures?need=se-nourrir&open=today", "/api/v1/services?per_page=100",
        "/api/v1/news", "/api/v1/events", "/api/v1/opening-hours/evaluate?value=Mo-Fr%2009:00-17:00&at=2026-11-24T10:00:00%2B01:00",
        "/api/hsds/", "/api/hsds/services?per_page=100", "/api/hsds/organizations?per_page=100", "/api/hsds/service_at_locations?per_page=100",
        "/api/hsds/taxonomies", "/api/hsds/taxonomy_terms?per_page=100", "/api/hsds/services?search=douche",
        "/api/v1/export/data-inclusion/structures", "/api/v1/export/data-inclusion/services", "/api/v1/export/data-inclusion/structures.csv",
        "/api/v1/export/data-inclusion/services.csv", "/api/v1/export/mediation-numerique.csv",
    ];

    [Fact]
    public async Task EveryPublicAddress_DemoDataAtAFixedClock_Answers()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = app.CreateBrowserLikeClient();
        // Address, and the file it is written to (by slug rather than by the demo's random identifiers).
        var addresses = Fixed.Concat(Searches).Select(a => (Address: a, File: FileName(a))).ToList();

        using var categories = JsonDocument.Parse(await client.GetStringAsync("/api/v1/categories"));
        foreach (var need in categories.RootElement.EnumerateArray())
        {
            var code = need.GetProperty("code").GetString();
            addresses.Add(Named($"/besoin/{code}"));
            addresses.Add(Named($"/besoin/{code}?lang=en"));
        }

        using var structures = JsonDocument.Parse(await client.GetStringAsync("/api/v1/structures?per_page=100"));
        var items = structures.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThan(40);
        foreach (var structure in items)
        {
            var slug = structure.GetProperty("slug").GetString();
            var id = structure.GetProperty("id").GetString();
            addresses.Add(Named($"/structure/{slug}"));
            addresses.Add(Named($"/structure/{slug}/actualites.atom"));
            addresses.Add(Named($"/structure/{slug}/agenda.ics"));
            addresses.Add(($"/api/v1/structures/{id}", FileName($"/api/v1/structures/{slug}")));
            addresses.Add(($"/api/hsds/organizations/{id}", FileName($"/api/hsds/organizations/{slug}")));
        }

        foreach (var feed in new[] { "/api/v1/news", "/api/v1/events" })
        {
            using var publications = JsonDocument.Parse(await client.GetStringAsync(feed));
            foreach (var publication in publications.RootElement.GetProperty("items").EnumerateArray())
            {
                addresses.Add(Named($"/publications/{publication.GetProperty("id").GetInt32()}"));
            }
        }

        var folder = Environment.GetEnvironmentVariable(SnapshotVariable) is { Length: > 0 } set ? set : null;
        var failures = new List<string>();
        foreach (var (address, name) in addresses.Distinct())
        {
            using var response = await client.GetAsync(address);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
            {
                failures.Add($"{address}: {(int)response.StatusCode}");
            }

            if (folder is not null)
            {
                var file = Path.Combine(folder, name);
                await File.WriteAllTextAsync(file, $"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n{Stable(body)}");
            }
        }

        failures.ShouldBeEmpty();
    }

    private static (string Address, string File) Named(string address) => (address, FileName(address));

    /// <summary>The address as a file name: one file per address, readable in a diff.</summary>
    private static string FileName(string address)
    {
        var name = UnsafeInFileName().Replace(address.TrimStart('/'), "_");
        return (name.Length == 0 ? "home" : name.Length > 180 ? name[..180] : name) + ".txt";
    }

    /// <summary>Random identifiers (the demo's UUIDs, antiforgery tokens) as stand-ins numbered in order of appearance.</summary>
    private static string Stable(string body)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        body = Uuid().Replace(body, m => "uuid-" + (seen.TryGetValue(m.Value, out var n) ? n : seen[m.Value] = seen.Count));
        return AntiforgeryToken().Replace(body, "value=\"antiforgery\"");
    }

    [GeneratedRegex("[^A-Za-z0-9._=-]+")]
    private static partial Regex UnsafeInFileName();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiforgeryToken();
}
