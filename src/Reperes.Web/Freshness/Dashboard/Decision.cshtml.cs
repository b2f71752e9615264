using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Freshness.Reports;

namespace Reperes.Web.Freshness.Dashboard;

/// <summary>
/// The coordination's decision on a sheet left unconfirmed: mark it as unverified (it stays online with an honest
/// notice) or take it offline. A page of its own is the confirmation step; each decision is kept in the sheet's
/// history as a revision, without moving its "updated" date (nothing of the sheet was confirmed).
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class DecisionModel(
    ReperesDbContext db,
    StructureWriter writer,
    HoursEvaluator hours,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The names the decisions take in the sheet's history (French, like the other fields).</summary>
    public const string StatusField = StructureWriter.StatusField;
    public const string ReliabilityField = StructureWriter.ReliabilityField;

    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Structure Structure { get; private set; } = null!;

    public FreshnessState State { get; private set; }

    public QualityScore Quality { get; private set; } = null!;

    public DateTimeOffset DueAt { get; private set; }

    public int Managers { get; private set; }

    public int OpenReports { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public Task<IActionResult> OnPostUnverifiedAsync(string slug) => DecideAsync(slug, "non-verifiee", (author, s) =>
        writer.MarkUnverifiedAsync(author, s, HttpContext.RequestAborted));

    /// <summary>Only an online sheet is taken offline from here; its "updated" date stays (a decision confirms nothing).</summary>
    public Task<IActionResult> OnPostOfflineAsync(string slug) => DecideAsync(slug, "hors-ligne", async (author, s) =>
        s.Status == StructureStatus.Online
        && await writer.ChangeStatusAsync(author, s, StructureStatus.Offline, UpdatedDate.Stays, HttpContext.RequestAborted) == StatusChangeOutcome.Changed);

    /// <summary>The structure ceased its activity: its public sheet says so and it leaves the guide, for good.</summary>
    public Task<IActionResult> OnPostClosedAsync(string slug) => DecideAsync(slug, "fermee", async (author, s) =>
        await writer.ChangeStatusAsync(author, s, StructureStatus.PermanentlyClosed, UpdatedDate.Moves, HttpContext.RequestAborted) == StatusChangeOutcome.Changed);

    private async Task<IActionResult> DecideAsync(string slug, string done, Func<StructureAuthor, Structure, Task<bool>> decide)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), localizer["Cochez la case pour confirmer la décision."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Structure.Status == StructureStatus.PermanentlyClosed)
        {
            ModelState.AddModelError("", localizer["Une structure fermée définitivement ne peut être ni remise en ligne ni mise hors ligne."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await decide(await writer.AuthorAsync(User), Structure);
        return RedirectToPage("/Freshness/Dashboard/Decision", new { slug = Structure.Slug, fait = done });
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (slug.Length > 200)
        {
            return NotFound();
        }

        var structure = await db.Structures
            .Include(s => s.Services)
            .FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        Structure = structure;
        State = FreshnessRules.StateOf(structure, Now);
        DueAt = FreshnessRules.DueAt(structure);
        Quality = SheetQuality.Of(structure, hours, Now);
        Managers = await db.Memberships.CountAsync(m => m.StructureId == structure.Id && m.Role == MembershipRole.Manager, HttpContext.RequestAborted);
        OpenReports = await db.SheetReports.CountAsync(r => r.StructureId == structure.Id && (r.Status == ReportStatus.Open || r.Status == ReportStatus.InProgress), HttpContext.RequestAborted);
        return null;
    }
}
