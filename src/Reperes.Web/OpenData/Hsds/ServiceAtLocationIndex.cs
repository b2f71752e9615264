using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData.Hsds;

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
