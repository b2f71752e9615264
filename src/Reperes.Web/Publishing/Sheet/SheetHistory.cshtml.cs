using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>Who changed what on a sheet, and when: the most recent first.</summary>
[Authorize]
public sealed class SheetHistoryModel(ReperesDbContext db, IAuthorizationService authorization) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    /// <summary>The person may edit the sheet, hence restore a version of it.</summary>
    public bool CanRestore { get; private set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public IReadOnlyList<SheetRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, structure, StructureOperations.ReadHistory)).Succeeded)
        {
            return Forbid();
        }

        Structure = structure;
        CanRestore = (await authorization.AuthorizeAsync(User, structure, StructureOperations.EditSheet)).Succeeded;
        // The 500 most recent (the index on (structure, at) serves both the filter and the order).
        Revisions = await db.SheetRevisions.AsNoTracking().Where(r => r.StructureId == structure.Id)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(500).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
