using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Infrastructure;
using Reperes.Web.Infrastructure.Email;

namespace Reperes.Web.Accounts.Pages;

public sealed record TeamMember(string Name, string Email, MembershipRole Role);

/// <summary>A structure's team: who is in it, pending invitations, and an invitation by e-mail.</summary>
[Authorize]
public sealed class TeamModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    IMailer mailer,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [BindProperty]
    public MembershipRole Role { get; set; } = MembershipRole.Editor;

    [BindProperty(SupportsGet = true, Name = "invite")]
    public string? Invited { get; set; }

    public Structure Structure { get; private set; } = null!;

    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<Invitation> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        if (!Enum.IsDefined(Role))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (Members.Any(m => string.Equals(m.Email, Email.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("", localizer["Cette personne fait déjà partie de l’équipe."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var (invitation, code) = Invitation.Create(Email, Structure.Id, Role, me.Id, clock.GetUtcNow());
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var link = $"{options.Value.BaseUrl(Request)}/invitation?code={code}";
        var role = Role == MembershipRole.Manager ? localizer["gestionnaire"].Value : localizer["rédacteur ou rédactrice"].Value;
        await mailer.SendAsync(invitation.Email, localizer["Repères : invitation à rejoindre l’équipe de {0}", Structure.Name],
            localizer["Bonjour,\n\n{0} vous invite à rejoindre l’équipe de « {1} » sur Repères, comme {2}.\n\nPour accepter, ouvrez ce lien (valable 7 jours, une seule fois) :\n{3}\n\nL’équipe Repères", me.DisplayName, Structure.Name, role, link],
            HttpContext.RequestAborted);
        return Redirect($"/mon-espace/structure/{Structure.Slug}/equipe?invite={Uri.EscapeDataString(invitation.Email)}");
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, structure, StructureOperations.ManageTeam)).Succeeded)
        {
            return Forbid();
        }

        Structure = structure;
        Members = await db.Memberships.AsNoTracking().Where(m => m.StructureId == structure.Id)
            .OrderBy(m => m.Role).ThenBy(m => m.User.DisplayName)
            .Select(m => new TeamMember(m.User.DisplayName, m.User.Email!, m.Role))
            .ToListAsync(HttpContext.RequestAborted);
        var now = clock.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.StructureId == structure.Id && i.AcceptedAt == null).ToListAsync(HttpContext.RequestAborted);
        Pending = invitations.Where(i => i.IsUsable(now)).OrderBy(i => i.Email).ToList();
        return null;
    }
}
