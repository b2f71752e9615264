using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

public sealed class LoginWithRecoveryCodeInput
{
    [Required(ErrorMessage = "Indiquez l’un de vos codes de secours.")]
    [StringLength(30, ErrorMessage = "Ce code de secours n’est pas valable : il est peut-être déjà utilisé, ou mal recopié.")]
    public string Code { get; set; } = "";
}

/// <summary>Second step of signing in without the phone: one of the recovery codes, each good once.</summary>
public sealed class LoginWithRecoveryCodeModel(
    SignInManager<ReperesUser> signIn,
    UserManager<ReperesUser> users,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public LoginWithRecoveryCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool MustStartAgain { get; private set; }

    public string? LocalReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public async Task OnGetAsync()
    {
        MustStartAgain = await signIn.GetTwoFactorAuthenticationUserAsync() is null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            MustStartAgain = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Identity neither checks the lockout nor counts failures for recovery codes: done here, like for passwords.
        if (await users.IsLockedOutAsync(user))
        {
            return Refused(locked: true);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactor.NormalizeRecoveryCode(Input.Code));
        if (result.Succeeded)
        {
            await notifier.RecoveryCodeUsedAsync(user, await users.CountRecoveryCodesAsync(user));
            return LocalRedirect(LocalReturnUrl ?? "/mon-espace");
        }

        await users.AccessFailedAsync(user);
        return Refused(locked: await users.IsLockedOutAsync(user));
    }

    private PageResult Refused(bool locked)
    {
        ModelState.AddModelError("", locked
            ? localizer["Trop d’essais : le compte est bloqué pendant 15 minutes. Vous pouvez aussi réinitialiser votre mot de passe."]
            : localizer["Ce code de secours n’est pas valable : il est peut-être déjà utilisé, ou mal recopié."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
