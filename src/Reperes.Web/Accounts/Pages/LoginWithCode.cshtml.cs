using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

public sealed class LoginWithCodeInput
{
    [Required(ErrorMessage = "Indiquez le code à 6 chiffres affiché par votre application.")]
    [StringLength(20, ErrorMessage = "Le code compte 6 chiffres.")]
    public string Code { get; set; } = "";

    public bool RememberDevice { get; set; }
}

/// <summary>Second step of signing in when two-step verification is on: the code of the authenticator app.</summary>
public sealed class LoginWithCodeModel(SignInManager<ReperesUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/connexion/code";

    [BindProperty]
    public LoginWithCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Rester connecté" ticked on the first step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    /// <summary>No sign-in waits for a code (too late, or the page was opened directly): start again.</summary>
    public bool MustStartAgain { get; private set; }

    public string? LocalReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public static string Address(string path, string? returnUrl, bool rememberMe = false)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(returnUrl))
        {
            query.Add("ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        if (rememberMe)
        {
            query.Add("RememberMe=true");
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    public async Task OnGetAsync()
    {
        MustStartAgain = await signIn.GetTwoFactorAuthenticationUserAsync() is null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            MustStartAgain = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var code = TwoFactor.NormalizeAuthenticatorCode(Input.Code);
        if (ModelState.IsValid && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError("", localizer["Le code compte 6 chiffres."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalReturnUrl ?? "/mon-espace");
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? localizer["Trop d’essais : le compte est bloqué pendant 15 minutes. Vous pouvez aussi réinitialiser votre mot de passe."]
            : localizer["Ce code n’est pas le bon. Saisissez le code affiché maintenant par votre application : il change toutes les 30 secondes. Vérifiez aussi que votre téléphone est à l’heure."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
