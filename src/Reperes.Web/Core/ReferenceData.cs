using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.Core;

/// <summary>What every database holds before anything else: the taxonomy of needs and categories, and the network's roles.</summary>
public sealed class ReferenceData(
    ReperesDbContext db,
    GuideCatalog catalog,
    RoleManager<IdentityRole> roles,
    ILogger<ReferenceData> logger)
{
    /// <summary>The network-wide roles exist in every database.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in NetworkRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Loads the taxonomy into a database that has none.</summary>
    public async Task EnsureTaxonomyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Needs.AnyAsync(cancellationToken))
        {
            return;
        }

        var file = TaxonomyFiles.Taxonomy();
        var position = 0;
        foreach (var seed in file.Needs)
        {
            var need = new Need(seed.Code, seed.Name.Fr, seed.Name.En, seed.Description.Fr, seed.Description.En, seed.Pictogram, seed.Color, position++);
            var categoryPosition = 0;
            foreach (var c in seed.Categories)
            {
                need.Categories.Add(new Category(need, c.Code, c.Name.Fr, c.Name.En, string.Join('|', c.Thematiques), string.Join('|', c.Synonyms), categoryPosition++));
            }

            db.Needs.Add(need);
        }

        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        logger.LogInformation("Taxonomy loaded: {Needs} needs", file.Needs.Count);
    }
}
