using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre mot de passe.")]
    [StringLength(200)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}

public sealed class LoginModel(SignInManager<ReperesUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "reinitialise")]
    public bool PasswordWasReset { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/mon-espace");
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; Identity keeps who is signing in for a few minutes, until the code.
            return Redirect(LoginWithCodeModel.Address(LoginWithCodeModel.Path, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, Input.RememberMe));
        }

        if (result.IsLockedOut && await signIn.UserManager.FindByNameAsync(Input.Email.Trim()) is { } locked && AccountRules.IsLockedByCoordination(locked.LockoutEnd))
        {
            ModelState.AddModelError("", localizer["Ce compte est bloqué par la coordination du réseau. Adressez-vous à elle pour le rouvrir."]);
        }
        else
        {
            ModelState.AddModelError("", result.IsLockedOut
                ? localizer["Trop d’essais : le compte est bloqué pendant 15 minutes. Vous pouvez aussi réinitialiser votre mot de passe."]
                : localizer["Adresse ou mot de passe incorrect."]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
