using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Reports;

/// <summary>One report, and what its structure's managers or the coordination decide about it.</summary>
[Authorize]
public sealed class ReportModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    SheetReportNotifier notifier,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [StringLength(SheetReport.NoteMaxLength, ErrorMessage = "La note est trop longue : 2 000 caractères au plus.")]
    public string? Note { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public SheetReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostStartAsync(int id) => DecideAsync(id, (r, _) => r.StartHandling(), "en-cours");

    public Task<IActionResult> OnPostResolveAsync(int id) => DecideAsync(id, (r, me) => r.Resolve(me.Id, me.DisplayName, Note, clock.GetUtcNow()), "resolu");

    public Task<IActionResult> OnPostRejectAsync(int id)
    {
        if (string.IsNullOrWhiteSpace(Note))
        {
            ModelState.AddModelError(nameof(Note), localizer["Dites en une phrase pourquoi le signalement est rejeté."]);
        }

        return DecideAsync(id, (r, me) => r.Reject(me.Id, me.DisplayName, Note!, clock.GetUtcNow()), "rejete");
    }

    public Task<IActionResult> OnPostReopenAsync(int id) => DecideAsync(id, (r, _) => r.Reopen(), "rouvert");

    private async Task<IActionResult> DecideAsync(int id, Action<SheetReport, ReperesUser> decision, string done)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var wasClosed = Report.IsClosed;
        try
        {
            decision(Report, me);
        }
        catch (InvalidOperationException)
        {
            // Someone else decided first (two tabs, two managers): the page shows where it stands now.
            ModelState.AddModelError("", localizer["Ce signalement a changé entre-temps : voici où il en est."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (!wasClosed && Report.IsClosed)
        {
            await notifier.ClosedAsync(Report, Report.Structure.Name, HttpContext.RequestAborted);
        }

        return RedirectToPage("/Freshness/Reports/Report", new { id = Report.Id, fait = done });
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var report = await db.SheetReports.Include(r => r.Structure).FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (report is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, report.Structure, StructureOperations.EditSheet)).Succeeded)
        {
            return Forbid();
        }

        Report = report;
        return null;
    }
}
