using System.Globalization;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Turns everyday French into search words: lower case, no accents, no stop words. The index holds these whole
/// words (so that corrections can propose whole words); queries search them by their stem as a prefix
/// ("douches" → douch*), which finds every inflected form in the index.
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

    // Longest first: after the plural, the first suffix that leaves a stem of at least three letters is removed.
    private static readonly string[] Suffixes =
    [
        "issement", "atrice", "ateur", "ation", "ement", "ment", "euse", "ique", "iste", "able", "ite", "eur", "ee", "er",
        "ez", "ir", "e",
    ];

    /// <summary>Folded words, stop words kept (for phrases).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words of a text as typed (for showing them back) with their folded form, in order.</summary>
    public static IReadOnlyList<(string Typed, string Folded)> Tokens(string text)
    {
        var tokens = new List<(string, string)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordCharacter(text, i);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var typed = text[start..i];
                var folded = TextFolding.Fold(typed).Replace(" ", "", StringComparison.Ordinal);
                if (folded.Length > 0)
                {
                    tokens.Add((typed, folded));
                }

                start = -1;
            }
        }

        return tokens;
    }

    public static bool IsStopWord(string foldedWord) => StopWords.Contains(foldedWord);

    /// <summary>Stems of a text's words, stop words removed.</summary>
    public static IEnumerable<string> Terms(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem);

    /// <summary>The indexable form of a text: its folded words without stop words, separated by spaces.</summary>
    public static string IndexText(string text) => string.Join(' ', Words(text).Where(w => !StopWords.Contains(w)));

    /// <summary>
    /// How a typed word is looked for in the index of whole words: its stem as a prefix ("douches" → douch*,
    /// "médical" → medical* and medicaux*); a word of three letters or fewer, or with digits, as itself (and its
    /// plural): "caf" must not find "café", nor "115" find "1150".
    /// </summary>
    public static IReadOnlyList<TextForm> Forms(string foldedWord)
    {
        if (foldedWord.Any(char.IsDigit))
        {
            return [new TextForm(foldedWord, false)];
        }

        if (foldedWord.Length <= 3)
        {
            return foldedWord.EndsWith('s') || foldedWord.EndsWith('x')
                ? [new TextForm(foldedWord, false), new TextForm(foldedWord[..^1], false)]
                : [new TextForm(foldedWord, false), new TextForm(foldedWord + "s", false)];
        }

        var stem = Stem(foldedWord);
        return stem.EndsWith("al", StringComparison.Ordinal) && stem.Length > 4
            ? [new TextForm(stem, true), new TextForm(stem[..^2] + "aux", true)]
            : [new TextForm(stem, true)];
    }

    /// <summary>
    /// A light French stemmer (plural, feminine and common derivational endings), so that the inflected forms of a
    /// word share their stem: "papier" and "papiers", "française" and "français".
    /// </summary>
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

        if (word.Length > 4 && (word[^1] == 's' || word[^1] == 'x'))
        {
            word = word[..^1];
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        // A feminine "-aise" leaves "-ais", which the masculine loses with its plural.
        if (word.Length > 4 && word[^1] == 's')
        {
            word = word[..^1];
        }

        // Doubled final consonant left by the feminine (e.g. "personn", "bonn") is folded to one.
        if (word.Length > 4 && word[^1] == word[^2] && !"aeiou".Contains(word[^1], StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        return word;
    }

    private static bool IsWordCharacter(string text, int index) => CharUnicodeInfo.GetUnicodeCategory(text, index) switch
    {
        UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

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

/// <summary>A word as the index is asked for it: a prefix (a stem) or the exact word.</summary>
public readonly record struct TextForm(string Term, bool Prefix);
