using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Where to look when a search finds nothing or little: the categories of the words understood, and for the words
/// not understood the categories whose words are closest to them (wider than the automatic correction); then the
/// needs of these categories, or all nine needs when nothing comes near.
/// </summary>
public static class SearchSuggester
{
    private const int MaxCategories = 6;

    public static SearchSuggestions Suggest(GuideCatalog catalog, SearchLexicon lexicon, IReadOnlyList<QueryTerm> terms, IReadOnlyList<string> notUnderstood)
    {
        var ids = terms.SelectMany(t => t.CategoryIds).ToList();
        foreach (var word in notUnderstood)
        {
            ids.AddRange(Closest(TextFolding.Fold(word).Replace(" ", "", StringComparison.Ordinal), lexicon));
        }

        var categories = ids
            .GroupBy(id => id)
            .OrderByDescending(g => g.Count())
            .Select(g => catalog.Category(g.Key))
            .OfType<CategoryInfo>()
            .Take(MaxCategories)
            .ToList();
        var needs = categories.Count == 0
            ? catalog.Needs
            : categories.Select(c => catalog.Need(c.NeedId)).OfType<NeedInfo>().DistinctBy(n => n.Id).ToList();
        return new SearchSuggestions(categories, needs);
    }

    /// <summary>Categories of the lexicon's words nearest a word not understood: three edits at most, or a shared start of five letters.</summary>
    public static IEnumerable<int> Closest(string folded, SearchLexicon lexicon)
    {
        if (folded.Length < 4 || folded.Any(char.IsDigit))
        {
            return [];
        }

        var max = Math.Min(3, (folded.Length + 1) / 3);
        var best = lexicon.CorrectionWords
            .Select(word => (Word: word, Distance: SharesStart(folded, word) ? 0 : TextNormalizer.Distance(folded, word, max)))
            .Where(c => c.Distance <= max)
            .OrderBy(c => c.Distance)
            .ToList();
        return best.Count == 0
            ? []
            : best.TakeWhile(c => c.Distance == best[0].Distance).SelectMany(c => lexicon.Word(c.Word)?.CategoryIds ?? []).Distinct();
    }

    private static bool SharesStart(string a, string b) =>
        a.Length >= 5 && b.Length >= 5 && string.CompareOrdinal(a, 0, b, 0, 5) == 0;
}
