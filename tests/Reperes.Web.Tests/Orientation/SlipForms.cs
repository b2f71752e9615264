using AngleSharp.Dom;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation;

/// <summary>Posts a page's form as a browser does: every field it holds (repeated names too), ticked boxes only, then the changes.</summary>
public static class SlipForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IElement form, IEnumerable<KeyValuePair<string, string>>? changes = null, string? pageUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input, textarea"))
        {
            var name = input.GetAttribute("name");
            var type = input.GetAttribute("type");
            if (name is null || (type == "checkbox" && !input.HasAttribute("checked")))
            {
                continue;
            }

            fields.Add(new(name, input.LocalName == "textarea" ? input.TextContent : input.GetAttribute("value") ?? ""));
        }

        foreach (var change in changes ?? [])
        {
            fields.RemoveAll(f => f.Key == change.Key && !change.Key.StartsWith("service-", StringComparison.Ordinal));
            fields.Add(change);
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl!;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The slip page as a person sees it.</summary>
    public static Task<(HttpResponseMessage Response, IDocument Document)> SlipAsync(this HttpClient client) => client.GetPageAsync("/fiche-orientation");

    /// <summary>The names of the places on the slip page, in order.</summary>
    public static List<string> PlaceNames(IDocument slip) =>
        slip.QuerySelectorAll(".slip-item h2").Select(h => h.TextContent.Trim()).ToList();

    /// <summary>The ids of the services ticked for a place on the slip page.</summary>
    public static List<int> Ticked(IDocument slip, int structureId) =>
        slip.QuerySelectorAll($"input[name=service-{structureId}]").Where(i => i.HasAttribute("checked")).Select(i => int.Parse(i.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
}
