using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts.Pages;

/// <summary>"Quitter cette structure": any member leaves a team by themselves, except its last manager.</summary>
[Authorize]
public sealed class LeaveStructureModel(ReperesDbContext db, UserManager<ReperesUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public MembershipRole Role { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var team = new StructureTeam(Structure.Id, await db.Memberships.Where(m => m.StructureId == Structure.Id).ToListAsync(HttpContext.RequestAborted));
        var mine = team.FindByUser(users.GetUserId(User)!)!;
        switch (team.Remove(mine))
        {
            case null:
                db.Memberships.Remove(mine);
                await db.SaveChangesAsync(HttpContext.RequestAborted);
                return RedirectToPage("/Accounts/Pages/MySpace", new { quitte = "true" });
            case TeamRefusal.LastManager:
                Error = localizer["Vous êtes le dernier gestionnaire de cette structure : nommez d’abord quelqu’un d’autre gestionnaire (page Équipe), ou adressez-vous à la coordination du réseau."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case TeamRefusal.NotInTeam:
                return NotFound();
            default:
                throw new InvalidOperationException("Unknown refusal.");
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var userId = users.GetUserId(User);
        var found = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Structure.Slug == slug)
            .Select(m => new { m.Structure, m.Role })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (found is null)
        {
            // Not a member: nothing to leave (and nothing told about the structure).
            return NotFound();
        }

        Structure = found.Structure;
        Role = found.Role;
        return null;
    }
}
