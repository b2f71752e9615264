using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Api.Structures;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Core.Usage;

namespace Reperes.Web.Api.Publications;

public sealed record MediaDto(AttachmentKind Kind, string Url, string? ContentType, string? Alt, string? Caption, int? Width, int? Height);

public sealed record EventDetailsDto(DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? Place, string? Audience, string? Registration, int? Capacity);

public sealed record PublicationDto(
    int Id,
    PublicationKind Kind,
    string Title,
    string Summary,
    [property: Description("The text as safe HTML (no script, no remote image), as the page shows it.")] string Html,
    string Url,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    StructureRefDto? Structure,
    string? Signature,
    IReadOnlyList<string> Needs,
    IReadOnlyList<MediaDto> Media,
    EventDetailsDto? Event);

/// <summary>Filters of the public lists of news and events.</summary>
public sealed class PublicationQuery
{
    [FromQuery(Name = "need")]
    [Description("A need's code (see /api/v1/categories).")]
    public string? Need { get; set; }

    [FromQuery(Name = "structure")]
    [Description("A structure's id (UUID): its own publications only.")]
    public string? Structure { get; set; }

    [FromQuery(Name = "page")]
    [Description("Page number, from 1.")]
    public string? Page { get; set; }

    [FromQuery(Name = "per_page")]
    [Description("Items per page, 1 to 100 (20 by default).")]
    public string? PerPage { get; set; }
}

/// <summary>The public, read-only API of what structures and the network publish: news, articles, projects, events.</summary>
public static class PublicationsApi
{
    public static RouteGroupBuilder MapPublicationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/news", ListNewsAsync).WithName("ListNews").WithTags("Publications")
            .WithSummary("Published news, articles and projects, latest first (news past their last day left out).").CountsAs(UsageKind.Api, "news");
        api.MapGet("/news/{id:int}", (int id, PublicationFeed feed, IStringLocalizer<SharedResource> l, IOptions<ReperesOptions> o, HttpContext c, CancellationToken t) =>
                GetAsync(id, events: false, feed, l, o, c, t))
            .WithName("GetNews").WithTags("Publications").WithSummary("A published news item, article or project.").CountsAs(UsageKind.Api, "news");
        api.MapGet("/events", ListEventsAsync).WithName("ListEvents").WithTags("Publications")
            .WithSummary("Published events not yet over (or between two dates), soonest first.").CountsAs(UsageKind.Api, "events");
        api.MapGet("/events/{id:int}", (int id, PublicationFeed feed, IStringLocalizer<SharedResource> l, IOptions<ReperesOptions> o, HttpContext c, CancellationToken t) =>
                GetAsync(id, events: true, feed, l, o, c, t))
            .WithName("GetEvent").WithTags("Publications").WithSummary("A published event.").CountsAs(UsageKind.Api, "events");
        return api;
    }

    private static async Task<Results<CachedJson<ApiPage<PublicationDto>>, ValidationProblem>> ListNewsAsync(
        [AsParameters] PublicationQuery query,
        [FromQuery(Name = "kind"), Description("'article', 'news' or 'project'.")] string? kind,
        PublicationFeed feed,
        GuideCatalog catalog,
        IStringLocalizer<SharedResource> localizer,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (publications, page, perPage) = await FilterAsync(query, feed, catalog, localizer, errors, cancellationToken);
        PublicationKind? wanted = kind switch
        {
            null or "" => null,
            "article" => PublicationKind.Article,
            "news" => PublicationKind.News,
            "project" => PublicationKind.Project,
            _ => Add(errors, "kind", localizer["Le type de publication est inconnu : article, news ou project."]),
        };
        if (errors.Count > 0 || publications is null)
        {
            return TypedResults.ValidationProblem(errors, title: localizer["La demande est invalide."]);
        }

        var now = feed.Now;
        publications = publications.Where(p => p.Kind != PublicationKind.Event && (p.ExpiresAt == null || p.ExpiresAt > now));
        if (wanted is { } k)
        {
            publications = publications.Where(p => p.Kind == k);
        }

        return await PageAsync(publications.OrderByDescending(p => p.PublishFrom).ThenByDescending(p => p.Id), page, perPage, options, context, cancellationToken);
    }

    private static async Task<Results<CachedJson<ApiPage<PublicationDto>>, ValidationProblem>> ListEventsAsync(
        [AsParameters] PublicationQuery query,
        [FromQuery(Name = "from"), Description("First day (yyyy-MM-dd, Europe/Paris); events not yet over by default.")] string? from,
        [FromQuery(Name = "to"), Description("Last day (yyyy-MM-dd, Europe/Paris), included.")] string? to,
        PublicationFeed feed,
        GuideCatalog catalog,
        IStringLocalizer<SharedResource> localizer,
        IOptions<ReperesOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (publications, page, perPage) = await FilterAsync(query, feed, catalog, localizer, errors, cancellationToken);
        var first = ParseDay(from, "from", localizer, errors);
        var last = ParseDay(to, "to", localizer, errors);
        if (first is { } f && last is { } l && l < f)
        {
            Add(errors, "to", localizer["Le dernier jour doit être après le premier."]);
        }

        if (errors.Count > 0 || publications is null)
        {
            return TypedResults.ValidationProblem(errors, title: localizer["La demande est invalide."]);
        }

        // An event is in the period when it is not over at its start and starts before its end.
        var start = first is { } day ? ParisTime.ToInstant(day, TimeOnly.MinValue) : feed.Now;
        publications = publications.Where(p => p.Kind == PublicationKind.Event && p.StartsAt != null && (p.EndsAt ?? p.StartsAt) >= start);
        if (last is { } lastDay)
        {
            var end = ParisTime.ToInstant(lastDay.AddDays(1), TimeOnly.MinValue);
            publications = publications.Where(p => p.StartsAt < end);
        }

        return await PageAsync(publications.OrderBy(p => p.StartsAt).ThenBy(p => p.Id), page, perPage, options, context, cancellationToken);
    }

    private static async Task<Results<CachedJson<PublicationDto>, ProblemHttpResult>> GetAsync(
        int id, bool events, PublicationFeed feed, IStringLocalizer<SharedResource> localizer, IOptions<ReperesOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var now = feed.Now;
        var publication = await Project(feed.Visible().Where(p => p.Id == id && (events ? p.Kind == PublicationKind.Event : p.Kind != PublicationKind.Event)))
            .FirstOrDefaultAsync(cancellationToken);
        if (publication is null || (!events && publication.ExpiresAt is { } expires && expires <= now))
        {
            return TypedResults.Problem(title: localizer["Cette publication n’existe pas ou n’est pas publiée."], statusCode: StatusCodes.Status404NotFound);
        }

        var dto = ToDto(publication, options.Value.BaseUrl(context.Request));

        // Only stored data: its last change is truthful (publication date included: it may be later than the edit).
        return CachedJson.Ok(dto, dto.UpdatedAt > dto.PublishedAt ? dto.UpdatedAt : dto.PublishedAt);
    }

    private static async Task<(IQueryable<Publication>? Query, int Page, int PerPage)> FilterAsync(
        PublicationQuery query, PublicationFeed feed, GuideCatalog catalog, IStringLocalizer localizer, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!ApiPaging.TryRead(query.Page, query.PerPage, out var page, out var perPage, out var pagingError, (m, a) => localizer[m, a]))
        {
            Add(errors, "page", pagingError!);
        }

        int? needId = null;
        if (!string.IsNullOrWhiteSpace(query.Need))
        {
            if (catalog.Need(query.Need) is { } need)
            {
                needId = need.Id;
            }
            else
            {
                Add(errors, "need", localizer["Ce besoin n’existe pas."]);
            }
        }

        int? structureId = null;
        if (!string.IsNullOrWhiteSpace(query.Structure))
        {
            if (!Guid.TryParse(query.Structure, out var uid))
            {
                Add(errors, "structure", localizer["L’identifiant de structure doit être un UUID."]);
            }
            else
            {
                // An unknown structure has no publications: an empty list, as for any other filter.
                structureId = await feed.Visible().Select(p => p.Structure).Where(s => s != null && s.Uid == uid).Select(s => (int?)s!.Id).FirstOrDefaultAsync(cancellationToken) ?? -1;
            }
        }

        return errors.Count > 0 ? (null, page, perPage) : (PublicationFeed.Filter(feed.Visible(), structureId, needId), page, perPage);
    }

    private static async Task<Results<CachedJson<ApiPage<PublicationDto>>, ValidationProblem>> PageAsync(
        IOrderedQueryable<Publication> ordered, int page, int perPage, IOptions<ReperesOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var rows = await Project(ordered.Skip((page - 1) * perPage).Take(perPage)).ToListAsync(cancellationToken);
        var baseUrl = options.Value.BaseUrl(context.Request);
        var pageCount = ApiPaging.PageCount(total, perPage);
        ApiPaging.AddLinks(context, page, pageCount);
        return CachedJson.Ok(new ApiPage<PublicationDto>(total, false, page, perPage, pageCount, rows.Select(r => ToDto(r, baseUrl)).ToList()));
    }

    private sealed record Row(
        int Id, PublicationKind Kind, string Title, string Summary, string Body, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt,
        Guid? StructureUid, string? StructureName, string? StructureSlug, string? Signature, List<string> Needs,
        List<MediaRow> Media, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, string? Audience, string? Registration, int? Capacity);

    private sealed record MediaRow(AttachmentKind Kind, string? StoredName, string? Url, string ContentType, string? Alt, string? Caption, int? Width, int? Height);

    private static IQueryable<Row> Project(IQueryable<Publication> query) => query.Select(p => new Row(
        p.Id, p.Kind, p.Title, p.Summary, p.Body, p.PublishFrom ?? p.CreatedAt, p.UpdatedAt, p.ExpiresAt,
        p.Structure != null ? p.Structure.Uid : null, p.Structure != null ? p.Structure.Name : null, p.Structure != null ? p.Structure.Slug : null,
        p.Signature,
        p.Needs.OrderBy(n => n.Position).Select(n => n.Code).ToList(),
        p.Attachments.OrderBy(a => a.Id).Select(a => new MediaRow(a.Kind, a.StoredName, a.Url, a.ContentType, a.AltText, a.Caption, a.Width, a.Height)).ToList(),
        p.StartsAt, p.EndsAt, p.Place, p.Audience, p.Registration, p.Capacity));

    private static PublicationDto ToDto(Row r, string baseUrl) => new(
        r.Id,
        r.Kind,
        r.Title,
        r.Summary,
        SafeMarkdown.ToHtml(r.Body),
        $"{baseUrl}/publications/{r.Id}",
        r.PublishedAt,
        r.UpdatedAt,
        r.ExpiresAt,
        r.StructureUid is { } uid ? new StructureRefDto(uid, r.StructureName!, $"{baseUrl}/structure/{r.StructureSlug}") : null,
        r.Signature,
        r.Needs,
        r.Media.Select(m => new MediaDto(
            m.Kind,
            m.Kind == AttachmentKind.VideoLink ? m.Url! : $"{baseUrl}/medias/{m.StoredName}",
            m.Kind == AttachmentKind.VideoLink ? null : m.ContentType,
            m.Alt,
            m.Caption,
            m.Width,
            m.Height)).ToList(),
        r.Kind == PublicationKind.Event && r.StartsAt is { } starts ? new EventDetailsDto(starts, r.EndsAt, r.Place, r.Audience, r.Registration, r.Capacity) : null);

    private static DateOnly? ParseDay(string? value, string key, IStringLocalizer localizer, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
        {
            return day;
        }

        Add(errors, key, localizer["La date doit être au format AAAA-MM-JJ."]);
        return null;
    }

    private static PublicationKind? Add(Dictionary<string, string[]> errors, string key, string message)
    {
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        return null;
    }
}
