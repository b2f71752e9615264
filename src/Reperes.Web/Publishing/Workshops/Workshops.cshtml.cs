using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Workshops;

public sealed record WorkshopSummary(int Id, string Title, DateOnly HeldOn, string FacilitatorName, bool IsOpen, int Texts);

/// <summary>A structure's writing workshops: the list, and opening a new one.</summary>
[Authorize]
public sealed class WorkshopsModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Donnez un nom à l’atelier.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string Title { get; set; } = "";

    [BindProperty]
    public DateOnly? HeldOn { get; set; }

    public Structure Structure { get; private set; } = null!;

    public IReadOnlyList<WorkshopSummary> Workshops { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        HeldOn = HoursEvaluator.LocalDate(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        if (HeldOn is not { } heldOn)
        {
            ModelState.AddModelError(nameof(HeldOn), localizer["Indiquez la date de l’atelier."]);
        }
        else if (Math.Abs(heldOn.DayNumber - today.DayNumber) > 366)
        {
            ModelState.AddModelError(nameof(HeldOn), localizer["Cette date est trop lointaine."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var workshop = new Workshop(Structure.Id, Title, HeldOn!.Value, me.Id, me.DisplayName, clock.GetUtcNow());
        db.Workshops.Add(workshop);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Publishing/Workshops/WorkshopSession", new { id = workshop.Id });
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, structure, StructureOperations.WritePublications)).Succeeded)
        {
            return Forbid();
        }

        Structure = structure;
        Workshops = await db.Workshops.AsNoTracking().Where(w => w.StructureId == structure.Id)
            .OrderByDescending(w => w.HeldOn).ThenByDescending(w => w.Id).Take(200)
            .Select(w => new WorkshopSummary(w.Id, w.Title, w.HeldOn, w.FacilitatorName, w.ClosedAt == null, db.Publications.Count(p => p.WorkshopId == w.Id)))
            .ToListAsync(HttpContext.RequestAborted);
        return null;
    }
}
