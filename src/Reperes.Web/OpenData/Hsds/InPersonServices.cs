using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>
/// The ids of the public services given at a place, in id order, kept for the current version of the data
/// (<see cref="CoordinationChanges"/>): the unfiltered list of services at a location pages through them without
/// counting and sorting every service again at each page (a few hundred thousand ints at national scale).
/// </summary>
public sealed class InPersonServices
{
    private readonly VersionedSnapshot<int[]> ids = new();

    public Task<int[]> IdsAsync(ReperesDbContext db, IQueryable<Service> inPerson, CancellationToken cancellationToken) =>
        ids.GetAsync(db, async token => (await inPerson.Select(v => v.Id).OrderBy(id => id).ToListAsync(token)).ToArray(), cancellationToken);
}
