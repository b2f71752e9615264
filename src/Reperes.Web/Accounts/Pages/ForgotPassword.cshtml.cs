using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Accounts.Pages;

public sealed class ForgotPasswordModel(UserManager<ReperesUser> users, IMailer mailer, IOptions<ReperesOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "envoye")]
    public bool Sent { get; set; }

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

        // Same answer whether the account exists or not: the page must not reveal who has an account.
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = $"{options.Value.BaseUrl(Request)}/reinitialiser-mot-de-passe?email={Uri.EscapeDataString(user.Email!)}&code={token}";
            var sent = await mailer.TrySendAsync(user.Email!, localizer["Repères : choisir un nouveau mot de passe"],
                localizer["Bonjour {0},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures, une seule fois) :\n{1}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n\nL’équipe Repères", user.DisplayName, link],
                HttpContext.RequestAborted);
            if (!sent)
            {
                // Said plainly rather than "a message was sent" that will never come; only a server fault shows it.
                ModelState.AddModelError(string.Empty, localizer["Le message n’a pas pu partir : le serveur de messagerie ne répond pas. Réessayez dans quelques minutes."]);
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
            }
        }

        return RedirectToPage(new { envoye = true });
    }
}
