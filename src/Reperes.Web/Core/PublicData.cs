using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core;

/// <summary>
/// What the open data exports publish: the structures the public guide shows (online; never drafts, sheets taken
/// offline nor closed ones) and their services. One rule for every export, so that none publishes more than the guide.
/// </summary>
public static class PublicData
{
    public static IQueryable<Structure> Structures(ReperesDbContext db) =>
        db.Structures.AsNoTracking().Where(s => s.Status == StructureStatus.Online);

    public static IQueryable<Service> Services(ReperesDbContext db) =>
        db.Services.AsNoTracking().Where(v => v.Structure.Status == StructureStatus.Online);
}
