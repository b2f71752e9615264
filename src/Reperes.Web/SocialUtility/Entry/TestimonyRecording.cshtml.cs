using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>
/// A testimony's recording, to those who may read the structure's evaluation only: with the type found in its content,
/// never kept by a shared cache, in ranges (a phone's player asks for pieces). Another structure's testimony is not found.
/// </summary>
[Authorize]
public sealed class TestimonyRecordingModel(ReperesDbContext db, EvaluationAccess access, TestimonyRecordings recordings) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, int testimonyId)
    {
        var scope = await access.OpenAsync(User, slug, StructureOperations.ReadEvaluation, HttpContext.RequestAborted);
        if (scope.Structure is not { } structure)
        {
            return scope.RefusalStatus == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        }

        var testimony = await db.Testimonies.AsNoTracking()
            .Where(t => t.Id == testimonyId && t.StructureId == structure.Id)
            .Select(t => new { t.RecordingName, t.RecordingType })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (testimony?.RecordingType is not { } type || recordings.PathOf(testimony.RecordingName) is not { } path)
        {
            return NotFound();
        }

        var headers = Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        return new PhysicalFileResult(path, type) { EnableRangeProcessing = true };
    }
}
