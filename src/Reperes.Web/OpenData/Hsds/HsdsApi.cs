using System.Linq.Expressions;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Api;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Usage;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.OpenData.Hsds;

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
        services.AddSingleton<ServiceAtLocationIndex>().AddSingleton<InPersonServices>();

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var hsds = app.MapGroup("/api/hsds").RequireRateLimiting("api").ExcludeFromDescription().CountsAs(UsageKind.Api, "hsds");
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

        int total;
        List<HsdsServiceRow> rows;
        if (filter is { Search: null, TaxonomyTermId: null, TaxonomyId: null, OrganizationId: null, ModifiedAfter: null, Postcode: null })
        {
            // Every service at a location, the harvesters' walk: the ids are kept in memory for the data's version.
            var all = await context.RequestServices.GetRequiredService<InPersonServices>().IdsAsync(request.Db, InPerson(PublicData.Services(request.Db)), cancellationToken);
            total = all.Length;
            var ids = all.Skip((filter.Page - 1) * filter.PerPage).Take(filter.PerPage).ToList();
            rows = ids.Count == 0 ? [] : (await request.Db.Services.Where(v => ids.Contains(v.Id)).Select(ServiceRow).ToListAsync(cancellationToken)).OrderBy(v => v.Id).ToList();
        }
        else
        {
            var services = InPerson(await request.ServicesAsync(filter, cancellationToken));
            (total, rows) = await PageAsync(services, v => v.Id, ids => request.Db.Services.Where(v => ids.Contains(v.Id)).Select(ServiceRow), v => v.Id, filter, cancellationToken);
        }

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
}
