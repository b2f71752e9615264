using Reperes.Web.Core.Structures;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>
/// How each situation fact of <see cref="ReferralFields"/> is asked: a short list to choose from where the answers are
/// few (so that nothing more than needed is written), else a short text of at most
/// <see cref="Referral.SituationValueMaxLength"/> characters. The French texts are the keys of their translations.
/// </summary>
public static class ReferralSituation
{
    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        [ReferralFields.AgeBracket] = ["Moins de 18 ans", "18 à 25 ans", "26 à 59 ans", "60 ans et plus"],
        [ReferralFields.Household] = ["Personne seule", "Couple sans enfant", "Parent seul avec enfant(s)", "Couple avec enfant(s)", "Autre situation"],
        [ReferralFields.Housing] = ["À la rue", "Hébergement d’urgence", "Hébergé par un tiers", "Logement personnel", "Autre situation"],
        [ReferralFields.Resources] = ["Aucune ressource", "Minima sociaux (RSA, AAH…)", "Revenus d’activité", "Retraite ou pension", "Autre situation"],
        [ReferralFields.OpenRights] = ["Oui, déjà ouverts", "Pas encore", "En cours", "Ne sait pas"],
    };

    /// <summary>The choices of a fact asked from a list, or null for a short text.</summary>
    public static IReadOnlyList<string>? ChoicesOf(string key) => Choices.GetValueOrDefault(key);

    /// <summary>The help under a text field: what to write, and what not to.</summary>
    public static string? HintOf(string key) => key switch
    {
        ReferralFields.Language => "Par exemple : arabe, anglais un peu.",
        ReferralFields.Availability => "Par exemple : les matins sauf le mercredi.",
        ReferralFields.ContactWay => "Par exemple : par mon intermédiaire. Un numéro seulement si la personne le souhaite.",
        _ => null,
    };

    /// <summary>
    /// The facts to keep from a form: only the keys the service asks, in its order, a value from the list (or a short
    /// text) each; empty ones left out. Errors are French keys of the localizer with the field's label.
    /// </summary>
    public static (List<KeyValuePair<string, string>> Values, List<(string Error, string Label)> Errors) Read(IReadOnlyList<string> askedKeys, IReadOnlyDictionary<string, string?> posted)
    {
        var values = new List<KeyValuePair<string, string>>();
        var errors = new List<(string, string)>();
        foreach (var key in askedKeys.Where(ReferralFields.Keys.Contains))
        {
            var value = posted.GetValueOrDefault(key)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (ChoicesOf(key) is { } choices)
            {
                if (!choices.Contains(value, StringComparer.Ordinal))
                {
                    errors.Add(("Choisissez une réponse de la liste pour « {0} ».", ReferralFields.Label(key)));
                    continue;
                }
            }
            else if (value.Length > Referral.SituationValueMaxLength)
            {
                errors.Add(("« {0} » est trop long : 200 caractères au plus.", ReferralFields.Label(key)));
                continue;
            }

            values.Add(new(key, value.ReplaceLineEndings(" ")));
        }

        return (values, errors);
    }
}
