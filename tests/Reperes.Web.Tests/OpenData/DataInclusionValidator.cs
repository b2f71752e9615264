using System.Globalization;
using System.Text.Json;

using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData;

/// <summary>
/// Validates data·inclusion v1 items with ajv, the reference validator (through node and validate-data-inclusion.mjs),
/// plus the two rules data·inclusion keeps outside its JSON Schemas.
/// </summary>
public static class DataInclusionValidator
{
    /// <summary>The errors ajv finds in a JSON array of items ("structure" or "service"), as JSON objects.</summary>
    public static async Task<IReadOnlyList<JsonElement>> SchemaErrorsAsync(string kind, string itemsJson)
    {
        var output = await NodeScript.RunAsync(Path.Combine("OpenData", "validate-data-inclusion.mjs"), [kind], [itemsJson]);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
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
