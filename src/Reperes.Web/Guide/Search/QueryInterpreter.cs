namespace Reperes.Web.Guide.Search;

/// <summary>One word of the query as understood: its stem, the categories it names, and the typo it corrected.</summary>
public sealed record QueryTerm(string Stem, IReadOnlyList<int> CategoryIds, string? Typed);

/// <summary>
/// Understands a query in everyday words: stop words dropped, phrases and words mapped to categories
/// ("manger" → repas…), unknown words corrected to the nearest known term ("doucha" → douche).
/// </summary>
public static class QueryInterpreter
{
    public static IReadOnlyList<QueryTerm> Interpret(string? query, GuideCatalog catalog, IReadOnlyList<string> indexVocabulary)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var stems = TextNormalizer.Terms(query).Distinct().Take(TextNormalizer.MaxTerms).ToList();
        var terms = new List<QueryTerm>();

        // Multi-word synonyms first ("laver linge"): their words are consumed together.
        foreach (var (phrase, categoryIds) in catalog.Phrases)
        {
            if (phrase.All(stems.Contains))
            {
                terms.Add(new QueryTerm(phrase[0], categoryIds, null));
                stems.RemoveAll(phrase.Contains);
            }
        }

        foreach (var stem in stems)
        {
            var categories = catalog.CategoriesForTerm(stem);
            if (categories.Count > 0 || IsKnownPrefix(stem, indexVocabulary) || catalog.Vocabulary.Any(v => v.StartsWith(stem, StringComparison.Ordinal)))
            {
                terms.Add(new QueryTerm(stem, categories, null));
                continue;
            }

            var corrected = Correct(stem, catalog.Vocabulary, indexVocabulary);
            terms.Add(corrected is null
                ? new QueryTerm(stem, [], null)
                : new QueryTerm(corrected, catalog.CategoriesForTerm(corrected), stem));
        }

        return terms;
    }

    /// <summary>The nearest known term: one edit for short words, two for long ones; the taxonomy's words win ties.</summary>
    public static string? Correct(string stem, IReadOnlyCollection<string> taxonomyVocabulary, IReadOnlyList<string> indexVocabulary)
    {
        if (stem.Length < 4 || stem.Any(char.IsDigit))
        {
            return null;
        }

        var max = stem.Length <= 5 ? 1 : 2;
        string? best = null;
        var bestDistance = max + 1;
        foreach (var candidate in taxonomyVocabulary.Concat(indexVocabulary))
        {
            if (candidate.Length < 3 || Math.Abs(candidate.Length - stem.Length) > max)
            {
                continue;
            }

            var distance = TextNormalizer.Distance(stem, candidate, max);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
                if (distance == 1 && taxonomyVocabulary.Contains(candidate))
                {
                    break;
                }
            }
        }

        return best;
    }

    private static bool IsKnownPrefix(string stem, IReadOnlyList<string> sortedVocabulary)
    {
        var low = 0;
        var high = sortedVocabulary.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var comparison = string.CompareOrdinal(sortedVocabulary[mid], stem);
            if (comparison < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low < sortedVocabulary.Count && sortedVocabulary[low].StartsWith(stem, StringComparison.Ordinal);
    }
}
