using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Statistics;

/// <summary>A way the words of an unmet line were typed, and how many searches typed them so.</summary>
public sealed record UnmetVariant(string Words, int Searches);

/// <summary>Where an unmet line stands with the search.</summary>
public enum UnmetState
{
    /// <summary>The search does not understand these words: a synonym would teach it (a category is proposed when one is near).</summary>
    ToLearn,

    /// <summary>The coordination added these words as a synonym: the search understands them now.</summary>
    Learnt,

    /// <summary>The search understood the words, and found few places: what is missing is a place, not a word.</summary>
    Understood,
}

/// <summary>
/// Searches that found nothing or next to nothing, with the same meaning (the same words once folded and stemmed,
/// in any order; a single word typed with one letter wrong or swapped) on one line.
/// </summary>
/// <param name="Key">The stems of the meaningful words, sorted: what the line's variants share.</param>
/// <param name="Words">The variant typed the most, which a synonym would add.</param>
/// <param name="Categories">The categories proposed (to learn), or those the words lead to (learnt, understood).</param>
public sealed record UnmetLine(string Key, string Words, int Searches, int WithoutResult, IReadOnlyList<UnmetVariant> Variants, DateOnly LastMonth, UnmetState State, IReadOnlyList<CategoryInfo> Categories);

/// <summary>Reads the words kept of the searches that found little and groups them by meaning.</summary>
public sealed class UnmetNeeds(ReperesDbContext db, GuideCatalog catalog, SearchLexicons lexicons, SearchIndex index, IServiceScopeFactory scopes, IOptions<UsageOptions> options)
{
    public const string Code = "recherches-sans-reponse";

    /// <summary>Lines shown (the most searched first), on the page and in its CSV alike.</summary>
    public const int MaxLines = 200;

    private const int MaxProposals = 3;

    public async Task<IReadOnlyList<UnmetLine>> LinesAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var few = options.Value.FewResults;
        var totals = (await UsageTotals.MonthlyAsync(db, [UsageKind.Search], period.FromMonth, period.ToMonth, UsageDimensions.Words | UsageDimensions.Results, null, cancellationToken))
            .Where(t => t.Words.Length > 0 && t.Results >= 0 && t.Results <= few)
            .ToList();
        var lexicon = lexicons.Current;
        var learnt = LearntSynonyms(lexicon);
        var vocabulary = await index.VocabularyAsync(scopes, cancellationToken);
        return Group(totals.Select(t => new UnmetSearch(t.Words, t.Month, t.Results == 0, t.Total)), lexicon)
            .Take(MaxLines)
            .Select(g => Describe(g, lexicon, vocabulary, learnt))
            .ToList();
    }

    /// <summary>The synonyms the coordination added (those of the database that the guide did not ship), by key, with their categories.</summary>
    private Dictionary<string, List<CategoryInfo>> LearntSynonyms(SearchLexicon lexicon)
    {
        var shipped = TaxonomyFiles.Taxonomy().Needs.SelectMany(n => n.Categories)
            .ToDictionary(c => c.Code, c => c.Synonyms.Select(s => KeyOf(s, lexicon)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var learnt = new Dictionary<string, List<CategoryInfo>>(StringComparer.Ordinal);
        foreach (var category in catalog.Needs.SelectMany(n => n.Categories))
        {
            foreach (var key in category.Synonyms.Select(s => KeyOf(s, lexicon)).Where(k => k.Length > 0).Distinct())
            {
                if (!(shipped.TryGetValue(category.Code, out var seeds) && seeds.Contains(key)))
                {
                    (learnt.TryGetValue(key, out var list) ? list : learnt[key] = []).Add(category);
                }
            }
        }

        return learnt;
    }

    /// <summary>The key of a search's words: the stems of the words that say something, distinct and sorted.</summary>
    public static string KeyOf(string words, SearchLexicon lexicon) =>
        string.Join(' ', TextNormalizer.Tokens(words).Select(t => t.Folded).Where(w => !lexicon.IsFiller(w)).Select(TextNormalizer.Stem).Distinct().Order(StringComparer.Ordinal));

    /// <summary>Groups searches by key, then folds a single word typed with one letter wrong into the line of its most searched spelling.</summary>
    public static IReadOnlyList<IReadOnlyList<UnmetSearch>> Group(IEnumerable<UnmetSearch> searches, SearchLexicon lexicon)
    {
        var byKey = searches
            .Select(s => (Key: KeyOf(s.Words, lexicon), Search: s))
            .Where(s => s.Key.Length > 0)
            .GroupBy(s => s.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Searches: g.Select(s => s.Search).ToList()))
            .OrderByDescending(g => g.Searches.Sum(s => s.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var kept = new List<(string Key, List<UnmetSearch> Searches)>();
        foreach (var group in byKey)
        {
            var near = IsSingleLongWord(group.Key)
                ? kept.FindIndex(k => IsSingleLongWord(k.Key) && k.Key[0] == group.Key[0] && TextNormalizer.Distance(k.Key, group.Key, 1) <= 1)
                : -1;
            if (near >= 0)
            {
                kept[near].Searches.AddRange(group.Searches);
            }
            else
            {
                kept.Add(group);
            }
        }

        return kept.OrderByDescending(k => k.Searches.Sum(s => s.Count)).ThenByDescending(k => k.Searches.Max(s => s.Month)).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => (IReadOnlyList<UnmetSearch>)k.Searches).ToList();
    }

    private UnmetLine Describe(IReadOnlyList<UnmetSearch> searches, SearchLexicon lexicon, IndexVocabulary vocabulary, Dictionary<string, List<CategoryInfo>> learnt)
    {
        var variants = searches.GroupBy(s => s.Words, StringComparer.Ordinal)
            .Select(g => new UnmetVariant(g.Key, g.Sum(s => s.Count)))
            .OrderByDescending(v => v.Searches).ThenBy(v => v.Words.Length).ThenBy(v => v.Words, StringComparer.Ordinal)
            .ToList();
        var words = variants[0].Words;
        var key = KeyOf(words, lexicon);
        var (state, categories) = StateOf(words, key, lexicon, vocabulary, learnt);
        return new UnmetLine(key, words, searches.Sum(s => s.Count), searches.Where(s => s.Nothing).Sum(s => s.Count), variants, searches.Max(s => s.Month), state, categories);
    }

    private (UnmetState, IReadOnlyList<CategoryInfo>) StateOf(string words, string key, SearchLexicon lexicon, IndexVocabulary vocabulary, Dictionary<string, List<CategoryInfo>> learnt)
    {
        // Learnt: a synonym the coordination added (not one shipped with the guide) has the same words.
        if (learnt.TryGetValue(key, out var taught))
        {
            return (UnmetState.Learnt, taught);
        }

        // Read as the search reads them today: understood when no word is left over (a word of the lexicon, of the
        // places' texts, or a typo it corrects).
        var interpretation = QueryInterpreter.Interpret(words, lexicon, vocabulary);
        if (interpretation.NotUnderstood.Count == 0)
        {
            return (UnmetState.Understood, interpretation.Terms.SelectMany(t => t.Primary).Distinct().Select(catalog.Category).OfType<CategoryInfo>().ToList());
        }

        // To learn: the categories of the words understood, and those whose words are nearest the others.
        return (UnmetState.ToLearn, SearchSuggester.Suggest(catalog, lexicon, interpretation.Terms, interpretation.NotUnderstood).Categories.Take(MaxProposals).ToList());
    }

    private static bool IsSingleLongWord(string key) => key.Length >= 5 && !key.Contains(' ', StringComparison.Ordinal);
}

/// <summary>Searches of one month with the same words: whether they found nothing at all, and how many they were.</summary>
public sealed record UnmetSearch(string Words, DateOnly Month, bool Nothing, int Count);

/// <summary>The unmet needs as a table: the page's and the CSV's columns and fields, the same for both.</summary>
public static class UnmetNeedsTable
{
    /// <summary>The unmet needs' columns, as the page's table heads them.</summary>
    public static string[] Header(IStringLocalizer l) =>
        [l["Mots cherchés"], l["Recherches"], l["Dont sans aucun résultat"], l["Façons de l’écrire"], l["Vu pour la dernière fois"], l["Où en est la recherche"]];

    /// <summary>One line of the unmet needs, as the page's table gives it.</summary>
    public static IReadOnlyList<string> Fields(UnmetLine line, IStringLocalizer l) =>
    [
        line.Words,
        line.Searches.ToString(CultureInfo.InvariantCulture),
        line.WithoutResult.ToString(CultureInfo.InvariantCulture),
        string.Join(", ", line.Variants.Select(v => $"{v.Words} ({v.Searches.ToString(CultureInfo.InvariantCulture)})")),
        line.LastMonth.ToString("MMMM yyyy", CultureInfo.CurrentUICulture),
        StateWords(line, l),
    ];

    /// <summary>Where the search stands with a line, in words.</summary>
    public static string StateWords(UnmetLine line, IStringLocalizer l)
    {
        var culture = CultureInfo.CurrentUICulture;
        var names = string.Join(", ", line.Categories.Select(c => c.Name(culture)));
        return line.State switch
        {
            UnmetState.ToLearn when line.Categories.Count == 0 => l["Pas compris par la recherche ; aucune catégorie proche"],
            UnmetState.ToLearn => l["Pas compris par la recherche ; catégorie proposée : {0}", names],
            UnmetState.Learnt => l["Appris : mène à {0}", names],
            UnmetState.Understood when line.Categories.Count == 0 => l["Compris (cherché dans le texte des fiches) : peu de lieux répondent"],
            UnmetState.Understood => l["Compris (mène à {0}) : peu de lieux répondent", names],
            _ => throw new ArgumentOutOfRangeException(nameof(line), line.State, null),
        };
    }
}
