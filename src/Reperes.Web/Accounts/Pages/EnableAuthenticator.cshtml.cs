using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>
/// Turning two-step verification on: the app is given the key (QR code or typed), then proves it with a code;
/// nothing changes before that proof.
/// </summary>
[Authorize]
public sealed class EnableAuthenticatorModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/mon-espace/securite/deux-etapes";

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le code à 6 chiffres affiché par votre application.")]
    [StringLength(20, ErrorMessage = "Le code compte 6 chiffres.")]
    public string Code { get; set; } = "";

    /// <summary>Coming from "Changer de téléphone ou d’application".</summary>
    [BindProperty(SupportsGet = true, Name = "nouvelle-cle")]
    public bool KeyWasReset { get; set; }

    public string Key { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var me = (await users.GetUserAsync(User))!;
        if (await users.GetTwoFactorEnabledAsync(me))
        {
            return Redirect(AccountSecurityModel.Path);
        }

        await LoadKeyAsync(me);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var me = (await users.GetUserAsync(User))!;
        if (await users.GetTwoFactorEnabledAsync(me))
        {
            return Redirect(AccountSecurityModel.Path);
        }

        await LoadKeyAsync(me);
        var code = TwoFactor.NormalizeAuthenticatorCode(Code);
        if (ModelState.IsValid && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError("", localizer["Le code compte 6 chiffres."]);
        }

        if (ModelState.IsValid && !await TwoFactor.VerifyAuthenticatorCodeAsync(users, me, code))
        {
            ModelState.AddModelError("", localizer["Ce code n’est pas le bon. Saisissez le code affiché maintenant par votre application : il change toutes les 30 secondes. Vérifiez aussi que votre téléphone est à l’heure."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(me, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(me, TwoFactor.RecoveryCodeCount);
        await signIn.RefreshSignInAsync(me);
        await notifier.TwoFactorEnabledAsync(me);
        RecoveryCodesModel.Show(TempData, recoveryCodes!, justEnabled: true);
        return Redirect(RecoveryCodesModel.Path);
    }

    private async Task LoadKeyAsync(ReperesUser me)
    {
        var key = await users.GetAuthenticatorKeyAsync(me);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(me);

            // A new key renews the security stamp: renew this session's cookie with it.
            await signIn.RefreshSignInAsync(me);
            key = await users.GetAuthenticatorKeyAsync(me);
        }

        Key = key!;
        QrCodeSvg = TwoFactor.QrCodeSvg(TwoFactor.AuthenticatorUri(me.Email!, Key));
    }
}
