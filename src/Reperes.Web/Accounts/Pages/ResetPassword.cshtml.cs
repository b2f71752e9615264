using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Reperes.Web.Accounts.Throttling;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

public sealed class ResetPasswordInput
{
    [Required]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [Required]
    [StringLength(2000)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit compter au moins 10 caractères.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    public string Confirmation { get; set; } = "";
}

public sealed class ResetPasswordModel(UserManager<ReperesUser> users, AccountThrottle throttle, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool LinkIsIncomplete { get; private set; }

    public void OnGet(string? email, string? code)
    {
        Input.Email = email ?? "";
        Input.Code = code ?? "";
        LinkIsIncomplete = string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code));
        }
        catch (FormatException)
        {
            token = "";
        }

        var result = user is null ? IdentityResult.Failed() : await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            // A new password ends the wrong guesses of the old one, not a lock by the coordination.
            if (!AccountRules.IsLockedByCoordination(user!.LockoutEnd))
            {
                await users.SetLockoutEndDateAsync(user, null);
            }

            await users.ResetAccessFailedCountAsync(user);
            await throttle.ForgetAsync(ThrottleRule.LoginFailureForAccount, AccountThrottle.AccountKey(Input.Email), HttpContext.RequestAborted);
            return RedirectToPage("/Accounts/Pages/Login", new { reinitialise = "true" });
        }

        ModelState.AddModelError("", localizer["Ce lien n’est plus valable (déjà utilisé ou trop ancien) : demandez-en un nouveau."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
