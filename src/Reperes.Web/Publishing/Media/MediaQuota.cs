using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Media;

/// <summary>The room the files of one structure's publications take (or of the network's own publications), and its limit.</summary>
public sealed record MediaSpace(int? StructureId, string? StructureName, long UsedBytes, long QuotaBytes)
{
    public bool Allows(long bytes) => UsedBytes + bytes <= QuotaBytes;

    public bool IsExceeded => UsedBytes > QuotaBytes;

    /// <summary>Megabytes as people read them: one decimal under 10 MB ("0,4", "7,5"), whole above ("230").</summary>
    public static string Megabytes(long bytes)
    {
        var megabytes = bytes / (1024.0 * 1024.0);
        return megabytes < 10 ? megabytes.ToString("0.#", CultureInfo.CurrentCulture) : Math.Round(megabytes).ToString("0", CultureInfo.CurrentCulture);
    }
}

/// <summary>
/// The per-structure storage quota (Reperes__Media__QuotaMegabytes): the stored size of every file attached to the
/// structure's publications, trashed ones included (their files are still on disk). The network's own publications
/// (without a structure: the coordination's, and workshop texts of a workshop without a structure) share one space of
/// the same size. Video links store nothing and count for nothing.
/// </summary>
public sealed class MediaQuota(ReperesDbContext db, IOptions<ReperesOptions> options)
{
    public async Task<MediaSpace> SpaceAsync(int? structureId, string? structureName, CancellationToken cancellationToken)
    {
        var used = await db.Attachments
            .Where(a => db.Publications.Any(p => p.Id == a.PublicationId && p.StructureId == structureId))
            .SumAsync(a => a.Size, cancellationToken);
        return new MediaSpace(structureId, structureName, used, options.Value.Media.QuotaBytes);
    }
}
