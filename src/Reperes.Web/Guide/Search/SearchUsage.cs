using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Counts a person's search of the guide (results page, need page, internet places, widget): once, on its first page
/// (the next pages are the same search), with what it was about — the need and category chosen or understood from
/// the words, the commune searched in — how many places it found, and its words only when it found next to nothing.
/// </summary>
public sealed class SearchUsage(UsageCounter counter, GuideCatalog catalog, SearchLexicons lexicons)
{
    /// <summary>The <see cref="UsageFact.Detail"/> of a search made on "Où aller sur internet ?" (/internet).</summary>
    public const string Internet = "internet";

    /// <summary>The <see cref="UsageFact.Detail"/> of a search made in the widget, inside a partner's site.</summary>
    public const string Widget = "widget";

    /// <summary>Counts the search; <paramref name="where"/> says where it was made when not the results or a need page.</summary>
    public void Count(HttpContext http, SearchRequest request, SearchResult result, string where = "")
    {
        if (result.Page > 1 || request.PageNumber > 1)
        {
            return;
        }

        var category = catalog.Category(request.Category) ?? UnderstoodCategory(result);
        var need = catalog.Need(request.Need)?.Code ?? category?.NeedCode ?? UnderstoodNeed(result) ?? "";
        var commune = result.Commune?.Commune?.Code ?? "";
        counter.Count(http, new UsageFact(UsageKind.Search)
        {
            NeedCode = need,
            CategoryCode = category?.Code ?? "",
            Commune = commune,
            Detail = where,
            Results = result.Total,
            Words = result.UnknownCommune ? "" : counter.WordsToKeep(NormalisedWords(request.Query), result.Total),
        });
    }

    /// <summary>The words typed, folded and lower case, without the filler words ("je cherche", "où", "pour").</summary>
    public string NormalisedWords(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return "";
        }

        var lexicon = lexicons.Current;
        return string.Join(' ', TextNormalizer.Tokens(query).Select(t => t.Folded).Where(w => !lexicon.IsFiller(w)));
    }

    /// <summary>The one category the words lead to first, when they lead to one only ("douche").</summary>
    private CategoryInfo? UnderstoodCategory(SearchResult result)
    {
        var primary = result.Terms.SelectMany(t => t.Primary).Distinct().ToList();
        return primary.Count == 1 ? catalog.Category(primary[0]) : null;
    }

    /// <summary>The one need the words' categories belong to, when they all belong to one ("manger", "colis").</summary>
    private string? UnderstoodNeed(SearchResult result)
    {
        var needs = result.Terms.SelectMany(t => t.Primary).Select(id => catalog.Category(id)?.NeedCode).Where(n => n is not null).Distinct().ToList();
        return needs.Count == 1 ? needs[0] : null;
    }
}
