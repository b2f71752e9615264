using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core;

/// <summary>
/// What is public, in one place for every page, feed, export, sitemap and API: the structures the guide shows
/// (online; never drafts, sheets taken offline nor closed ones) and their services; the publications published and
/// due whose structure, if any, is online, and their media.
/// </summary>
public static class PublicData
{
    public static bool IsPublic(Structure structure) => structure.Status == StructureStatus.Online;

    public static IQueryable<Structure> Structures(ReperesDbContext db) =>
        db.Structures.AsNoTracking().Where(s => s.Status == StructureStatus.Online);

    public static IQueryable<Service> Services(ReperesDbContext db) =>
        db.Services.AsNoTracking().Where(v => v.Structure.Status == StructureStatus.Online);

    /// <summary>A publication (its page, its media) is public once published and due, its structure if any online.</summary>
    public static bool IsPublic(Publication publication, DateTimeOffset now) =>
        publication.IsVisibleAt(now) && publication.Structure is null or { Status: StructureStatus.Online };

    /// <summary>The publications the public lists may show (each list adds its own order and expiry).</summary>
    public static IQueryable<Publication> Publications(ReperesDbContext db, DateTimeOffset now) =>
        db.Publications.AsNoTracking()
            .Where(p => p.Status == PublicationStatus.Published && p.PublishFrom <= now)
            .Where(p => p.StructureId == null || p.Structure!.Status == StructureStatus.Online);
}
