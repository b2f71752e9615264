using System.Text.Json;

namespace Reperes.Web.Core.Taxonomy;

/// <summary>The taxonomy shipped with the application (taxonomy.json): the nine needs and their categories.</summary>
public static class TaxonomyFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static TaxonomyFile Taxonomy() => Read<TaxonomyFile>("taxonomy.json");

    /// <summary>Reads a JSON file embedded from this folder (its resource name ends with the folder's path).</summary>
    private static T Read<T>(string name)
    {
        var assembly = typeof(TaxonomyFiles).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Core.Taxonomy." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty.");
    }
}

/// <summary>
/// A text in French and in English, and optionally in the interface's other languages (keyed by language code:
/// "ar", "fa", "ps"…); a language without its own text reads the English.
/// </summary>
public sealed record LocalizedText(string Fr, string En)
{
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; init; }

    public string In(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "fr" => Fr,
        "en" => En,
        var code => Others is not null && Others.TryGetValue(code, out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value ? value : En,
    };

    /// <summary>True when this text is written in the language of <paramref name="culture"/> (not the English read instead).</summary>
    public bool Speaks(System.Globalization.CultureInfo culture) =>
        culture.TwoLetterISOLanguageName is "fr" or "en" || (Others?.ContainsKey(culture.TwoLetterISOLanguageName) ?? false);
}

public sealed record TaxonomyFile(IReadOnlyList<NeedSeed> Needs);

public sealed record NeedSeed(string Code, LocalizedText Name, LocalizedText Description, string Pictogram, string Color, IReadOnlyList<CategorySeed> Categories);

public sealed record CategorySeed(string Code, LocalizedText Name, IReadOnlyList<string> Thematiques, IReadOnlyList<string> Synonyms);
