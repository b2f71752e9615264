using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>A request's document, to its sender and the receiving structure's members only, as a download never shown inline.</summary>
[Authorize]
public sealed class ReferralDocumentModel(ReperesDbContext db, UserManager<ReperesUser> users, ReferralDocuments documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (referral is null || users.GetUserId(User) is not { } me
            || await ReferralAccess.ViewerAsync(db, referral, me, HttpContext.RequestAborted) == ReferralViewer.None)
        {
            return NotFound();
        }

        return Serve(HttpContext, documents, referral);
    }

    /// <summary>The file as a download, private to its reader (no shared cache keeps it), or a 404 when there is none.</summary>
    public static IActionResult Serve(HttpContext context, ReferralDocuments documents, Referral referral)
    {
        if (documents.PathOf(referral.DocumentFile) is not { } path || referral.DocumentType is not { } type)
        {
            return new NotFoundResult();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return new PhysicalFileResult(path, type) { FileDownloadName = "adressage-" + referral.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + Path.GetExtension(path) };
    }
}
