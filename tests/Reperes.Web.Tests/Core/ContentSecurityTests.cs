using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core;

/// <summary>
/// The Content-Security-Policy: on every page, without 'unsafe-inline', and pages that would need it (a style
/// attribute, an inline script or style element, an event attribute) found here rather than by a person whose browser
/// refuses them. The back-office pages are walked by <c>AuthorizationMatrixTests</c> with <see cref="ProblemsAsync"/>.
/// </summary>
public sealed partial class ContentSecurityTests
{
    private static readonly string[] PublicPages =
    [
        "/", "/besoin/se-nourrir", "/recherche?q=manger", "/recherche?q=manger&ouvert=maintenant", "/carte", "/pres-de-moi", "/internet",
        "/structure/halte-accueil-ozanam", "/structure/halte-accueil-ozanam/signaler", "/agenda", "/publications",
        "/guide-imprimable?q=manger", "/fiche-orientation", "/fiche-orientation/imprimer", "/numerique-et-moi",
        "/connexion", "/mot-de-passe-oublie", "/inscription-professionnelle", "/confidentialite", "/integrer", "/api",
        "/outils/horaires", "/widget", "/widget?besoin=se-nourrir", "/erreur", "/structure/nulle-part", "/recherche?lang=en&q=food",
    ];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Policy_EveryPublicPage_PresentWithoutUnsafeInlineAndNothingInline(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var publication = await app.WithDbAsync(db => db.Publications.Select(p => p.Id).FirstAsync());
        var failures = new List<string>();
        foreach (var url in PublicPages.Append($"/publications/{publication}"))
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, url);
            response.Headers.Contains("Content-Security-Policy").ShouldBeTrue(url);
            failures.AddRange((await ProblemsAsync(response)).Select(problem => $"{url}: {problem}"));
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Policy_WidgetAndOtherPages_OnlyTheWidgetMayBeFramedElsewhere(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var widget = await client.GetAsync("/widget?besoin=se-nourrir");
        var home = await client.GetAsync("/");
        var api = await client.GetAsync("/api/v1/structures");

        Policy(widget).ShouldContain("frame-ancestors *");
        widget.Headers.Contains("X-Frame-Options").ShouldBeFalse();
        Policy(home).ShouldContain("frame-ancestors 'self'");
        home.Headers.GetValues("X-Frame-Options").ShouldBe(["SAMEORIGIN"]);
        Policy(api).ShouldContain("frame-ancestors 'self'");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintFooter_InThePageLanguage_IsAStylesheetNeverCached(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var french = await client.GetAsync("/guide-imprimable/pied-de-page.css?lang=fr");
        var english = await client.GetAsync("/guide-imprimable/pied-de-page.css?lang=en");
        var page = await (await client.GetAsync("/guide-imprimable?q=manger")).Content.ReadAsStringAsync();

        french.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        french.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await french.Content.ReadAsStringAsync()).ShouldContain("@bottom-left { content: \"Repères — imprimé le mardi 24 novembre 2026 à 10:00\"; }");
        (await english.Content.ReadAsStringAsync()).ShouldContain("Repères — printed on");
        page.ShouldContain("href=\"/guide-imprimable/pied-de-page.css?lang=fr\"");
    }

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", " https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", " https://*.tile.example.org")]
    [InlineData("http://tiles.local:8080/{z}/{x}/{y}.png", " http://tiles.local:8080")]
    [InlineData("/tiles/{z}/{x}/{y}.png", "")]
    public void TileSource_ConfiguredTileUrl_AllowsItsOriginOnly(string tileUrl, string expected) =>
        ContentSecurity.TileSource(tileUrl).ShouldBe(expected);

    [Fact]
    public void NeedColours_SiteStylesheet_HasOneClassPerNeedWithTheTaxonomyColour()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Reperes.Web"));
        var css = File.ReadAllText(Path.Combine(root, "wwwroot/css/site.css"));
        using var taxonomy = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "Core/Taxonomy/taxonomy.json")));
        var needs = taxonomy.RootElement.GetProperty("needs").EnumerateArray().ToList();

        needs.Count.ShouldBe(9);
        foreach (var need in needs)
        {
            css.ShouldContain($".need-bg-{need.GetProperty("code").GetString()} {{ background: {need.GetProperty("color").GetString()}; }}");
        }
    }

    /// <summary>What an HTML answer would need 'unsafe-inline' for, and a missing or lax policy; nothing for other answers.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return [];
        }

        var problems = new List<string>();
        var policy = Policy(response);
        if (!policy.Contains("script-src 'self'", StringComparison.Ordinal) || !policy.Contains("style-src 'self'", StringComparison.Ordinal)
            || policy.Contains("unsafe-", StringComparison.Ordinal))
        {
            problems.Add($"policy \"{policy}\"");
        }

        var html = await response.Content.ReadAsStringAsync();
        foreach (Match tag in Tag().Matches(html))
        {
            var text = tag.Value;
            if (InlineAttribute().IsMatch(text))
            {
                problems.Add($"inline attribute in {Shorten(text)}");
            }

            if (text.StartsWith("<style", StringComparison.OrdinalIgnoreCase)
                || (text.StartsWith("<script", StringComparison.OrdinalIgnoreCase) && !text.Contains(" src=", StringComparison.Ordinal)
                    && !text.Contains("application/ld", StringComparison.Ordinal)))
            {
                problems.Add($"inline element {Shorten(text)}");
            }
        }

        return problems;
    }

    private static string Policy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(", ", values) : "";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    [GeneratedRegex("<[a-zA-Z][^<>]*>")]
    private static partial Regex Tag();

    /// <summary>A style attribute, an event handler attribute, or a javascript: address.</summary>
    [GeneratedRegex("""\s(style|on[a-z]+)\s*=|=\s*["']?\s*javascript:""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineAttribute();
}
