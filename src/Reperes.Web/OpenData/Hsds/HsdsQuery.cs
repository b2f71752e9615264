using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Api;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>The query parameters of the HSDS lists (names of HSDS's OpenAPI description), read as text to answer a clear 400.</summary>
public sealed class HsdsQuery
{
    [FromQuery(Name = "search")] public string? Search { get; set; }
    [FromQuery(Name = "page")] public string? Page { get; set; }
    [FromQuery(Name = "per_page")] public string? PerPage { get; set; }
    [FromQuery(Name = "taxonomy_term_id")] public string? TaxonomyTermId { get; set; }
    [FromQuery(Name = "taxonomy_id")] public string? TaxonomyId { get; set; }
    [FromQuery(Name = "organization_id")] public string? OrganizationId { get; set; }
    [FromQuery(Name = "modified_after")] public string? ModifiedAfter { get; set; }
    [FromQuery(Name = "postcode")] public string? Postcode { get; set; }
    [FromQuery(Name = "parent_id")] public string? ParentId { get; set; }
    [FromQuery(Name = "top_only")] public string? TopOnly { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }
}

/// <summary>The parameters once checked.</summary>
public sealed record HsdsFilter(
    int Page,
    int PerPage,
    string? Search,
    Guid? TaxonomyTermId,
    Guid? TaxonomyId,
    Guid? OrganizationId,
    DateTimeOffset? ModifiedAfter,
    string? Postcode,
    Guid? ParentId,
    bool TopOnly);

/// <summary>What one request needs: its services, its language and the checks of its parameters.</summary>
internal sealed class HsdsRequest(HttpContext context)
{
    private readonly IServiceProvider services = context.RequestServices;

    public ReperesDbContext Db => services.GetRequiredService<ReperesDbContext>();

    public SearchService Search => services.GetRequiredService<SearchService>();

    public NoticeBoard Notices => services.GetRequiredService<NoticeBoard>();

    public IStringLocalizer L { get; } = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    public ProblemHttpResult? Problem { get; private set; }

    private GuideCatalog Catalog => services.GetRequiredService<GuideCatalog>();

    public HsdsMapper Mapper() => new(
        Catalog,
        L,
        services.GetRequiredService<IHtmlLocalizer<SharedResource>>(),
        services.GetRequiredService<IOptions<ReperesOptions>>().Value.BaseUrl(context.Request),
        services.GetRequiredService<TimeProvider>().GetUtcNow(),
        services.GetRequiredService<OpenStates>());

    public HsdsFilter? Read(HsdsQuery query)
    {
        // Pages are counted up to ten million (a national directory in pages of one); sizes as in the rest of the API.
        if (!ApiPaging.TryRead(query.Page, query.PerPage, out var page, out var perPage, out var error, (key, arguments) => L[key, arguments], HsdsApi.MaxPage))
        {
            return Fail(error!);
        }

        if (!string.IsNullOrWhiteSpace(query.Format) && !string.Equals(query.Format.Trim(), "json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(L["Seul le format json est proposé."]);
        }

        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        if (search is { Length: > HsdsApi.MaxSearchLength })
        {
            return Fail(L["La recherche est trop longue ({0} caractères au plus).", HsdsApi.MaxSearchLength]);
        }

        if (!TryUuid("taxonomy_term_id", query.TaxonomyTermId, out var term) || !TryUuid("taxonomy_id", query.TaxonomyId, out var taxonomy)
            || !TryUuid("organization_id", query.OrganizationId, out var organization) || !TryUuid("parent_id", query.ParentId, out var parent))
        {
            return null;
        }

        DateTimeOffset? after = null;
        if (!string.IsNullOrWhiteSpace(query.ModifiedAfter))
        {
            if (!DateTimeOffset.TryParse(query.ModifiedAfter.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                || !char.IsAsciiDigit(query.ModifiedAfter.Trim()[0]))
            {
                return Fail(L["Le paramètre « modified_after » doit être une date ISO 8601, par exemple 2026-01-31 ou 2026-01-31T08:00:00Z."]);
            }

            after = parsed;
        }

        var topOnly = false;
        if (!string.IsNullOrWhiteSpace(query.TopOnly) && !bool.TryParse(query.TopOnly, out topOnly))
        {
            return Fail(L["Le paramètre « top_only » doit valoir true ou false."]);
        }

        var postcode = string.IsNullOrWhiteSpace(query.Postcode) ? null : query.Postcode.Trim();
        return new HsdsFilter(page, perPage, search, term, taxonomy, organization, after, postcode, parent, topOnly);
    }

    public Guid? ReadId(string id)
    {
        if (Guid.TryParseExact(id, "D", out var uid))
        {
            return uid;
        }

        Fail(L["L’identifiant « {0} » n’est pas un UUID.", id]);
        return null;
    }

    /// <summary>The public services that the filters keep (not ordered).</summary>
    public async Task<IQueryable<Service>> ServicesAsync(HsdsFilter filter, CancellationToken cancellationToken)
    {
        var query = PublicData.Services(Db);
        if (filter.OrganizationId is { } organization)
        {
            query = query.Where(v => v.Structure.Uid == organization);
        }

        if (filter.ModifiedAfter is { } after)
        {
            query = query.Where(v => v.Structure.UpdatedAt >= after);
        }

        if (filter.Postcode is { } postcode)
        {
            query = query.Where(v => v.Structure.PostalCode == postcode);
        }

        if (filter.TaxonomyId is { } taxonomy && taxonomy != HsdsIds.Taxonomy)
        {
            query = query.Where(v => false);
        }

        if (filter.TaxonomyTermId is { } term)
        {
            var need = Catalog.Needs.FirstOrDefault(n => HsdsIds.Term(n.Code) == term);
            var category = Catalog.Needs.SelectMany(n => n.Categories).FirstOrDefault(c => HsdsIds.Term(c.Code) == term);
            query = need is not null ? query.Where(v => v.Category.NeedId == need.Id)
                : category is not null ? query.Where(v => v.CategoryId == category.Id)
                : query.Where(v => false);
        }

        if (filter.Search is { } words)
        {
            var (ids, terms, _) = await Search.MatchingStructuresAsync(words, cancellationToken);
            if (terms.Count > 0)
            {
                var found = ids.ToList();
                query = query.Where(v => found.Contains(v.StructureId));

                // Words that all name kinds of help ("douche", "manger") ask for those services, as in the guide.
                if (terms.All(t => t.CategoryIds.Count > 0))
                {
                    var named = terms.SelectMany(t => t.CategoryIds).Distinct().ToList();
                    query = query.Where(v => named.Contains(v.CategoryId));
                }
            }
        }

        return query;
    }

    public CachedJson<HsdsPage<T>> Page<T>(HsdsFilter filter, int total, IReadOnlyList<T> contents)
    {
        var pages = ApiPaging.PageCount(total, filter.PerPage);
        ApiPaging.AddLinks(context, Math.Min(filter.Page, pages), pages);
        return CachedJson.Ok(
            new HsdsPage<T>(total, pages, filter.Page, contents.Count, filter.Page == 1, filter.Page >= pages, contents.Count == 0, contents),
            HsdsApi.Json);
    }

    public ProblemHttpResult NotFound(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound);

    private bool TryUuid(string name, string? value, out Guid? uid)
    {
        uid = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (Guid.TryParseExact(value.Trim(), "D", out var parsed))
        {
            uid = parsed;
            return true;
        }

        Fail(L["Le paramètre « {0} » doit être un UUID.", name]);
        return false;
    }

    private HsdsFilter? Fail(string message)
    {
        Problem = TypedResults.Problem(title: L["Paramètre invalide."], detail: message, statusCode: StatusCodes.Status400BadRequest);
        return null;
    }
}
