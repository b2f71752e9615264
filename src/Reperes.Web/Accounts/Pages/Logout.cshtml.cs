using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>Logging out is a POST (antiforgery): a link or an image cannot log someone out.</summary>
public sealed class LogoutModel(SignInManager<ReperesUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
