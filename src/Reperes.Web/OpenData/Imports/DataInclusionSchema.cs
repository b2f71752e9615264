using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// The rules of data·inclusion v1's published JSON Schemas (an unchanged copy is embedded), applied to one item:
/// required fields, types, lengths, patterns, formats (email, uri, date) and value lists.
/// </summary>
public sealed class DataInclusionSchema
{
    public static readonly DataInclusionSchema Structure = Load("data-inclusion-structure.json");
    public static readonly DataInclusionSchema Service = Load("data-inclusion-service.json");

    private readonly JsonElement root;

    private DataInclusionSchema(JsonDocument document)
    {
        root = document.RootElement;
        Required = root.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        Properties = root.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
    }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<string> Properties { get; }

    /// <summary>Whether the field holds a list (a '|'-separated cell in CSV).</summary>
    public bool IsArray(string field) => Kinds(Spec(field)).Contains("array");

    public bool IsNumber(string field) => Kinds(Spec(field)) is var kinds && (kinds.Contains("number") || kinds.Contains("integer"));

    public IReadOnlyList<string> Values(string definition) =>
        root.GetProperty("$defs").GetProperty(definition).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>Values are string, double, string list or null (absent fields are null).</summary>
    public List<ImportMessage> Validate(IReadOnlyDictionary<string, object?> item)
    {
        var errors = new List<ImportMessage>();
        foreach (var field in Required)
        {
            if (item.GetValueOrDefault(field) is null or "")
            {
                errors.Add(new("« {0} » est obligatoire.", field));
            }
        }

        foreach (var (field, value) in item)
        {
            if (value is null || !root.GetProperty("properties").TryGetProperty(field, out var spec))
            {
                continue;
            }

            if (Check(spec, value, field) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private JsonElement Spec(string field) => root.GetProperty("properties").TryGetProperty(field, out var spec) ? spec : default;

    private List<string> Kinds(JsonElement spec)
    {
        if (spec.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var kinds = new List<string>();
        if (spec.TryGetProperty("type", out var type) && type.GetString() is { } name)
        {
            kinds.Add(name);
        }

        if (spec.TryGetProperty("anyOf", out var alternatives))
        {
            kinds.AddRange(alternatives.EnumerateArray().SelectMany(Kinds));
        }

        if (spec.TryGetProperty("$ref", out _))
        {
            kinds.Add("string");
        }

        return kinds;
    }

    private ImportMessage? Check(JsonElement spec, object value, string field)
    {
        if (spec.TryGetProperty("anyOf", out var alternatives))
        {
            ImportMessage? first = null;
            foreach (var alternative in alternatives.EnumerateArray())
            {
                if (alternative.TryGetProperty("type", out var t) && t.GetString() == "null")
                {
                    continue;
                }

                var error = Check(alternative, value, field);
                if (error is null)
                {
                    return null;
                }

                first ??= error;
            }

            return first;
        }

        if (spec.TryGetProperty("$ref", out var reference))
        {
            var definition = reference.GetString()!.Split('/')[^1];
            var allowed = Values(definition);
            return value is string text && allowed.Contains(text) ? null : new("« {0} » : valeur « {1} » hors de la liste de data·inclusion.", field, Show(value));
        }

        var type = spec.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        switch (type)
        {
            case "string":
                if (value is not string s)
                {
                    return new("« {0} » : un texte est attendu.", field);
                }

                if (spec.TryGetProperty("minLength", out var min) && s.Length < min.GetInt32())
                {
                    return new("« {0} » : au moins {1} caractères.", field, min.GetInt32());
                }

                if (spec.TryGetProperty("maxLength", out var max) && s.Length > max.GetInt32())
                {
                    return new("« {0} » : {1} caractères au plus.", field, max.GetInt32());
                }

                if (spec.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(s, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return new("« {0} » : valeur « {1} » mal formée.", field, s);
                }

                if (spec.TryGetProperty("format", out var format))
                {
                    var ok = format.GetString() switch
                    {
                        "email" => ImportText.IsEmail(s),
                        "uri" => Uri.TryCreate(s, UriKind.Absolute, out _) && !s.Any(char.IsWhiteSpace),
                        "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                        _ => true,
                    };
                    if (!ok)
                    {
                        return format.GetString() switch
                        {
                            "email" => new("« {0} » : adresse électronique invalide (« {1} »).", field, s),
                            "uri" => new("« {0} » : adresse web invalide (« {1} »).", field, s),
                            _ => new("« {0} » : une date AAAA-MM-JJ est attendue (« {1} »).", field, s),
                        };
                    }
                }

                return null;
            case "number" or "integer":
                if (value is not double d || (type == "integer" && d != Math.Floor(d)))
                {
                    return new("« {0} » : un nombre est attendu.", field);
                }

                return spec.TryGetProperty("minimum", out var minimum) && d < minimum.GetDouble()
                    ? new("« {0} » : au moins {1}.", field, minimum.GetDouble())
                    : null;
            case "array":
                if (value is not IReadOnlyList<string> list)
                {
                    return new("« {0} » : une liste est attendue.", field);
                }

                if (spec.TryGetProperty("minItems", out var minItems) && list.Count < minItems.GetInt32())
                {
                    return new("« {0} » : la liste est vide.", field);
                }

                if (list.Distinct().Count() != list.Count)
                {
                    return new("« {0} » : une valeur est en double.", field);
                }

                return spec.TryGetProperty("items", out var items)
                    ? list.Select(element => Check(items, element, field)).FirstOrDefault(e => e is not null)
                    : null;
            default:
                return null;
        }
    }

    private static string Show(object value) => value switch
    {
        IEnumerable<string> list when value is not string => string.Join('|', list),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static DataInclusionSchema Load(string name)
    {
        var assembly = typeof(DataInclusionSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Schemas." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return new DataInclusionSchema(JsonDocument.Parse(stream));
    }
}
