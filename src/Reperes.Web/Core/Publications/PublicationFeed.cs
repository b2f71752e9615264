using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Publications;

/// <summary>A publication as the public lists show it.</summary>
public sealed record PublicationCard(
    int Id,
    PublicationKind Kind,
    string Title,
    string Summary,
    string? StructureName,
    string? StructureSlug,
    string? Signature,
    DateTimeOffset PublishedAt,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Place,
    string? ImageName,
    string? ImageAlt)
{
    public string Url => $"/publications/{Id}";
}

/// <summary>What the public sees of the publications: published, due (not scheduled later), not expired, of a structure that is online.</summary>
public sealed class PublicationFeed(ReperesDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 50;

    /// <summary>The instant the lists are computed for (the application's clock).</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public IQueryable<Publication> Visible()
    {
        return PublicData.Publications(db, clock.GetUtcNow());
    }

    /// <summary>Articles, news and projects, latest first; expired news left out.</summary>
    public Task<List<PublicationCard>> LatestAsync(int take, int? structureId = null, int? needId = null, bool featuredOnly = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var query = Visible().Where(p => p.Kind != PublicationKind.Event && (p.ExpiresAt == null || p.ExpiresAt > now));
        query = Filter(query, structureId, needId);
        if (featuredOnly)
        {
            query = query.Where(p => p.Featured);
        }

        return Project(query.OrderByDescending(p => p.PublishFrom).ThenByDescending(p => p.Id).Take(take)).ToListAsync(cancellationToken);
    }

    /// <summary>Events not yet over, soonest first.</summary>
    public Task<List<PublicationCard>> UpcomingEventsAsync(int take, int? structureId = null, int? needId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var query = Visible().Where(p => p.Kind == PublicationKind.Event && p.StartsAt != null && (p.EndsAt ?? p.StartsAt) >= now);
        query = Filter(query, structureId, needId);
        return Project(query.OrderBy(p => p.StartsAt).ThenBy(p => p.Id).Take(take)).ToListAsync(cancellationToken);
    }

    public static IQueryable<Publication> Filter(IQueryable<Publication> query, int? structureId, int? needId)
    {
        if (structureId is { } structure)
        {
            query = query.Where(p => p.StructureId == structure);
        }

        if (needId is { } need)
        {
            query = query.Where(p => p.Needs.Any(n => n.Id == need));
        }

        return query;
    }

    public static IQueryable<PublicationCard> Project(IQueryable<Publication> query) =>
        query.Select(p => new PublicationCard(
            p.Id,
            p.Kind,
            p.Title,
            p.Summary,
            p.Structure != null ? p.Structure.Name : null,
            p.Structure != null ? p.Structure.Slug : null,
            p.Signature,
            p.PublishFrom ?? p.CreatedAt,
            p.StartsAt,
            p.EndsAt,
            p.Place,
            p.Attachments.Where(a => a.Kind == AttachmentKind.Image).OrderBy(a => a.Id).Select(a => a.SmallName ?? a.StoredName).FirstOrDefault(),
            p.Attachments.Where(a => a.Kind == AttachmentKind.Image).OrderBy(a => a.Id).Select(a => a.AltText).FirstOrDefault()));
}
