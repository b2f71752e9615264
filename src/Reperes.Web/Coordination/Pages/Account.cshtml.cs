using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Accounts;
using Reperes.Web.Accounts.Throttling;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.Coordination.Pages;

public sealed record ScopeStructure(int Id, string Name, string? City);

/// <summary>
/// One account, for the coordination: its network roles (given or removed), its lock, and for a moderator the
/// needs and structures they look after (none: the whole network).
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class AccountModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    GuideCatalog catalog,
    TimeProvider clock,
    AccountThrottle throttle,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    /// <summary>Words to find a structure to add to the moderator's scope.</summary>
    [BindProperty(SupportsGet = true, Name = "structure")]
    public string? StructureSearch { get; set; }

    public ReperesUser Account { get; private set; } = null!;

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<AccountStructure> Structures { get; private set; } = [];

    public bool Locked { get; private set; }

    public bool IsMe { get; private set; }

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public IReadOnlySet<int> ScopeNeeds { get; private set; } = new HashSet<int>();

    public IReadOnlyList<ScopeStructure> ScopeStructures { get; private set; } = [];

    public IReadOnlyList<ScopeStructure> Candidates { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        if (StructureSearch?.Trim() is { Length: > 0 } text && Roles.Contains(NetworkRoles.Moderator))
        {
            var lower = text.Length > 200 ? text[..200].ToLowerInvariant() : text.ToLowerInvariant();
            Candidates = await db.Structures.AsNoTracking()
                .Where(s => s.Name.ToLower().Contains(lower))
                .OrderBy(s => s.Status).ThenBy(s => s.SortName).ThenBy(s => s.Name)
                .Take(10)
                .Select(s => new ScopeStructure(s.Id, s.Name, s.City))
                .ToListAsync(HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, bool grant)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        if (!NetworkRoles.All.Contains(role))
        {
            return Refuse(localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (grant)
        {
            if (!Roles.Contains(role))
            {
                await users.AddToRoleAsync(Account, role);
            }
        }
        else if (Roles.Contains(role))
        {
            var coordinators = (await users.GetUsersInRoleAsync(NetworkRoles.Coordinator)).Count;
            switch (AccountRules.CheckRoleRemoval(role, Account.Id, users.GetUserId(User)!, coordinators))
            {
                case null:
                    await users.RemoveFromRoleAsync(Account, role);
                    break;
                case AccountRefusal.OwnCoordinatorRole:
                    return Refuse(localizer["Vous ne pouvez pas retirer votre propre rôle de coordination : demandez-le à une autre personne de la coordination."]);
                case AccountRefusal.LastCoordinator:
                    return Refuse(localizer["Impossible de retirer le rôle de coordination à la dernière personne qui l’a : le réseau doit toujours en avoir une."]);
                case AccountRefusal.OwnAccount:
                default:
                    throw new InvalidOperationException("Unexpected refusal.");
            }
        }

        return Redirect($"{AccountUrl}?fait=role");
    }

    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        if (AccountRules.CheckLock(Account.Id, users.GetUserId(User)!) is AccountRefusal.OwnAccount)
        {
            return Refuse(localizer["Vous ne pouvez pas bloquer votre propre compte."]);
        }

        await users.SetLockoutEnabledAsync(Account, true);
        await users.SetLockoutEndDateAsync(Account, AccountRules.LockedIndefinitely);

        // A new stamp ends the sessions already open, at their next check.
        await users.UpdateSecurityStampAsync(Account);
        return Redirect($"{AccountUrl}?fait=blocage");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        // The wrong passwords counted for the address too: unblocked means the person can sign in now.
        await throttle.ForgetAsync(ThrottleRule.LoginFailureForAccount, AccountThrottle.AccountKey(Account.Email!), HttpContext.RequestAborted);
        return Redirect($"{AccountUrl}?fait=deblocage");
    }

    /// <summary>Replaces the needs of the moderator's scope by those ticked.</summary>
    public async Task<IActionResult> OnPostNeedsAsync(string id, List<int> needIds)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        if (!Roles.Contains(NetworkRoles.Moderator))
        {
            return Refuse(localizer["Ce compte n’a pas le rôle de modération : donnez-le d’abord."]);
        }

        if (!ModelState.IsValid || needIds.Any(n => catalog.Needs.All(known => known.Id != n)))
        {
            return Refuse(localizer["Une valeur proposée dans la liste est attendue."]);
        }

        var current = await db.ModeratorScopes.Where(m => m.UserId == Account.Id && m.NeedId != null).ToListAsync(HttpContext.RequestAborted);
        db.ModeratorScopes.RemoveRange(current.Where(m => !needIds.Contains(m.NeedId!.Value)));
        db.ModeratorScopes.AddRange(needIds.Distinct().Where(n => current.All(m => m.NeedId != n)).Select(n => ModeratorScope.ForNeed(Account.Id, n)));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{AccountUrl}?fait=perimetre");
    }

    public async Task<IActionResult> OnPostAddStructureAsync(string id, int structureId)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        if (!Roles.Contains(NetworkRoles.Moderator))
        {
            return Refuse(localizer["Ce compte n’a pas le rôle de modération : donnez-le d’abord."]);
        }

        if (!await db.Structures.AnyAsync(s => s.Id == structureId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        if (!await db.ModeratorScopes.AnyAsync(m => m.UserId == Account.Id && m.StructureId == structureId, HttpContext.RequestAborted))
        {
            db.ModeratorScopes.Add(ModeratorScope.ForStructure(Account.Id, structureId));
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        return Redirect($"{AccountUrl}?fait=perimetre");
    }

    public async Task<IActionResult> OnPostRemoveStructureAsync(string id, int structureId)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        await db.ModeratorScopes.Where(m => m.UserId == Account.Id && m.StructureId == structureId).ExecuteDeleteAsync(HttpContext.RequestAborted);
        return Redirect($"{AccountUrl}?fait=perimetre");
    }

    private string AccountUrl => $"/mon-espace/coordination/comptes/{Uri.EscapeDataString(Account.Id)}";

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        if (id.Length > 450 || await users.FindByIdAsync(id) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        IsMe = account.Id == users.GetUserId(User);
        Roles = (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList();
        Locked = account.LockoutEnd > clock.GetUtcNow();
        Structures = await db.Memberships.AsNoTracking().Where(m => m.UserId == account.Id)
            .OrderBy(m => m.Structure.SortName).ThenBy(m => m.Structure.Name)
            .Select(m => new AccountStructure(m.Structure.Name, m.Structure.Slug, m.Role))
            .ToListAsync(HttpContext.RequestAborted);
        var scopes = await db.ModeratorScopes.AsNoTracking().Where(m => m.UserId == account.Id).ToListAsync(HttpContext.RequestAborted);
        ScopeNeeds = scopes.Where(m => m.NeedId != null).Select(m => m.NeedId!.Value).ToHashSet();
        var structureIds = scopes.Where(m => m.StructureId != null).Select(m => m.StructureId!.Value).ToList();
        ScopeStructures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id))
            .OrderBy(s => s.SortName).ThenBy(s => s.Name)
            .Select(s => new ScopeStructure(s.Id, s.Name, s.City))
            .ToListAsync(HttpContext.RequestAborted);
        return null;
    }
}
