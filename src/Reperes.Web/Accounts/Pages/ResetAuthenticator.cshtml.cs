using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.Accounts.Pages;

/// <summary>
/// A new authenticator key, for a new phone or app, confirmed by the password. Two-step verification is off
/// until the new app proves it works, as when turning it on.
/// </summary>
[Authorize]
public sealed class ResetAuthenticatorModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/mon-espace/securite/deux-etapes/nouvelle-cle";

    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre mot de passe.")]
    [StringLength(200)]
    public string Password { get; set; } = "";

    public ReperesUser Me { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        return await users.GetTwoFactorEnabledAsync(Me) ? Page() : Redirect(EnableAuthenticatorModel.Path);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        if (!await users.GetTwoFactorEnabledAsync(Me))
        {
            return Redirect(EnableAuthenticatorModel.Path);
        }

        if (ModelState.IsValid)
        {
            switch (await SecretChecks.CheckPasswordAsync(users, Me, Password))
            {
                case SecretCheck.Right:
                    await users.SetTwoFactorEnabledAsync(Me, false);
                    await users.ResetAuthenticatorKeyAsync(Me);
                    await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, 0);
                    await signIn.ForgetTwoFactorClientAsync();
                    await signIn.RefreshSignInAsync(Me);
                    await notifier.AuthenticatorKeyResetAsync(Me, Request);
                    return Redirect(EnableAuthenticatorModel.Path + "?nouvelle-cle=true");
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
