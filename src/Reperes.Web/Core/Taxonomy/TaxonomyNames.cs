using System.Collections.Frozen;
using System.Globalization;

namespace Reperes.Web.Core.Taxonomy;

/// <summary>
/// The names of needs and categories in the interface's language. French and English are the database's (the
/// coordinator edits them); the other languages come from the taxonomy file, by code, as long as the French name
/// is still the file's: a category renamed since reads in English until its translations are updated.
/// </summary>
public static class TaxonomyNames
{
    private static readonly Lazy<Translations> File = new(Load);

    public static string Category(string code, string nameFr, string nameEn, CultureInfo culture) =>
        Pick(File.Value.Categories.GetValueOrDefault(code), nameFr, nameEn, culture);

    public static string Need(string code, string nameFr, string nameEn, CultureInfo culture) =>
        Pick(File.Value.NeedNames.GetValueOrDefault(code), nameFr, nameEn, culture);

    public static string NeedDescription(string code, string descriptionFr, string descriptionEn, CultureInfo culture) =>
        Pick(File.Value.NeedDescriptions.GetValueOrDefault(code), descriptionFr, descriptionEn, culture);

    private static string Pick(LocalizedText? file, string fr, string en, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "fr" => fr,
        "en" => en,
        _ => file is not null && file.Fr == fr && file.Speaks(culture) ? file.In(culture) : en,
    };

    private static Translations Load()
    {
        var needs = TaxonomyFiles.Taxonomy().Needs;
        return new Translations(
            needs.ToFrozenDictionary(n => n.Code, n => n.Name, StringComparer.Ordinal),
            needs.ToFrozenDictionary(n => n.Code, n => n.Description, StringComparer.Ordinal),
            needs.SelectMany(n => n.Categories).ToFrozenDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal));
    }

    private sealed record Translations(
        FrozenDictionary<string, LocalizedText> NeedNames,
        FrozenDictionary<string, LocalizedText> NeedDescriptions,
        FrozenDictionary<string, LocalizedText> Categories);
}
