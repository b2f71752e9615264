namespace Reperes.Web.Core.Taxonomy;

/// <summary>The lists of values people choose from, the same in the guide's filters, the staff's forms and the search.</summary>
public static class GuideVocabulary
{
    /// <summary>Audiences offered as a filter (data·inclusion publics, plus gender-specific ones).</summary>
    public static readonly IReadOnlyList<string> Audiences =
    [
        "femmes", "jeunes", "familles", "seniors", "personnes-exilees", "personnes-en-situation-durgence",
        "personnes-en-situation-de-handicap", "etudiants", "demandeurs-emploi", "beneficiaires-des-minimas-sociaux",
    ];

    /// <summary>Languages a structure may speak (ISO 639-1).</summary>
    public static readonly IReadOnlyList<string> SpokenLanguages = ["fr", "en", "ar", "es", "de", "it", "pt", "ro", "ru", "uk", "tr", "fa", "ps", "br"];
}
