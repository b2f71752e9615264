using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The categories that answer a question, for its open state and "who it is for": the category or the need filtered,
/// narrowed to the categories its words name ("douche", "manger") when some of them are in it; the words' categories
/// alone without a filter. Empty: the question is the whole place (a name, an address, no words).
/// </summary>
public static class QuestionScope
{
    public static IReadOnlyList<int> Of(SearchRequest request, IReadOnlyList<QueryTerm> terms, GuideCatalog catalog)
    {
        var filtered = request.FilteredCategoryIds(catalog);
        var named = terms.SelectMany(t => t.CategoryIds).Distinct().ToList();
        if (named.Count == 0)
        {
            return filtered;
        }

        if (filtered.Count == 0)
        {
            return named;
        }

        var both = filtered.Intersect(named).ToList();
        return both.Count > 0 ? both : filtered;
    }
}
