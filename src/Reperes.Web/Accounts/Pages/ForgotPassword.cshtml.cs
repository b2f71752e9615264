using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Accounts.Throttling;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Accounts.Pages;

public sealed class ForgotPasswordModel(AccountThrottle throttle, MailQueue mails) : PageModel
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

        // The same answer, at once, whether the account exists or not, whether this address already had its message
        // lately (then nothing more is sent) and whether the mail server answers: the message is written and sent
        // after the answer, and its failures are only logged.
        var email = Email.Trim();
        if (await throttle.TryTakeAsync([(ThrottleRule.ResetForAccount, AccountThrottle.AccountKey(email)), (ThrottleRule.ResetFromClient, AccountThrottle.ClientKey(HttpContext))], HttpContext.RequestAborted))
        {
            mails.Enqueue("password reset", (services, cancellationToken) => PasswordResetMail.WriteAsync(services, email, cancellationToken));
        }

        return RedirectToPage(new { envoye = true });
    }
}
