using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reperes.Web.Tests.OpenData;

/// <summary>
/// Validates data·inclusion v1 items with ajv, the reference validator (through node and validate-data-inclusion.mjs),
/// plus the two rules data·inclusion keeps outside its JSON Schemas.
/// </summary>
public static class DataInclusionValidator
{
    /// <summary>Node.js from the PATH: the build already needs it (npm installs the front-end and test tools).</summary>
    public const string NodePath = "node";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Reperes.sln not found above the test assembly.");
        }
    }

    /// <summary>The errors ajv finds in a JSON array of items ("structure" or "service"), as JSON objects.</summary>
    public static async Task<IReadOnlyList<JsonElement>> SchemaErrorsAsync(string kind, string itemsJson)
    {
        var script = Path.Combine(RepositoryRoot, "tests", "Reperes.Web.Tests", "OpenData", "validate-data-inclusion.mjs");
        var file = Path.Combine(Path.GetTempPath(), $"data-inclusion-{kind}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, itemsJson);
        try
        {
            var start = new ProcessStartInfo(NodePath) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(kind);
            start.ArgumentList.Add(file);
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"validate-data-inclusion.mjs failed ({node.ExitCode}): {await error}");
            }

            using var document = JsonDocument.Parse(await output);
            return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The rules of the upstream Python code: tous-publics alone; date_maj from 2000-01-01 to today.</summary>
    public static IReadOnlyList<string> ExtraRuleErrors(JsonElement items, DateTimeOffset now)
    {
        var errors = new List<string>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var item in items.EnumerateArray())
        {
            var id = item.GetProperty("id").GetString();
            if (item.TryGetProperty("publics", out var publics) && publics.ValueKind == JsonValueKind.Array)
            {
                var values = publics.EnumerateArray().Select(p => p.GetString()).ToList();
                if (values.Contains("tous-publics") && values.Count > 1)
                {
                    errors.Add($"{id}: tous-publics is not alone in publics");
                }
            }

            var date = DateOnly.ParseExact(item.GetProperty("date_maj").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (date < new DateOnly(2000, 1, 1) || date > today)
            {
                errors.Add($"{id}: date_maj {date:yyyy-MM-dd} is before 2000 or in the future");
            }
        }

        return errors;
    }
}
