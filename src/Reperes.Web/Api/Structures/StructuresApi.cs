using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Api.Structures;

/// <summary>The public, read-only API of the guide's structures and services.</summary>
public static class StructuresApi
{
    public static RouteGroupBuilder MapStructuresApi(this RouteGroupBuilder api)
    {
        api.MapGet("/structures", ListStructuresAsync).WithName("ListStructures").WithTags("Structures")
            .WithSummary("Structures online, filtered like the guide's search, paged.").CountsAs(UsageKind.Api, "structures");
        api.MapGet("/structures/{id:guid}", GetStructureAsync).WithName("GetStructure").WithTags("Structures")
            .WithSummary("A structure's whole sheet: contact, hours with the open state now, notices, services.").CountsAs(UsageKind.Api, "structures");
        api.MapGet("/services", ListServicesAsync).WithName("ListServices").WithTags("Services")
            .WithSummary("Services of the structures online, filtered like the guide's search, paged.").CountsAs(UsageKind.Api, "services");
        api.MapGet("/services/{id:guid}", GetServiceAsync).WithName("GetService").WithTags("Services")
            .WithSummary("A service, with its structure.").CountsAs(UsageKind.Api, "services");
        return api;
    }

    private static async Task<Results<CachedJson<ApiPage<StructureSummaryDto>>, ValidationProblem>> ListStructuresAsync(
        [AsParameters] ApiSearchQuery query,
        SearchService search,
        GuideCatalog catalog,
        IStringLocalizer<SharedResource> localizer,
        TimeProvider clock,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var request = query.ToSearchRequest();
        if (Invalid(request, localizer, catalog) is { } problem)
        {
            return problem;
        }

        var result = await search.SearchAsync(request, clock.GetUtcNow(), CultureInfo.CurrentUICulture, ApiPaging.MaxPerPage, cancellationToken);
        if (result.UnknownCommune)
        {
            return CommuneProblem.For(localizer, request.Commune, result.Commune);
        }

        var baseUrl = options.Value.BaseUrl(context.Request);
        var items = result.Hits.Select(h =>
        {
            var s = h.Record;
            return new StructureSummaryDto(
                s.Uid,
                h.Slug,
                h.Name,
                h.Summary,
                new AddressDto(h.Street, s.PostalCode, h.City, s.CommuneCode, h.Latitude, h.Longitude),
                h.DistanceKm is { } d ? Math.Round(d, 2) : null,
                h.Phone,
                h.WheelchairAccessible,
                State(h.Hours, h.Open.About),
                h.For?.Text,
                h.For?.Unconditional == true,
                h.Categories.Select(c => c.Code).ToList(),
                s.UpdatedAt,
                s.VerifiedAt,
                $"{baseUrl}/structure/{h.Slug}",
                h.IsDemo);
        }).ToList();

        ApiPaging.AddLinks(context, result.Page, result.PageCount);
        return CachedJson.Ok(new ApiPage<StructureSummaryDto>(result.Total, result.Capped, result.Page, result.PageSize, result.PageCount, items));
    }

    private static async Task<Results<CachedJson<StructureDto>, ProblemHttpResult>> GetStructureAsync(
        Guid id,
        ReperesDbContext db,
        OpenStates openStates,
        IStringLocalizer<SharedResource> localizer,
        TimeProvider clock,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var structure = await db.Structures.AsNoTracking()
            .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Uid == id, cancellationToken);
        switch (structure?.Status)
        {
            case null or StructureStatus.Draft or StructureStatus.Offline:
                return NotFound(localizer["Cette structure n’existe pas ou n’est pas en ligne."]);
            case StructureStatus.PermanentlyClosed:
                return TypedResults.Problem(title: localizer["Cette structure a fermé définitivement."], statusCode: StatusCodes.Status410Gone);
            case StructureStatus.Online:
                break;
            default:
                throw new InvalidOperationException($"Unknown status {structure.Status}.");
        }

        var now = clock.GetUtcNow();
        var today = HoursEvaluator.LocalDate(now);
        var notices = structure.Notices.Where(n => !n.IsExpiredOn(today)).OrderBy(n => n.StartsOn).ToList();
        var noticeInfos = notices.Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours)).ToList();
        var culture = CultureInfo.CurrentUICulture;
        var open = openStates.Of(PlaceHours.Of(structure, noticeInfos), [], now);
        var serviceStates = open.Services.ToDictionary(s => s.Service.Id, s => State(OpenStateText.Status(s.State, now, localizer, culture)));
        var baseUrl = options.Value.BaseUrl(context.Request);
        var reference = new StructureRefDto(structure.Uid, structure.Name, $"{baseUrl}/structure/{structure.Slug}");
        var serviceUids = structure.Services.ToDictionary(v => v.Id, v => v.Uid);

        return CachedJson.Ok(new StructureDto(
            structure.Uid,
            structure.Slug,
            structure.Name,
            structure.Kind,
            structure.Summary,
            structure.Description,
            structure.NetworkList,
            new AddressDto(structure.Street, structure.PostalCode, structure.City, structure.CommuneCode, structure.Latitude, structure.Longitude),
            structure.PhoneList,
            structure.Email,
            structure.Website,
            structure.WheelchairAccessible,
            structure.LanguageList,
            new HoursDto(structure.OpeningHours, structure.OpeningHoursDetails, State(OpenStateText.HeadlineStatus(open, now, localizer, culture), open.About)),
            notices.Select(n => new NoticeDto(n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours, n.ServiceId is { } s ? serviceUids.GetValueOrDefault(s) : null)).ToList(),
            structure.Services.OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position).ThenBy(v => v.Name, FrenchOrder.Comparer)
                .Select(v => ToDto(v, reference, serviceStates[v.Id])).ToList(),
            structure.UpdatedAt,
            structure.VerifiedAt,
            reference.Url,
            structure.IsDemo));
    }

    private static async Task<Results<CachedJson<ApiPage<ServiceDto>>, ValidationProblem>> ListServicesAsync(
        [AsParameters] ApiSearchQuery query,
        [FromQuery(Name = "structure")] string? structureId,
        SearchService search,
        GuideCatalog catalog,
        ReperesDbContext db,
        IStringLocalizer<SharedResource> localizer,
        TimeProvider clock,
        OpenStates openStates,
        NoticeBoard notices,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var request = query.ToSearchRequest();
        if (Invalid(request, localizer, catalog) is { } problem)
        {
            return problem;
        }

        Guid? structureUid = null;
        if (!string.IsNullOrWhiteSpace(structureId))
        {
            if (!Guid.TryParse(structureId, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["structure"] = [localizer["L’identifiant de structure doit être un UUID."]] },
                    title: localizer["La recherche est invalide."]);
            }

            structureUid = parsed;
        }

        var services = PublicData.Services(db);
        if (structureUid is { } uid)
        {
            services = services.Where(v => v.Structure.Uid == uid);
        }

        if (!string.IsNullOrWhiteSpace(request.Need))
        {
            services = services.Where(v => v.Category.Need.Code == request.Need);
        }

        if (!string.IsNullOrWhiteSpace(request.Category))
        {
            services = services.Where(v => v.Category.Code == request.Category);
        }

        if (request.Free)
        {
            services = services.Where(v => v.IsFree);
        }

        if (request.WithoutAppointment)
        {
            services = services.Where(v => v.Access == AccessCondition.Unconditional);
        }

        if (!string.IsNullOrWhiteSpace(request.Audience))
        {
            var audience = request.Audience;
            var women = audience == "femmes";
            services = services.Where(v => v.Publics.Contains(audience) || v.Publics.Contains("tous-publics") || (women && v.Gender == Gender.Women));
        }

        var pageNumber = request.PageNumber;
        var perPage = request.Size(ApiPaging.MaxPerPage);
        List<int> pageIds;
        int total;
        var capped = false;
        if (query.NeedsSearch)
        {
            // The structures come from the guide's search (words, place, opening now), in its order; their services
            // are then filtered here. Beyond the search's candidate limit the answer says it is capped.
            request.Page = "1";
            request.PageSize = SearchService.CandidateLimit.ToString(CultureInfo.InvariantCulture);
            var result = await search.SearchAsync(request, clock.GetUtcNow(), CultureInfo.CurrentUICulture, SearchService.CandidateLimit, cancellationToken);
            if (result.UnknownCommune)
            {
                return CommuneProblem.For(localizer, request.Commune, result.Commune);
            }

            capped = result.Capped;

            // Words that all name kinds of help ("douche", "manger") ask for those services, not for every service
            // of the places found; a word that is a name or anything else keeps all their services.
            if (result.Terms.Count > 0 && result.Terms.All(t => t.CategoryIds.Count > 0))
            {
                var named = result.Terms.SelectMany(t => t.CategoryIds).Distinct().ToList();
                services = services.Where(v => named.Contains(v.CategoryId));
            }

            var rank = result.Hits.Select((h, i) => (h.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var structureIds = rank.Keys.ToList();
            var matching = await services.Where(v => structureIds.Contains(v.StructureId))
                .Select(v => new { v.Id, v.StructureId, v.Name, Hours = new ServiceHours(v.Id, v.Name, v.CategoryId, v.OpeningHours), StructureHours = v.Structure.OpeningHours })
                .ToListAsync(cancellationToken);

            // "Open now" or "today" asks for services open themselves, with the same rules as the places' state.
            var opening = openStates.Matcher(request.OpenFilter, clock.GetUtcNow());
            var ordered = matching
                .Where(v => opening.Matches(new PlaceHours(v.StructureHours, [v.Hours], notices.For(v.StructureId)), [v.Hours.CategoryId]))
                .OrderBy(v => rank[v.StructureId]).ThenBy(v => v.Name, FrenchOrder.Comparer).ThenBy(v => v.Id).Select(v => v.Id).ToList();
            total = ordered.Count;
            pageIds = ordered.Skip((pageNumber - 1) * perPage).Take(perPage).ToList();
        }
        else
        {
            total = await services.CountAsync(cancellationToken);
            pageIds = await services.OrderBy(v => v.Structure.SortName).ThenBy(v => v.Structure.Name).ThenBy(v => v.Name).ThenBy(v => v.Id)
                .Skip((pageNumber - 1) * perPage).Take(perPage).Select(v => v.Id).ToListAsync(cancellationToken);
        }

        var baseUrl = options.Value.BaseUrl(context.Request);
        var loaded = await db.Services.AsNoTracking()
            .Include(v => v.Category).ThenInclude(c => c.Need)
            .Include(v => v.Structure)
            .Where(v => pageIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var items = pageIds.Select(i => loaded[i])
            .Select(v =>
            {
                var hours = ServiceHours.Of(v);
                var state = openStates.OfService(new PlaceHours(v.Structure.OpeningHours, [hours], notices.For(v.StructureId)), hours, now);
                return ToDto(v, new StructureRefDto(v.Structure.Uid, v.Structure.Name, $"{baseUrl}/structure/{v.Structure.Slug}"),
                    State(OpenStateText.Status(state, now, localizer, CultureInfo.CurrentUICulture)));
            })
            .ToList();
        var pageCount = ApiPaging.PageCount(total, perPage);
        ApiPaging.AddLinks(context, pageNumber, pageCount);
        return CachedJson.Ok(new ApiPage<ServiceDto>(total, capped, pageNumber, perPage, pageCount, items));
    }

    private static async Task<Results<CachedJson<ServiceDto>, ProblemHttpResult>> GetServiceAsync(
        Guid id,
        ReperesDbContext db,
        IStringLocalizer<SharedResource> localizer,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var service = await PublicData.Services(db)
            .Include(v => v.Category).ThenInclude(c => c.Need)
            .Include(v => v.Structure)
            .FirstOrDefaultAsync(v => v.Uid == id, cancellationToken);
        if (service is null)
        {
            return NotFound(localizer["Ce service n’existe pas ou n’est pas en ligne."]);
        }

        var baseUrl = options.Value.BaseUrl(context.Request);
        var reference = new StructureRefDto(service.Structure.Uid, service.Structure.Name, $"{baseUrl}/structure/{service.Structure.Slug}");

        // Only stored data: the date of its structure's last change is truthful.
        return CachedJson.Ok(ToDto(service, reference, null), service.Structure.UpdatedAt);
    }

    private static ServiceDto ToDto(Service v, StructureRefDto structure, OpeningStateDto? open) => new(
        v.Uid,
        v.Name,
        v.Description,
        new CategoryRefDto(v.Category.Code, Reperes.Web.Core.Taxonomy.TaxonomyNames.Category(v.Category.Code, v.Category.NameFr, v.Category.NameEn, CultureInfo.CurrentUICulture), v.Category.Need.Code),
        v.TypeList,
        v.PublicList,
        v.Gender,
        v.AgeMin,
        v.AgeMax,
        v.AdministrativeSituation,
        v.Access,
        v.AccessDetails,
        v.IsFree,
        v.CostDetails,
        v.OpeningHours,
        v.ModeList,
        v.RemotePhone,
        v.RemoteWebsite,
        structure,
        open)
    {
        Mediation = v.Mediation is { IsEmpty: false } m
            ? new MediationDto(m.Services, m.Support, m.Publics, m.SpecificSupport, m.Fees, m.Programmes, m.Labels, m.OtherLabels, m.Access, m.Equipment)
            : null,
    };

    private static OpeningStateDto State(HoursStatus status, ServiceHours? about = null) => new(status.CssClass, status.Text, status.NextChange, about?.Name);

    private static ValidationProblem? Invalid(SearchRequest request, IStringLocalizer localizer, GuideCatalog catalog)
    {
        var errors = request.Validate(localizer, catalog, ApiPaging.MaxPerPage);
        return errors.Count == 0
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = errors.ToArray() }, title: localizer["La recherche est invalide."]);
    }

    private static ProblemHttpResult NotFound(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound);
}
