using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

/// <summary>What the search results, need, map and print pages share: the query, its validation and its results.</summary>
public abstract class SearchPageModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SearchRequest Search { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public SearchResult? Result { get; private set; }

    public GuideCatalog Catalog => catalog;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    protected IStringLocalizer Localizer => localizer;

    /// <summary>Validates and runs the search; on bad input, answers 400 with the messages and searches nothing.</summary>
    protected async Task<bool> RunSearchAsync(int maxPageSize = SearchRequest.MaxPageSize)
    {
        Errors = Search.Validate(localizer, catalog, maxPageSize);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        Result = await search.SearchAsync(Search, Now, CultureInfo.CurrentUICulture, maxPageSize, HttpContext.RequestAborted);
        ViewData["Demo"] = Result.Hits.Any(h => h.IsDemo);
        if (Core.Accounts.ProfessionalAccess.IsProfessional(User))
        {
            ViewData[PartnerLine.ViewDataKey] = await search.PartnerLinesAsync(Result.Hits.Select(h => h.Id).ToList(), HttpContext.RequestAborted);
        }

        return true;
    }

    public string PageUrl(string path, int page)
    {
        return path + Search.ToQueryString(values => values["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The search page for another request (a partial answer with fewer filters).</summary>
    public static string SearchUrl(SearchRequest request) => "/recherche" + request.ToQueryString();

    /// <summary>The search page for one category, around the same place.</summary>
    public string CategoryUrl(string code) => SearchUrl(new SearchRequest
    {
        Category = code,
        Latitude = Search.Latitude,
        Longitude = Search.Longitude,
        Commune = Search.Commune,
        Radius = Search.Radius,
    });

    /// <summary>The same search from another commune (a homonym, a suggestion), from its first page.</summary>
    public string SearchFrom(string path, Communes.FrenchCommune commune)
    {
        return path + Search.ToQueryString(values => values["commune"] = Communes.CommuneNames.Query(commune));
    }

    public string SameSearch(string path) => path + Search.ToQueryString();
}
