using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Orientation.Professionals;

/// <summary>
/// The link of the confirmation e-mail. Confirming is a button (a POST), so that a mail scanner opening the link
/// confirms nothing; a wrong or spent link says so and changes nothing.
/// </summary>
public sealed class ConfirmRegistrationModel(
    UserManager<ReperesUser> users,
    ProfessionalRegistration registration,
    IOptions<ReperesOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "compte")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Code { get; set; }

    public RegistrationOutcome? Outcome { get; private set; }

    public bool Invalid { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code) || UserId.Length > 100 || Code.Length > 2000)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code) || UserId.Length > 100 || Code.Length > 2000
            || await users.FindByIdAsync(UserId) is not { } user || Decode(Code) is not { } token)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!user.EmailConfirmed)
        {
            var confirmed = await users.ConfirmEmailAsync(user, token);
            if (!confirmed.Succeeded)
            {
                Invalid = true;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        Outcome = await registration.AddressConfirmedAsync(user, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return Page();
    }

    private static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
