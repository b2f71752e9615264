using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reperes.Web.Tests.OpenData;

/// <summary>
/// A Frictionless Table Schema validator for CSV, written apart from the application's own reading of the schema:
/// exact header, cell count, required, unique and primary key, types (string, number, integer, boolean, date),
/// string formats (email, uri), minLength, maxLength, pattern (whole value), enum, minimum and maximum.
/// </summary>
public static partial class TableSchemaValidator
{
    public static IReadOnlyList<string> Validate(string schemaJson, string csv)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        var fields = schema.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.Clone()).ToList();
        var names = fields.Select(f => f.GetProperty("name").GetString()!).ToList();
        var records = Parse(csv);
        var errors = new List<string>();
        if (records.Count == 0)
        {
            return ["empty file"];
        }

        if (!records[0].SequenceEqual(names))
        {
            errors.Add($"header {string.Join(',', records[0])} is not {string.Join(',', names)}");
        }

        var primaryKey = schema.RootElement.TryGetProperty("primaryKey", out var pk) ? pk.GetString() : null;
        var seen = names.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal));
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            if (row.Count != names.Count)
            {
                errors.Add($"row {r + 1}: {row.Count} cells for {names.Count} columns");
                continue;
            }

            for (var i = 0; i < fields.Count; i++)
            {
                var error = Check(fields[i], row[i], names[i] == primaryKey, seen[names[i]]);
                if (error is not null)
                {
                    errors.Add($"row {r + 1}, {names[i]}: {error}");
                }
            }
        }

        return errors;
    }

    private static string? Check(JsonElement field, string value, bool primaryKey, HashSet<string> seen)
    {
        var constraints = field.TryGetProperty("constraints", out var c) ? c : default;
        bool Has(string name, out JsonElement v)
        {
            v = default;
            return constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(name, out v);
        }

        if (value.Length == 0)
        {
            return (Has("required", out var required) && required.GetBoolean()) || primaryKey ? "required but empty" : null;
        }

        if (((Has("unique", out var unique) && unique.GetBoolean()) || primaryKey) && !seen.Add(value))
        {
            return $"{value} is not unique";
        }

        var type = field.TryGetProperty("type", out var t) ? t.GetString() : "string";
        var format = field.TryGetProperty("format", out var f) ? f.GetString() : "default";
        double? number = null;
        switch (type)
        {
            case "string":
                if (format == "email" && !EmailPattern().IsMatch(value))
                {
                    return $"{value} is not an email";
                }

                if (format == "uri" && !Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    return $"{value} is not a URI";
                }

                break;
            case "number":
                if (!NumberPattern().IsMatch(value))
                {
                    return $"{value} is not a number";
                }

                number = double.Parse(value, CultureInfo.InvariantCulture);
                break;
            case "integer":
                if (!IntegerPattern().IsMatch(value))
                {
                    return $"{value} is not an integer";
                }

                number = double.Parse(value, CultureInfo.InvariantCulture);
                break;
            case "boolean":
                if (value is not ("true" or "false" or "True" or "False" or "TRUE" or "FALSE" or "1" or "0"))
                {
                    return $"{value} is not a boolean";
                }

                break;
            case "date":
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return $"{value} is not a date";
                }

                break;
            default:
                return $"type {type} not supported by this validator";
        }

        if (Has("minLength", out var minLength) && value.Length < minLength.GetInt32())
        {
            return $"shorter than {minLength}";
        }

        if (Has("maxLength", out var maxLength) && new StringInfo(value).LengthInTextElements > maxLength.GetInt32())
        {
            return $"longer than {maxLength}";
        }

        if (Has("pattern", out var pattern) && !Regex.IsMatch(value, "^(?:" + pattern.GetString() + ")$"))
        {
            return $"{value} does not match {pattern}";
        }

        if (Has("enum", out var values) && values.EnumerateArray().All(v => v.ToString() != value))
        {
            return $"{value} is not in the enum";
        }

        if (number is { } n && Has("minimum", out var minimum) && n < minimum.GetDouble())
        {
            return $"{value} is below {minimum}";
        }

        return number is { } m && Has("maximum", out var maximum) && m > maximum.GetDouble() ? $"{value} is above {maximum}" : null;
    }

    /// <summary>RFC 4180 records (quoted fields may hold separators, quotes doubled and line breaks).</summary>
    public static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(NaN|INF|-INF)$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
