using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Accounts.Throttling;

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

public sealed class LoginModel(PasswordLogin login, IStringLocalizer<SharedResource> localizer) : PageModel
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

        var result = await login.SignInAsync(Input.Email, Input.Password, Input.RememberMe, AccountThrottle.ClientKey(HttpContext), HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case LoginOutcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/mon-espace");
            case LoginOutcome.RequiresTwoFactor:
                // The password was right; Identity keeps who is signing in for a few minutes, until the code.
                return Redirect(LoginWithCodeModel.Address(LoginWithCodeModel.Path, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, Input.RememberMe));
            case LoginOutcome.Refused:
                ModelState.AddModelError("", localizer["Adresse ou mot de passe incorrect."]);
                break;
            case LoginOutcome.TooManyFailuresForAccount:
                ModelState.AddModelError("", localizer["Trop d’essais : le compte est bloqué pendant 15 minutes. Vous pouvez aussi réinitialiser votre mot de passe."]);
                break;
            case LoginOutcome.LockedByCoordination:
                ModelState.AddModelError("", localizer["Ce compte est bloqué par la coordination du réseau. Adressez-vous à elle pour le rouvrir."]);
                break;
            case LoginOutcome.TooManyFailuresFromClient:
                var minutes = (int)Math.Ceiling(Math.Max(1, result.RetryAfter?.TotalMinutes ?? 1));
                Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 60)).ToString(CultureInfo.InvariantCulture);
                ModelState.AddModelError("", localizer["Trop d’essais de connexion depuis votre réseau. Réessayez dans {0} min.", minutes]);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                throw new InvalidOperationException($"Unknown login outcome {result.Outcome}.");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
