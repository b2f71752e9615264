using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Data;

/// <summary>Loads the taxonomy into an empty database, and the Brest demonstration data when asked.</summary>
public sealed class DataSeeder(
    ReperesDbContext db,
    SearchIndex index,
    GuideCatalog catalog,
    UserManager<ReperesUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    ILogger<DataSeeder> logger)
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

    public async Task EnsureTaxonomyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Needs.AnyAsync(cancellationToken))
        {
            return;
        }

        var file = SeedFiles.Taxonomy();
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

    /// <summary>Loads the demo structures into a database that has none; returns how many were created.</summary>
    public async Task<int> LoadDemoAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Structures.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, cancellationToken);
        var now = clock.GetUtcNow();
        var today = Hours.HoursEvaluator.LocalDate(now);
        var structures = new List<Structure>();
        foreach (var seed in SeedFiles.Demo().Structures)
        {
            var structure = new Structure(seed.Slug, seed.Name, SeedValues.Kind(seed.Kind), now.AddDays(-40));
            structure.Describe(seed.Name, SeedValues.Kind(seed.Kind), seed.Summary, seed.Description, seed.Networks ?? []);
            structure.LocateAt(seed.Address is { } a ? new Address(a.Street, a.PostalCode, a.City, a.CommuneCode, a.Latitude, a.Longitude) : null);
            structure.SetContact(seed.Phones ?? [], seed.Email, seed.Website);
            structure.SetReception(seed.WheelchairAccessible, seed.Languages ?? ["fr"], seed.OpeningHours, seed.OpeningHoursDetails);
            structure.MarkAsDemo();
            foreach (var s in seed.Services)
            {
                if (!categories.TryGetValue(s.Category, out var category))
                {
                    throw new InvalidDataException($"Demo structure {seed.Slug}: unknown category '{s.Category}'.");
                }

                var service = new Service(structure, category, s.Name);
                service.Describe(category, s.Name, s.Description ?? "", s.Types ?? []);
                service.SetAudience(s.Publics ?? ["tous-publics"], SeedValues.Gender(s.Gender), s.AgeMin, s.AgeMax, s.AdministrativeSituation);
                service.SetConditions(SeedValues.Access(s.Access), s.AccessDetails, s.Free, s.CostDetails);
                service.SetReception(s.OpeningHours, s.ModesAccueil ?? ["en-presentiel"], s.RemotePhone, s.RemoteWebsite);
                structure.Services.Add(service);
            }

            foreach (var n in seed.Notices ?? [])
            {
                var start = today.AddDays(n.StartInDays);
                structure.Notices.Add(new Notice(structure, null, SeedValues.NoticeKind(n.Kind), start, start.AddDays(Math.Max(0, n.DurationDays - 1)), n.Text, n.OpeningHours));
            }

            // Demo sheets were "verified" at various dates, so that freshness shows.
            structure.Verify(now.AddDays(-(seed.Slug.Sum(c => c) % 200)));
            switch (SeedValues.Status(seed.Status))
            {
                case StructureStatus.Online:
                    structure.PutOnline(now.AddDays(-(Math.Abs(seed.Name.Length * 7) % 90)));
                    break;
                case StructureStatus.Offline:
                    structure.TakeOffline(now.AddDays(-10));
                    break;
                case StructureStatus.PermanentlyClosed:
                    structure.CloseForGood(now.AddDays(-100));
                    break;
                case StructureStatus.Draft:
                    break;
                default:
                    throw new InvalidDataException($"Unknown status {seed.Status}.");
            }

            structures.Add(structure);
        }

        db.Structures.AddRange(structures);
        await db.SaveChangesAsync(cancellationToken);
        await index.IndexAsync(db, structures.Select(s => s.Id).ToList(), cancellationToken);
        catalog.Invalidate();
        await CreateDemoAccountsAsync(now);
        logger.LogInformation("Demo data loaded: {Count} structures", structures.Count);
        return structures.Count;
    }

    private async Task CreateDemoAccountsAsync(DateTimeOffset now)
    {
        await EnsureRolesAsync();
        foreach (var (email, name, networkRole, slug, role) in DemoAccounts.All)
        {
            var user = new ReperesUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            if (networkRole is not null)
            {
                await users.AddToRoleAsync(user, networkRole);
            }

            if (slug is not null && role is { } membershipRole)
            {
                var structureId = await db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
                db.Memberships.Add(new Membership(user.Id, structureId, membershipRole, now));
            }
        }

        await db.SaveChangesAsync();
    }
}
