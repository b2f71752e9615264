using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>The pages of a sheet's edit area open the structure the same way: unknown → 404, not allowed → refused.</summary>
internal static class EditArea
{
    /// <summary>The structure (tracked, with its services, their category and need, and its notices), or the refusal to return.</summary>
    public static async Task<(Structure? Structure, IActionResult? Refusal)> OpenAsync(PageModel page, ReperesDbContext db, IAuthorizationService authorization, string slug)
    {
        var structure = await db.Structures
            .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Slug == slug, page.HttpContext.RequestAborted);
        if (structure is null)
        {
            return (null, page.NotFound());
        }

        if (!(await authorization.AuthorizeAsync(page.User, structure, StructureOperations.EditSheet)).Succeeded)
        {
            return (null, page.Forbid());
        }

        return (structure, null);
    }

    public static string Url(Structure structure, string? rest = null) => $"/mon-espace/structure/{structure.Slug}/{rest ?? "modifier"}";
}
