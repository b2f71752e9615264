using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Changes;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

/// <summary>
/// The results pages already rendered, for the people who all see them alike: signed out, and without a cookie of
/// their own but the language's and the form protection's (no orientation slip, no list, no reading preference).
/// Rendering a page of 20 places costs as much as finding them; many people ask the same few searches.
/// <para>
/// A page is the rendering of one answer of the search (<see cref="SearchResult"/>) for one address and language, and
/// is served again only with that very answer: a new minute or a change of the public data gives a new answer, hence
/// a new rendering. The form protection token, the one part that differs per person, is put back in for each request.
/// A page is kept from the second time its answer is asked in the minute (most searches near a position are asked
/// once), within a byte budget (Reperes:Search:CachedPagesMegabytes; see <see cref="MinuteGenerations{T}"/>).
/// </para>
/// </summary>
public sealed class ResultsPageCache
{
    /// <summary>What an address seen once weighs in the budget (the address, the entry).</summary>
    private const int SeenSize = 256;

    private static readonly KeyValuePair<string, object?> FromCache = new("source", "cache");
    private static readonly KeyValuePair<string, object?> FromRendering = new("source", "rendered");

    private readonly IAntiforgery antiforgery;
    private readonly string antiforgeryCookie;
    private readonly long budget;
    private readonly MinuteGenerations<Page> pages;
    private long served;
    private long rendered;

    public ResultsPageCache(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<ReperesOptions> options, SearchResultCache answers, PublicChanges changes)
    {
        this.antiforgery = antiforgery;
        antiforgeryCookie = antiforgeryOptions.Value.Cookie.Name ?? "";

        // Without the answers' cache every request has its own answer: no page could be served again.
        budget = answers.Enabled ? options.Value.Search.CachedPagesMegabytes * 1024L * 1024L : 0;
        pages = new(budget);
        changes.Changed += pages.Clear;
    }

    /// <summary>Pages for people who see them alike served as rendered before, and rendered, since the start.</summary>
    public (long Served, long Rendered) Counts => (Interlocked.Read(ref served), Interlocked.Read(ref rendered));

    /// <summary>The page's result: rendered for <paramref name="answer"/>, or served as rendered before for it.</summary>
    public PageResult Serve(SearchResult answer, DateTimeOffset now) =>
        budget > 0 ? new CachedPage(this, answer, now.UtcTicks / TimeSpan.TicksPerMinute) : new PageResult();

    /// <summary>True when the page would be the same for anyone in the same language.</summary>
    private bool SeenAlike(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.User.Identity?.IsAuthenticated == true)
        {
            return false;
        }

        foreach (var cookie in context.Request.Cookies)
        {
            if (cookie.Key != antiforgeryCookie && cookie.Key != CookieRequestCultureProvider.DefaultCookieName)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ExecuteAsync(ActionContext context, Func<Task> render, SearchResult answer, long minute)
    {
        var http = context.HttpContext;
        if (!SeenAlike(http))
        {
            await render();
            return;
        }

        var address = $"{System.Globalization.CultureInfo.CurrentUICulture.Name}|{http.Request.Path}{http.Request.QueryString}";
        // This request's form token: written into a kept page, or found in the page rendered now (the rendering asks
        // for the same one: the framework makes one per request).
        var token = antiforgery.GetAndStoreTokens(http).RequestToken ?? "";
        var known = pages.Find(minute, address);
        if (known is { Html: { } kept } && ReferenceEquals(known.Answer, answer))
        {
            Interlocked.Increment(ref served);
            Core.Observability.ResultsPages.Add(1, FromCache);
            await WriteAsync(http, kept, known.TokenAt, known.TokenLength, token);
            return;
        }

        Interlocked.Increment(ref rendered);
        Core.Observability.ResultsPages.Add(1, FromRendering);
        if (known is null || !ReferenceEquals(known.Answer, answer))
        {
            // First sight of this answer here: rendered as usual, remembered as seen.
            pages.Set(minute, address, new Page(answer, null, [], 0), SeenSize);

            await render();
            return;
        }

        // Seen before with the same answer: rendered into memory, kept, then sent.
        var body = http.Response.Body;
        using var buffer = new MemoryStream(64 * 1024);
        http.Response.Body = buffer;
        try
        {
            await render();
        }
        finally
        {
            http.Response.Body = body;
        }

        var html = buffer.ToArray();
        if (http.Response.StatusCode == StatusCodes.Status200OK)
        {
            pages.Set(minute, address, new Page(answer, html, TokenPositions(html, token), Encoding.UTF8.GetByteCount(token)), html.Length);
        }

        await body.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>Where the request's form protection token was written in the page.</summary>
    private static int[] TokenPositions(byte[] html, string token)
    {
        if (token.Length == 0)
        {
            return [];
        }

        var needle = Encoding.UTF8.GetBytes(token);
        var positions = new List<int>();
        var at = 0;
        while (at < html.Length)
        {
            var found = html.AsSpan(at).IndexOf(needle);
            if (found < 0)
            {
                break;
            }

            positions.Add(at + found);
            at += found + needle.Length;
        }

        return [.. positions];
    }

    private static async Task WriteAsync(HttpContext http, byte[] html, int[] tokenAt, int renderedLength, string token)
    {
        var needle = Encoding.UTF8.GetBytes(token);
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.ContentLength = html.Length + (tokenAt.Length * (needle.Length - renderedLength));
        var from = 0;
        foreach (var at in tokenAt)
        {
            await http.Response.Body.WriteAsync(html.AsMemory(from, at - from), http.RequestAborted);
            await http.Response.Body.WriteAsync(needle, http.RequestAborted);
            from = at + renderedLength;
        }

        await http.Response.Body.WriteAsync(html.AsMemory(from), http.RequestAborted);
    }

    /// <summary>
    /// A page rendered from <paramref name="Answer"/> (<paramref name="Html"/> null when only seen once), with where
    /// the token of the request that rendered it stands, and its length in bytes.
    /// </summary>
    private sealed record Page(SearchResult Answer, byte[]? Html, int[] TokenAt, int TokenLength);

    /// <summary>A page result (the page handler's invoker gives it the page and its data) that may be served from the cache.</summary>
    private sealed class CachedPage(ResultsPageCache cache, SearchResult answer, long minute) : PageResult
    {
        public override Task ExecuteResultAsync(ActionContext context) => cache.ExecuteAsync(context, () => base.ExecuteResultAsync(context), answer, minute);
    }
}
