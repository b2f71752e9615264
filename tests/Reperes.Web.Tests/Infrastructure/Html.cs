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

/// <summary>Forms as a browser posts them: the antiforgery token of the page, then the fields.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, Dictionary<string, string> fields, string? action = null)
    {
        var (_, page) = await client.GetPageAsync(pageUrl);
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = password });
}
