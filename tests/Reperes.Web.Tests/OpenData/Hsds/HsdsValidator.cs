using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.Hsds;

/// <summary>One answer of the HSDS API to validate: its kind (HSDS object), whether it is a Page of them, and its body.</summary>
public sealed record HsdsAnswer(string Kind, bool Page, string Url, JsonNode Body);

/// <summary>
/// Reads the HSDS API and validates its answers with ajv against the HSDS 3.0 schemas (through node and
/// validate-hsds.mjs), and checks what the schemas cannot: no null anywhere, paging arithmetic.
/// </summary>
public static class HsdsValidator
{
    public static readonly (string Kind, string Path)[] Lists =
    [
        ("service", "services"),
        ("organization", "organizations"),
        ("service_at_location", "service_at_locations"),
        ("taxonomy", "taxonomies"),
        ("taxonomy_term", "taxonomy_terms"),
    ];

    /// <summary>The errors ajv finds, as JSON text (empty when every answer is valid).</summary>
    public static async Task<IReadOnlyList<string>> SchemaErrorsAsync(IReadOnlyList<HsdsAnswer> answers)
    {
        var input = new JsonArray(answers.Select(a => (JsonNode)new JsonObject
        {
            ["kind"] = a.Kind,
            ["page"] = a.Page,
            ["url"] = a.Url,
            ["body"] = a.Body.DeepClone(),
        }).ToArray());
        var output = await NodeScript.RunAsync(Path.Combine("OpenData", "validate-hsds.mjs"), input.ToJsonString());
        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
    }

    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Walks every page of a list, checking the Page wrapper's arithmetic on each; returns the pages and the items.</summary>
    public static async Task<(List<HsdsAnswer> Pages, List<JsonNode> Items)> AllPagesAsync(HttpClient client, string kind, string url, int perPage)
    {
        var pages = new List<HsdsAnswer>();
        var items = new List<JsonNode>();
        for (var number = 1; ; number++)
        {
            var pageUrl = $"{url}{(url.Contains('?') ? '&' : '?')}page={number}&per_page={perPage}";
            var page = await GetJsonAsync(client, pageUrl);
            pages.Add(new HsdsAnswer(kind, true, pageUrl, page));
            var total = (int)page["total_items"]!;
            var totalPages = (int)page["total_pages"]!;
            var contents = page["contents"]!.AsArray();
            totalPages.ShouldBe(Math.Max(1, (total + perPage - 1) / perPage), pageUrl);
            ((int)page["page_number"]!).ShouldBe(number, pageUrl);
            ((int)page["size"]!).ShouldBe(contents.Count, pageUrl);
            ((bool)page["first_page"]!).ShouldBe(number == 1, pageUrl);
            ((bool)page["last_page"]!).ShouldBe(number == totalPages, pageUrl);
            ((bool)page["empty"]!).ShouldBe(contents.Count == 0, pageUrl);
            contents.Count.ShouldBe(number < totalPages ? perPage : total - ((totalPages - 1) * perPage), pageUrl);
            items.AddRange(contents.Select(c => c!));
            if (number >= totalPages)
            {
                items.Select(i => (string)i["id"]!).ShouldBeUnique(url);
                items.Count.ShouldBe(total, url);
                return (pages, items);
            }
        }
    }

    /// <summary>HSDS wants optional fields left out, never null: the paths of any null in <paramref name="node"/>.</summary>
    public static IEnumerable<string> Nulls(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case null:
                yield return path;
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var found in Nulls(value, $"{path}.{name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Nulls(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            default:
                break;
        }
    }
}
