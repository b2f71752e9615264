using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>
/// Confirmed by the password, two-step verification is turned off and everything of the old app forgotten (its key,
/// the recovery codes, the remembered devices): to stop using it, or to start again with a new phone.
/// </summary>
public abstract class TwoFactorResetModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Where to go when two-step verification is not on.</summary>
    protected abstract string NotEnabledPath { get; }

    /// <summary>Where to go once it is done.</summary>
    protected abstract string DonePath { get; }

    protected abstract Task NotifyAsync(ReperesUser user);

    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre mot de passe.")]
    [StringLength(200)]
    public string Password { get; set; } = "";

    public ReperesUser Me { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        return await users.GetTwoFactorEnabledAsync(Me) ? Page() : Redirect(NotEnabledPath);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        if (!await users.GetTwoFactorEnabledAsync(Me))
        {
            return Redirect(NotEnabledPath);
        }

        if (ModelState.IsValid)
        {
            switch (await SecretChecks.CheckPasswordAsync(users, Me, Password))
            {
                case SecretCheck.Right:
                    await users.SetTwoFactorEnabledAsync(Me, false);

                    // A fresh key next time: codes of the old app, and old recovery codes, are of no use any more.
                    await users.ResetAuthenticatorKeyAsync(Me);
                    await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, 0);
                    await signIn.ForgetTwoFactorClientAsync();
                    await signIn.RefreshSignInAsync(Me);
                    await NotifyAsync(Me);
                    return Redirect(DonePath);
                case SecretCheck.Wrong:
                    ModelState.AddModelError("", localizer["Le mot de passe n’est pas le bon : rien n’a changé."]);
                    break;
                case SecretCheck.LockedOut:
                    ModelState.AddModelError("", localizer["Trop d’essais : les changements sont bloqués pendant 15 minutes."]);
                    break;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
