using System.Net;
using AngleSharp.Dom;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>The forms of the edit area posted as a browser would: every field the page gives, some changed.</summary>
internal static class SheetForms
{
    public const string Ozanam = "halte-accueil-ozanam";
    public const string Manager = "gestion.ozanam@demo.reperes.example";
    public const string Editor = "redaction.ozanam@demo.reperes.example";
    public const string OtherManager = "gestion.restos@demo.reperes.example";

    public static string Area(string rest, string slug = Ozanam) => $"/mon-espace/structure/{slug}/{rest}";

    public static async Task<HttpClient> LoggedInAsync(ReperesApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var login = await client.LogInAsync(email, DemoAccounts.Password);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>
    /// Opens <paramref name="url"/>, takes the fields of its form (checked boxes and radios, selected options), replaces
    /// every value of the names in <paramref name="changes"/> (a name may come several times: a list), and posts.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string form, IEnumerable<(string Name, string Value)> changes, string? action = null)
    {
        var (response, page) = await client.GetPageAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var changed = changes.ToList();
        var names = changed.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var fields = new List<KeyValuePair<string, string>>();
        var element = page.QuerySelector(form) ?? throw new InvalidOperationException($"No {form} on {url}.");
        foreach (var input in element.QuerySelectorAll("input, textarea, select"))
        {
            var name = input.GetAttribute("name");
            if (name is null || names.Contains(name) || Value(input) is not { } value)
            {
                continue;
            }

            fields.Add(new(name, value));
        }

        fields.AddRange(changed.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        if (action is not null)
        {
            fields.Add(new("action", action));
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a form with only the antiforgery token of a page anyone may open, and the given fields.</summary>
    public static async Task<HttpResponseMessage> ForgeAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var (_, tool) = await client.GetPageAsync("/outils/horaires");
        var token = tool.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(content));
    }

    public static async Task<IDocument> DocumentAsync(HttpResponseMessage response) => await Html.ParseAsync(await response.Content.ReadAsStringAsync());

    private static string? Value(IElement input) => input.TagName switch
    {
        "TEXTAREA" => input.TextContent,
        "SELECT" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelector("option")?.GetAttribute("value") ?? "",
        _ => input.GetAttribute("type") is "checkbox" or "radio" && !input.HasAttribute("checked") ? null : input.GetAttribute("value") ?? "",
    };
}
