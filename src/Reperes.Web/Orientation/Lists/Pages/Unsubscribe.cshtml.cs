using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists.Pages;

/// <summary>
/// The digest's unsubscribe link, without signing in: the signed token names the account. Opening it only asks
/// (mail scanners open links); the button stops the digest.
/// </summary>
[AllowAnonymous]
public sealed class DigestUnsubscribeModel(ReperesDbContext db, DigestUnsubscribe unsubscribe) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        Valid = unsubscribe.UserIdOf(Token) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (unsubscribe.UserIdOf(Token) is not { } userId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Valid = true;
        if (await db.ListWatches.SingleOrDefaultAsync(w => w.UserId == userId, HttpContext.RequestAborted) is { } watch)
        {
            watch.UnsubscribeFromDigest();
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        Done = true;
        return Page();
    }
}
