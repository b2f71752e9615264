using System.Globalization;
using System.Linq.Expressions;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Api;
using Reperes.Web.Data;
using Reperes.Web.Guide;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;
using Reperes.Web.Guide.Search;
using Reperes.Web.Infrastructure;

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

/// <summary>
/// The guide as an Open Referral HSDS 3.0 API under <c>/api/hsds/</c>: organizations (structures), services,
/// locations (their places) and services at a location, and the guide's taxonomy. Only what the public guide shows.
/// Lists are paged in the database in a stable order (creation order); answers carry a strong ETag.
/// </summary>
public static class HsdsApi
{
    public const string Version = "3.0";
    public const string OpenApiUrl = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";
    public const int MaxSearchLength = 200;
    public const int MaxPage = 10_000_000;

    /// <summary>HSDS names (snake_case) and no null: an optional field that has no value is left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Expression<Func<Structure, HsdsStructureRow>> StructureRow = s => new HsdsStructureRow(
        s.Id, s.Uid, s.Slug, s.Name, s.Summary, s.Description, s.Street, s.PostalCode, s.City, s.CommuneCode, s.Latitude, s.Longitude,
        s.Phones, s.Email, s.Website, s.WheelchairAccessible, s.Languages, s.OpeningHours, s.OpeningHoursDetails, s.UpdatedAt, s.VerifiedAt);

    private static readonly Expression<Func<Service, HsdsServiceRow>> ServiceRow = v => new HsdsServiceRow(
        v.Id, v.Uid, v.CategoryId, v.Name, v.Description, v.Publics, v.Gender, v.AgeMin, v.AgeMax, v.AdministrativeSituation,
        v.Access, v.AccessDetails, v.IsFree, v.CostDetails, v.OpeningHours, v.ModesAccueil, v.RemotePhone, v.RemoteWebsite,
        new HsdsStructureRow(
            v.Structure.Id, v.Structure.Uid, v.Structure.Slug, v.Structure.Name, v.Structure.Summary, v.Structure.Description,
            v.Structure.Street, v.Structure.PostalCode, v.Structure.City, v.Structure.CommuneCode, v.Structure.Latitude, v.Structure.Longitude,
            v.Structure.Phones, v.Structure.Email, v.Structure.Website, v.Structure.WheelchairAccessible, v.Structure.Languages,
            v.Structure.OpeningHours, v.Structure.OpeningHoursDetails, v.Structure.UpdatedAt, v.Structure.VerifiedAt));

    public static IServiceCollection AddHsdsApi(this IServiceCollection services) =>
        services.AddSingleton<ServiceAtLocationIndex>();

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var hsds = app.MapGroup("/api/hsds").RequireRateLimiting("api").ExcludeFromDescription();
        hsds.MapGet("/", () => CachedJson.Ok(new HsdsMeta(Version, null, OpenApiUrl), Json));
        hsds.MapGet("/services", ListServicesAsync);
        hsds.MapGet("/services/{id}", GetServiceAsync);
        hsds.MapGet("/organizations", ListOrganizationsAsync);
        hsds.MapGet("/organizations/{id}", GetOrganizationAsync);
        hsds.MapGet("/service_at_locations", ListServicesAtLocationAsync);
        hsds.MapGet("/service_at_locations/{id}", GetServiceAtLocationAsync);
        hsds.MapGet("/taxonomies", ListTaxonomies);
        hsds.MapGet("/taxonomies/{id}", GetTaxonomy);
        hsds.MapGet("/taxonomy_terms", ListTaxonomyTerms);
        hsds.MapGet("/taxonomy_terms/{id}", GetTaxonomyTerm);
        return app;
    }

    private static async Task<Results<CachedJson<HsdsPage<HsdsService>>, ProblemHttpResult>> ListServicesAsync([AsParameters] HsdsQuery query, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.Read(query) is not { } filter)
        {
            return request.Problem!;
        }

        var services = await request.ServicesAsync(filter, cancellationToken);
        var (total, rows) = await PageAsync(services, v => v.Id, ids => request.Db.Services.Where(v => ids.Contains(v.Id)).Select(ServiceRow), v => v.Id, filter, cancellationToken);
        var mapper = request.Mapper();
        return request.Page(filter, total, rows.Select(v => mapper.Service(v, request.Notices.For(v.Structure.Id), full: false)).ToList());
    }

    private static async Task<Results<CachedJson<HsdsService>, ProblemHttpResult>> GetServiceAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.ReadId(id) is not { } uid)
        {
            return request.Problem!;
        }

        var row = await PublicData.Services(request.Db).Where(v => v.Uid == uid).Select(ServiceRow).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? request.NotFound(request.L["Ce service n’existe pas ou n’est pas en ligne."])
            : CachedJson.Ok(request.Mapper().Service(row, request.Notices.For(row.Structure.Id), full: true), Json);
    }

    private static async Task<Results<CachedJson<HsdsPage<HsdsOrganization>>, ProblemHttpResult>> ListOrganizationsAsync([AsParameters] HsdsQuery query, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.Read(query) is not { } filter)
        {
            return request.Problem!;
        }

        var structures = PublicData.Structures(request.Db);
        if (filter.ModifiedAfter is { } after)
        {
            structures = structures.Where(s => s.UpdatedAt >= after);
        }

        if (filter.Postcode is { } postcode)
        {
            structures = structures.Where(s => s.PostalCode == postcode);
        }

        if (filter.Search is { } words)
        {
            var (ids, terms, _) = await request.Search.MatchingStructuresAsync(words, cancellationToken);
            if (terms.Count > 0)
            {
                var found = ids.ToList();
                structures = structures.Where(s => found.Contains(s.Id));
            }
        }

        var (total, rows) = await PageAsync(structures, s => s.Id, ids => request.Db.Structures.Where(s => ids.Contains(s.Id)).Select(StructureRow), s => s.Id, filter, cancellationToken);
        var mapper = request.Mapper();
        return request.Page(filter, total, rows.Select(s => mapper.Organization(s)).ToList());
    }

    private static async Task<Results<CachedJson<HsdsOrganization>, ProblemHttpResult>> GetOrganizationAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.ReadId(id) is not { } uid)
        {
            return request.Problem!;
        }

        var row = await PublicData.Structures(request.Db).Where(s => s.Uid == uid).Select(StructureRow).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return request.NotFound(request.L["Cette structure n’existe pas ou n’est pas en ligne."]);
        }

        var services = await request.Db.Services.AsNoTracking().Where(v => v.StructureId == row.Id).OrderBy(v => v.Id)
            .Select(v => new HsdsServiceBrief(v.Uid, v.Name, "active")).ToListAsync(cancellationToken);
        return CachedJson.Ok(request.Mapper().Organization(row, services), Json);
    }

    private static async Task<Results<CachedJson<HsdsPage<HsdsServiceAtLocation>>, ProblemHttpResult>> ListServicesAtLocationAsync([AsParameters] HsdsQuery query, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.Read(query) is not { } filter)
        {
            return request.Problem!;
        }

        var services = InPerson(await request.ServicesAsync(filter, cancellationToken));
        var (total, rows) = await PageAsync(services, v => v.Id, ids => request.Db.Services.Where(v => ids.Contains(v.Id)).Select(ServiceRow), v => v.Id, filter, cancellationToken);
        var mapper = request.Mapper();
        return request.Page(filter, total, rows.Select(v => mapper.ServiceAtLocation(v, withLocation: false)!).ToList());
    }

    private static async Task<Results<CachedJson<HsdsServiceAtLocation>, ProblemHttpResult>> GetServiceAtLocationAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new HsdsRequest(context);
        if (request.ReadId(id) is not { } uid)
        {
            return request.Problem!;
        }

        var index = context.RequestServices.GetRequiredService<ServiceAtLocationIndex>();
        HsdsServiceRow? row = null;
        if (await index.ServiceOfAsync(uid, request.Db, cancellationToken) is { } serviceUid)
        {
            row = await InPerson(PublicData.Services(request.Db)).Where(v => v.Uid == serviceUid).Select(ServiceRow).FirstOrDefaultAsync(cancellationToken);
        }

        return row is null
            ? request.NotFound(request.L["Ce service n’existe pas ou n’est pas en ligne."])
            : CachedJson.Ok(request.Mapper().ServiceAtLocation(row, withLocation: true)!, Json);
    }

    private static Results<CachedJson<HsdsPage<HsdsTaxonomy>>, ProblemHttpResult> ListTaxonomies([AsParameters] HsdsQuery query, HttpContext context)
    {
        var request = new HsdsRequest(context);
        if (request.Read(query) is not { } filter)
        {
            return request.Problem!;
        }

        var taxonomies = new[] { request.Mapper().Taxonomy() }.Where(t => Matches(filter.Search, t.Name, t.Description)).ToList();
        return request.Page(filter, taxonomies.Count, taxonomies.Skip((filter.Page - 1) * filter.PerPage).Take(filter.PerPage).ToList());
    }

    private static Results<CachedJson<HsdsTaxonomy>, ProblemHttpResult> GetTaxonomy(string id, HttpContext context)
    {
        var request = new HsdsRequest(context);
        if (request.ReadId(id) is not { } uid)
        {
            return request.Problem!;
        }

        return uid == HsdsIds.Taxonomy
            ? CachedJson.Ok(request.Mapper().Taxonomy(), Json)
            : request.NotFound(request.L["Cette taxonomie n’existe pas."]);
    }

    private static Results<CachedJson<HsdsPage<HsdsTaxonomyTerm>>, ProblemHttpResult> ListTaxonomyTerms([AsParameters] HsdsQuery query, HttpContext context)
    {
        var request = new HsdsRequest(context);
        if (request.Read(query) is not { } filter)
        {
            return request.Problem!;
        }

        var terms = request.Mapper().Terms()
            .Where(t => filter.TaxonomyId is not { } taxonomy || t.TaxonomyId == taxonomy)
            .Where(t => filter.ParentId is not { } parent || t.ParentId == parent)
            .Where(t => !filter.TopOnly || t.ParentId is null)
            .Where(t => Matches(filter.Search, t.Code, t.Name, t.Description))
            .OrderBy(t => t.Id)
            .ToList();
        return request.Page(filter, terms.Count, terms.Skip((filter.Page - 1) * filter.PerPage).Take(filter.PerPage).ToList());
    }

    private static Results<CachedJson<HsdsTaxonomyTerm>, ProblemHttpResult> GetTaxonomyTerm(string id, HttpContext context)
    {
        var request = new HsdsRequest(context);
        if (request.ReadId(id) is not { } uid)
        {
            return request.Problem!;
        }

        return request.Mapper().Terms().FirstOrDefault(t => t.Id == uid) is { } term
            ? CachedJson.Ok(term, Json)
            : request.NotFound(request.L["Ce terme de taxonomie n’existe pas."]);
    }

    /// <summary>The services given in person at a place: those that have a service at a location.</summary>
    private static IQueryable<Service> InPerson(IQueryable<Service> services) =>
        services.Where(v => v.ModesAccueil.Contains("en-presentiel")
            && (v.Structure.City != null || (v.Structure.Latitude != null && v.Structure.Longitude != null)));

    /// <summary>
    /// One page in the database: the count, then the page's keys alone in key order (narrow rows, so that a deep
    /// OFFSET stays cheap), then the page's rows by key.
    /// </summary>
    private static async Task<(int Total, List<TRow> Rows)> PageAsync<TEntity, TRow>(
        IQueryable<TEntity> filtered,
        Expression<Func<TEntity, int>> key,
        Func<List<int>, IQueryable<TRow>> load,
        Func<TRow, int> rowKey,
        HsdsFilter filter,
        CancellationToken cancellationToken)
    {
        var total = await filtered.CountAsync(cancellationToken);
        var skip = (filter.Page - 1) * filter.PerPage;
        if (skip >= total)
        {
            return (total, []);
        }

        var ids = await filtered.Select(key).OrderBy(id => id).Skip(skip).Take(filter.PerPage).ToListAsync(cancellationToken);
        var rows = await load(ids).ToListAsync(cancellationToken);
        return (total, rows.OrderBy(rowKey).ToList());
    }

    private static bool Matches(string? search, params string[] texts)
    {
        if (search is null)
        {
            return true;
        }

        var wanted = TextNormalizer.Terms(search).ToList();
        var words = texts.SelectMany(TextNormalizer.Terms).ToHashSet(StringComparer.Ordinal);
        return wanted.All(w => words.Any(word => word.StartsWith(w, StringComparison.Ordinal)));
    }

    /// <summary>What one request needs: its services, its language and the checks of its parameters.</summary>
    private sealed class HsdsRequest(HttpContext context)
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
            if (!ApiPaging.TryRead(query.Page, query.PerPage, out var page, out var perPage, out var error, (key, arguments) => L[key, arguments], MaxPage))
            {
                return Fail(error!);
            }

            if (!string.IsNullOrWhiteSpace(query.Format) && !string.Equals(query.Format.Trim(), "json", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(L["Seul le format json est proposé."]);
            }

            var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
            if (search is { Length: > MaxSearchLength })
            {
                return Fail(L["La recherche est trop longue ({0} caractères au plus).", MaxSearchLength]);
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
                Json);
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
}

/// <summary>
/// Finds the service of a service-at-location id. Those ids are name-based hashes (stable, not stored), so they are
/// indexed in memory from the public services' ids, rebuilt when an unknown id comes and the index is a minute old.
/// </summary>
public sealed class ServiceAtLocationIndex(TimeProvider clock)
{
    private static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim building = new(1, 1);
    private volatile Snapshot? snapshot;

    public async Task<Guid?> ServiceOfAsync(Guid serviceAtLocationId, ReperesDbContext db, CancellationToken cancellationToken)
    {
        if (snapshot is { } known && (known.Services.TryGetValue(serviceAtLocationId, out var found) || clock.GetUtcNow() - known.BuiltAt < MinimumAge))
        {
            return known.Services.TryGetValue(serviceAtLocationId, out found) ? found : null;
        }

        await building.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (snapshot is not { } current || (!current.Services.ContainsKey(serviceAtLocationId) && now - current.BuiltAt >= MinimumAge))
            {
                var pairs = await PublicData.Services(db).Select(v => new { v.Uid, StructureUid = v.Structure.Uid }).ToListAsync(cancellationToken);
                current = new Snapshot(now, pairs.ToDictionary(p => HsdsIds.ServiceAtLocation(p.Uid, HsdsIds.Location(p.StructureUid)), p => p.Uid));
                snapshot = current;
            }

            return current.Services.TryGetValue(serviceAtLocationId, out var service) ? service : null;
        }
        finally
        {
            building.Release();
        }
    }

    private sealed record Snapshot(DateTimeOffset BuiltAt, Dictionary<Guid, Guid> Services);
}
