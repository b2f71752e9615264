using System.Globalization;
using System.Text;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Turns everyday French into search terms: lower case, no accents, no stop words, light French stemming.
/// The same function feeds the index and the queries, so that both engines (FTS5, tsvector) see the same terms.
/// </summary>
public static class TextNormalizer
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "elles", "en", "et",
        "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "m", "ma", "me", "mes", "moi", "mon", "n", "ne",
        "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "quoi", "s", "sa", "se", "ses", "son", "sur", "t",
        "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vous", "y", "est", "sont", "veux", "voudrais", "besoin",
        "cherche", "chercher", "trouver", "comment", "peux", "peut", "faire", "c", "ici", "quand", "chez",
        "the", "an", "of", "to", "for", "and", "or", "in", "at", "i", "want", "need", "where",
    };

    // Longest first: the first suffix that leaves a stem of at least three letters is removed.
    private static readonly string[] Suffixes =
    [
        "issements", "issement", "atrices", "atrice", "ateurs", "ations", "ements", "ateur", "ation", "ement", "euses", "iques",
        "istes", "ables", "ments", "ment", "euse", "eurs", "ique", "iste", "able", "ites", "ite", "eur", "ees", "ee", "es",
        "er", "ez", "ir", "e", "s", "x",
    ];

    /// <summary>Lower case, accents removed, ligatures expanded, anything but letters and digits turned into spaces.</summary>
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    switch (c)
                    {
                        case 'œ' or 'Œ':
                            builder.Append("oe");
                            break;
                        case 'æ' or 'Æ':
                            builder.Append("ae");
                            break;
                        case 'ß':
                            builder.Append("ss");
                            break;
                        default:
                            builder.Append(char.ToLowerInvariant(c));
                            break;
                    }

                    break;
                default:
                    builder.Append(' ');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Folded words, stop words kept (for phrases).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Index terms of a text: folded, stop words removed, stemmed.</summary>
    public static IEnumerable<string> Terms(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem);

    /// <summary>The indexable form of a text: its terms separated by spaces.</summary>
    public static string IndexText(string text) => string.Join(' ', Terms(text));

    /// <summary>A light French stemmer (plural, feminine and common derivational endings): enough with prefix matching.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || word.Any(char.IsDigit))
        {
            return word;
        }

        if (word.Length > 5 && word.EndsWith("aux", StringComparison.Ordinal))
        {
            return word[..^3] + "al";
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        // Doubled final consonant left by the feminine (e.g. "personn", "bonn") is folded to one.
        if (word.Length > 4 && word[^1] == word[^2] && !"aeiou".Contains(word[^1], StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        return word;
    }

    /// <summary>Restricted Damerau-Levenshtein distance, stopping early above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
