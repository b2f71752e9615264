using System.Text;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Guide.Communes;

/// <summary>
/// The key under which a commune's name is found: accents, case, hyphens, apostrophes and spaces ignored, "St" and
/// "Ste" read as "Saint" and "Sainte"; a second key without the leading article ("Relecq-Kerhuon").
/// </summary>
public static class CommuneNames
{
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "le", "la", "les", "l" };

    public static IReadOnlyList<string> Words(string text) =>
        TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w switch
        {
            "st" => "saint",
            "ste" => "sainte",
            "sts" => "saints",
            "stes" => "saintes",
            _ => w,
        }).ToList();

    public static string Key(IReadOnlyList<string> words) => string.Concat(words);

    public static string Key(string text) => Key(Words(text));

    /// <summary>The name's keys: the whole name, and without its article when it has one.</summary>
    public static IEnumerable<string> Keys(string name)
    {
        var words = Words(name);
        yield return Key(words);
        if (words.Count > 1 && Articles.Contains(words[0]))
        {
            yield return Key(words.Skip(1).ToList());
        }
    }

    /// <summary>Optimal string alignment distance (adjacent swaps count one), or <paramref name="limit"/> + 1 beyond it.</summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
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

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    /// <summary>A name as a person would type it in a link: "Plouzané 29280" (the postal code tells homonyms apart).</summary>
    public static string Query(FrenchCommune commune) =>
        new StringBuilder(commune.Name).Append(' ').Append(commune.MainPostalCode ?? commune.Department).ToString();
}
