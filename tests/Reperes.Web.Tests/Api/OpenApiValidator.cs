using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reperes.Web.Tests.OpenData;

namespace Reperes.Web.Tests.Api;

/// <summary>A response and the documented path it answers, to be checked against the OpenAPI document.</summary>
public sealed record DocumentedResponse(string Path, string Status, JsonNode? Body);

/// <summary>Runs validate-openapi.mjs: swagger-parser on the document, then ajv on each response against its declared schema.</summary>
public static class OpenApiValidator
{
    public static async Task<(IReadOnlyList<string> DocumentErrors, IReadOnlyList<string> ResponseErrors)> ValidateAsync(string documentJson, IReadOnlyList<DocumentedResponse> responses)
    {
        var script = Path.Combine(DataInclusionValidator.RepositoryRoot, "tests", "Reperes.Web.Tests", "Api", "validate-openapi.mjs");
        var documentFile = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        var responsesFile = Path.Combine(Path.GetTempPath(), $"openapi-responses-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(documentFile, documentJson);
        var checks = new JsonArray(responses.Select(r => (JsonNode)new JsonObject { ["path"] = r.Path, ["status"] = r.Status, ["body"] = r.Body?.DeepClone() }).ToArray());
        await File.WriteAllTextAsync(responsesFile, checks.ToJsonString());
        try
        {
            var start = new ProcessStartInfo(DataInclusionValidator.NodePath) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(documentFile);
            start.ArgumentList.Add(responsesFile);
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"validate-openapi.mjs failed ({node.ExitCode}): {await error}");
            }

            using var result = JsonDocument.Parse(await output);
            var documentErrors = result.RootElement.GetProperty("document").EnumerateArray().Select(e => e.GetString()!).ToList();
            var responseErrors = result.RootElement.GetProperty("responses").EnumerateArray()
                .Select(e => $"{responses[e.GetProperty("index").GetInt32()].Path}: {e.GetProperty("errors").GetRawText()}").ToList();
            return (documentErrors, responseErrors);
        }
        finally
        {
            File.Delete(documentFile);
            File.Delete(responsesFile);
        }
    }
}
