using System.Text.Json;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Data;

/// <summary>The search's vocabulary shipped with the application (search-vocabulary.json).</summary>
public static class SeedFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SearchVocabularyFile SearchVocabulary() => Read<SearchVocabularyFile>("search-vocabulary.json");

    /// <summary>Reads a JSON file embedded from this folder (its resource name ends with the folder's path).</summary>
    private static T Read<T>(string name)
    {
        var assembly = typeof(SeedFiles).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Guide.Data." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty.");
    }
}

/// <summary>The search's vocabulary beyond the taxonomy (search-vocabulary.json): see the file's own comments.</summary>
public sealed record SearchVocabularyFile(
    IReadOnlyList<string> Fillers,
    IReadOnlyList<VocabularyEntry> Weak,
    IReadOnlyList<VocabularyEntry> Abbreviations,
    IReadOnlyList<VocabularyEntry> Situations,
    IReadOnlyList<VocabularyEntry> Words,
    IReadOnlyList<VocabularyEntry>? Languages = null)
{
    public IEnumerable<VocabularyEntry> Entries => Weak.Concat(Abbreviations).Concat(Situations).Concat(Words).Concat(Languages ?? []);
}

/// <summary>
/// Words or phrases that lead to the same categories (then to the <paramref name="Also"/> ones), said by people of
/// an <paramref name="Audience"/> (a data·inclusion public) when given; an abbreviation says what it stands for.
/// </summary>
public sealed record VocabularyEntry(
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Categories,
    LocalizedText? Means = null,
    IReadOnlyList<string>? Also = null,
    string? Audience = null,
    string? Language = null);
