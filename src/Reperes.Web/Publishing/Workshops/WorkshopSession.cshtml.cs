using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Workshops;

public sealed class ParticipantText
{
    [Required(ErrorMessage = "Indiquez le prénom ou le pseudonyme choisi par la personne.")]
    [StringLength(60, ErrorMessage = "Le prénom ou pseudonyme est trop long : 60 caractères au plus.")]
    public string Signature { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "La personne doit avoir donné son accord pour que son texte soit publié.")]
    public bool Consent { get; set; }

    [Required(ErrorMessage = "Indiquez un titre.")]
    [StringLength(200, ErrorMessage = "Le titre est trop long : 200 caractères au plus.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Écrivez le texte.")]
    [StringLength(20_000, ErrorMessage = "Le texte est trop long : 20 000 caractères au plus.")]
    public string Body { get; set; } = "";
}

public sealed record WorkshopText(int Id, string Title, string? Signature, PublicationStatus Status, bool Scheduled);

/// <summary>
/// One workshop: its facilitator enters each participant's text under the name they chose, records their
/// consent, and the text is proposed for validation. Photos and recordings are added to each text afterwards.
/// </summary>
[Authorize]
public sealed class WorkshopSessionModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    PublicationWorkflow workflow,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ParticipantText Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "ajoute")]
    public int? Added { get; set; }

    public Workshop Workshop { get; private set; } = null!;

    public IReadOnlyList<WorkshopText> Texts { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!Workshop.IsOpen)
        {
            ModelState.AddModelError("", localizer["Cet atelier est clos : rouvrez-le pour saisir un texte."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var now = clock.GetUtcNow();
        var summary = SafeMarkdown.ToPlainText(Input.Body, 240);
        var publication = new Publication(PublicationKind.Article, Workshop.StructureId, me.Id, me.DisplayName, now, new PublicationContent(Input.Title, summary, Input.Body));
        publication.SignForWorkshop(Workshop.Id, Input.Signature, now);
        await workflow.SubmitAsync(publication, PublicationWorkflow.Intent.Propose, me.Id, null, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return RedirectToPage("/Publishing/Workshops/WorkshopSession", new { id = Workshop.Id, ajoute = publication.Id });
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, bool reopen)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var workshop = await db.Workshops.FirstAsync(w => w.Id == id, HttpContext.RequestAborted);
        if (reopen)
        {
            workshop.Reopen();
        }
        else if (workshop.IsOpen)
        {
            workshop.Close(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Publishing/Workshops/WorkshopSession", new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var workshop = await db.Workshops.AsNoTracking().Include(w => w.Structure).FirstOrDefaultAsync(w => w.Id == id, HttpContext.RequestAborted);
        if (workshop is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, workshop.Structure, StructureOperations.WritePublications)).Succeeded)
        {
            return Forbid();
        }

        Workshop = workshop;
        var now = Now;
        Texts = (await db.Publications.AsNoTracking().Where(p => p.WorkshopId == id).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Title, p.Signature, p.Status, p.PublishFrom })
                .ToListAsync(HttpContext.RequestAborted))
            .Select(p => new WorkshopText(p.Id, p.Title, p.Signature, p.Status, p.Status == PublicationStatus.Published && p.PublishFrom > now))
            .ToList();
        return null;
    }
}
