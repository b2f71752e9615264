using AngleSharp;
using AngleSharp.Dom;

namespace Reperes.Web.Tests.Infrastructure;

public static class Html
{
    public static async Task<IDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var document = await ParseAsync(await response.Content.ReadAsStringAsync());
        return (response, document);
    }
}
