using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts.Pages;

public sealed record TeamMember(int Id, string UserId, string Name, string Email, MembershipRole Role, bool CanPublish);

/// <summary>The invitation form's fields (posted without prefix: Email, Role).</summary>
public sealed class InviteInput
{
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    public MembershipRole Role { get; set; } = MembershipRole.Editor;
}

/// <summary>
/// A structure's team: who is in it and with which role, pending invitations, an invitation by e-mail; its managers
/// (and the coordinator) change roles, remove colleagues, cancel or send again invitations.
/// Every id posted is looked up within the structure of the URL: an id of another structure's team changes nothing.
/// </summary>
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
    public string Email { get; private set; } = "";

    public MembershipRole Role { get; private set; } = MembershipRole.Editor;

    [BindProperty(SupportsGet = true, Name = "invite")]
    public string? Invited { get; set; }

    /// <summary>The invitation is recorded but the mail server did not take its e-mail.</summary>
    [BindProperty(SupportsGet = true, Name = "courriel")]
    public string? MailFailed { get; set; }

    /// <summary>What was just done (after a redirect): retrait, role, annulation.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    /// <summary>The member whose removal awaits confirmation (a link, so that it works without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "retirer")]
    public int? RemovalAsked { get; set; }

    public Structure Structure { get; private set; } = null!;

    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<Invitation> Pending { get; private set; } = [];

    public TeamMember? ToRemove { get; private set; }

    /// <summary>Why the last change to the team was refused (shown above the list).</summary>
    public string? TeamError { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        if (RemovalAsked is { } id)
        {
            ToRemove = Members.FirstOrDefault(m => m.Id == id);
            if (ToRemove is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, InviteInput newInvitation)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        Email = newInvitation.Email;
        Role = newInvitation.Role;
        if (!Enum.IsDefined(newInvitation.Role))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (Members.Any(m => string.Equals(m.Email, newInvitation.Email.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("", localizer["Cette personne fait déjà partie de l’équipe."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var (invitation, code) = Invitation.Create(newInvitation.Email, Structure.Id, newInvitation.Role, me.Id, clock.GetUtcNow());
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var sent = await InvitationMail.SendAsync(mailer, localizer, invitation, code, Structure.Name, me.DisplayName, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return Redirect(InvitationMail.TeamPageAfter(Structure.Slug, invitation.Email, sent));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, int membershipId)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var team = await TeamAsync();
        if (team.Find(membershipId) is not { } member)
        {
            return NotFound();
        }

        if (team.Remove(member) is { } refused)
        {
            return Refused(refused, removal: true);
        }

        var removed = await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(HttpContext.RequestAborted);
        db.Memberships.Remove(member);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var me = (await users.GetUserAsync(User))!;
        var informed = true;
        if (removed.Email is { Length: > 0 } email && member.UserId != me.Id)
        {
            informed = await mailer.TrySendAsync(
                email,
                localizer["Repères : vous ne faites plus partie de l’équipe de {0}", Structure.Name],
                localizer["Bonjour {0},\n\n{1} a mis fin à votre participation à l’équipe de « {2} » sur Repères. Vous ne pouvez plus modifier ses informations.\n\nVotre compte reste ouvert. Si c’est une erreur, adressez-vous aux gestionnaires de la structure.\n\nL’équipe Repères", removed.DisplayName, me.DisplayName, Structure.Name],
                HttpContext.RequestAborted);
        }

        // Someone who removed themselves may no longer open this page.
        return member.UserId == me.Id && !User.IsInRole(NetworkRoles.Coordinator)
            ? RedirectToPage("/Accounts/Pages/MySpace", new { quitte = "true" })
            : Redirect($"{TeamUrl}?fait={(informed ? "retrait" : "retrait-sans-courriel")}");
    }

    public async Task<IActionResult> OnPostRoleAsync(string slug, int membershipId, MembershipRole newRole, bool canPublish)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var team = await TeamAsync();
        if (team.Find(membershipId) is not { } member)
        {
            return NotFound();
        }

        if (!Enum.IsDefined(newRole) || !ModelState.IsValid)
        {
            TeamError = localizer["Une valeur proposée dans la liste est attendue."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (team.ChangeRole(member, newRole, canPublish) is { } refused)
        {
            return Refused(refused, removal: false);
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{TeamUrl}?fait=role");
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, int invitationId)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var invitation = await PendingInvitationAsync(invitationId);
        if (invitation is null)
        {
            return NotFound();
        }

        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{TeamUrl}?fait=annulation");
    }

    public async Task<IActionResult> OnPostResendAsync(string slug, int invitationId)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var invitation = await PendingInvitationAsync(invitationId);
        if (invitation is null)
        {
            return NotFound();
        }

        var code = invitation.Renew(clock.GetUtcNow());
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var me = (await users.GetUserAsync(User))!;
        var sent = await InvitationMail.SendAsync(mailer, localizer, invitation, code, Structure.Name, me.DisplayName, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return Redirect(InvitationMail.TeamPageAfter(Structure.Slug, invitation.Email, sent));
    }

    private string TeamUrl => $"/mon-espace/structure/{Structure.Slug}/equipe";

    private IActionResult Refused(TeamRefusal refusal, bool removal)
    {
        TeamError = refusal switch
        {
            TeamRefusal.LastManager => removal
                ? localizer["Impossible de retirer le dernier gestionnaire : la structure doit toujours en avoir au moins un. Nommez d’abord quelqu’un d’autre gestionnaire."]
                : localizer["Impossible de changer le rôle du dernier gestionnaire : la structure doit toujours en avoir au moins un. Nommez d’abord quelqu’un d’autre gestionnaire."],
            TeamRefusal.NotInTeam => localizer["Cette personne ne fait pas partie de l’équipe."],
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The structure's memberships, tracked: only they can be found by id.</summary>
    private async Task<StructureTeam> TeamAsync() =>
        new(Structure.Id, await db.Memberships.Where(m => m.StructureId == Structure.Id).ToListAsync(HttpContext.RequestAborted));

    private Task<Invitation?> PendingInvitationAsync(int invitationId) =>
        db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.StructureId == Structure.Id && i.AcceptedAt == null, HttpContext.RequestAborted);

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
        var members = await db.Memberships.AsNoTracking().Where(m => m.StructureId == structure.Id)
            .Select(m => new TeamMember(m.Id, m.UserId, m.User.DisplayName, m.User.Email!, m.Role, m.CanPublish))
            .ToListAsync(HttpContext.RequestAborted);
        Members = members.OrderBy(m => m.Role).ThenBy(m => m.Name, FrenchOrder.Comparer).ToList();
        Now = clock.GetUtcNow();

        // Expired ones too: they can be sent again.
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.StructureId == structure.Id && i.AcceptedAt == null).ToListAsync(HttpContext.RequestAborted);
        Pending = invitations.OrderBy(i => i.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return null;
    }
}
