using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;
using Reperes.Web.Guide;
using Reperes.Web.Guide.Domain;

namespace Reperes.Web.OpenData.Feeds;

/// <summary>What a feed covers: the whole network, one structure (online) or one need; null when the address names nothing.</summary>
public sealed record FeedScope(string Title, string PagePath, int? StructureId, int? NeedId)
{
    public static async Task<FeedScope?> ResolveAsync(string? structureSlug, string? needCode, ReperesDbContext db, GuideCatalog catalog, CancellationToken cancellationToken)
    {
        if (structureSlug is not null)
        {
            if (structureSlug.Length > 200)
            {
                return null;
            }

            var structure = await db.Structures.AsNoTracking()
                .Where(s => s.Slug == structureSlug && s.Status == StructureStatus.Online)
                .Select(s => new { s.Id, s.Name, s.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            return structure is null ? null : new FeedScope($"Repères — {structure.Name}", $"/structure/{structure.Slug}", structure.Id, null);
        }

        if (needCode is not null)
        {
            return catalog.Need(needCode) is { } need ? new FeedScope($"Repères — {need.NameFr}", $"/besoin/{need.Code}", null, need.Id) : null;
        }

        return new FeedScope("Repères", "/", null, null);
    }
}
