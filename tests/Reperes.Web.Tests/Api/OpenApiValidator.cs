using System.Text.Json;
using System.Text.Json.Nodes;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Api;

/// <summary>A response and the documented path it answers, to be checked against the OpenAPI document.</summary>
public sealed record DocumentedResponse(string Path, string Status, JsonNode? Body);

/// <summary>Runs validate-openapi.mjs: swagger-parser on the document, then ajv on each response against its declared schema.</summary>
public static class OpenApiValidator
{
    public static async Task<(IReadOnlyList<string> DocumentErrors, IReadOnlyList<string> ResponseErrors)> ValidateAsync(string documentJson, IReadOnlyList<DocumentedResponse> responses)
    {
        var checks = new JsonArray(responses.Select(r => (JsonNode)new JsonObject { ["path"] = r.Path, ["status"] = r.Status, ["body"] = r.Body?.DeepClone() }).ToArray());
        var output = await NodeScript.RunAsync(Path.Combine("Api", "validate-openapi.mjs"), documentJson, checks.ToJsonString());
        using var result = JsonDocument.Parse(output);
        var documentErrors = result.RootElement.GetProperty("document").EnumerateArray().Select(e => e.GetString()!).ToList();
        var responseErrors = result.RootElement.GetProperty("responses").EnumerateArray()
            .Select(e => $"{responses[e.GetProperty("index").GetInt32()].Path}: {e.GetProperty("errors").GetRawText()}").ToList();
        return (documentErrors, responseErrors);
    }
}
