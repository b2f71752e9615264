namespace Reperes.Web.Core.Text;

/// <summary>
/// The alphabetical order of names and categories as French readers expect it: accents, case and punctuation
/// ignored ("Épicerie" with the E, before "Violences"; "Cœur" as "coeur"), then the exact text to break ties.
/// The same key orders lists in memory and in the database (the structures' <c>sort_name</c> column), so that a
/// paged table and a list in a page agree on both engines whatever their collation.
/// </summary>
public static class FrenchOrder
{
    /// <summary>The longest key kept: enough to order any two real names.</summary>
    public const int KeyLength = 200;

    /// <summary>Compares two texts in French alphabetical order.</summary>
    public static readonly IComparer<string?> Comparer = Comparer<string?>.Create(Compare);

    /// <summary>
    /// The text lower-cased, without accents, ligatures spelled out, and with anything but letters and digits as a
    /// single space: compared ordinally, these keys give the French alphabetical order.
    /// </summary>
    public static string Key(string? text)
    {
        var words = TextFolding.Fold(text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var key = string.Join(' ', words);
        return key.Length > KeyLength ? key[..KeyLength] : key;
    }

    private static int Compare(string? a, string? b)
    {
        var byKey = string.CompareOrdinal(Key(a), Key(b));
        return byKey != 0 ? byKey : string.CompareOrdinal(a, b);
    }
}
