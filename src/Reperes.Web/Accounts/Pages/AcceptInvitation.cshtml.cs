using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts.Pages;

public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Indiquez votre nom ou prénom.")]
    [StringLength(120)]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit compter au moins 10 caractères.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    public string Confirmation { get; set; } = "";
}

/// <summary>Accepting an invitation: with a new account, or with the account that already has this address.</summary>
public sealed class AcceptInvitationModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }

    public ReperesUser? ExistingAccount { get; private set; }

    public bool SignedInAsInvited { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        var user = ExistingAccount;
        if (user is null)
        {
            if (!ModelState.IsValid)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            user = new ReperesUser { UserName = Invitation.Email, Email = Invitation.Email, EmailConfirmed = true, DisplayName = Input.DisplayName.Trim(), CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, Input.Password);
            if (!created.Succeeded)
            {
                ModelState.AddModelError("", localizer["Le compte n’a pas pu être créé : choisissez un mot de passe plus long ou plus original."]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }
        else if (!SignedInAsInvited)
        {
            // The invitation was sent to an address that has an account: only its owner may accept it.
            return Redirect("/connexion?ReturnUrl=" + Uri.EscapeDataString("/invitation?code=" + Code));
        }

        var now = clock.GetUtcNow();
        Invitation.Accept(now);
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.StructureId == Invitation.StructureId))
        {
            db.Memberships.Add(new Membership(user.Id, Invitation.StructureId, Invitation.Role, now));
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Accounts/Pages/MySpace");
    }

    private async Task LoadAsync()
    {
        ModelState.Remove(nameof(Code));
        if (string.IsNullOrEmpty(Code) || Code.Length > 100)
        {
            return;
        }

        var hash = Invitation.Hash(Code);
        var invitation = await db.Invitations.Include(i => i.Structure).FirstOrDefaultAsync(i => i.CodeHash == hash, HttpContext.RequestAborted);
        if (invitation is null || !invitation.IsUsable(clock.GetUtcNow()))
        {
            return;
        }

        Invitation = invitation;
        ExistingAccount = await users.FindByEmailAsync(invitation.Email);
        if (ExistingAccount is not null)
        {
            ModelState.Clear();
            SignedInAsInvited = User.Identity?.IsAuthenticated == true && users.GetUserId(User) == ExistingAccount.Id;
        }
    }
}
