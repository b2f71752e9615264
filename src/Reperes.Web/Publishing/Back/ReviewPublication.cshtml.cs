using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Back;

/// <summary>
/// The review of a proposal, for those who may publish it: the text exactly as it will appear, its files, who wrote
/// it and for which structure; then publish it (now or from a date) or refuse it with a reason its author will read.
/// The decisions go through the publication's own guarded transitions; the author is told by e-mail.
/// </summary>
[Authorize]
public sealed class ReviewPublicationModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    PublicationWorkflow workflow,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The value of the button that publishes at once; the other one schedules.</summary>
    public const string Now = "maintenant";

    public const string Later = "programmer";

    public Publication Publication { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    /// <summary>When the author's workshop took place, for a participant's text.</summary>
    public string? WorkshopTitle { get; private set; }

    public DateTimeOffset At { get; } = clock.GetUtcNow();

    public DateOnly Today => HoursEvaluator.LocalDate(At);

    [BindProperty]
    public DateOnly? PublishOn { get; set; }

    [BindProperty]
    public TimeOnly? PublishTime { get; set; }

    [BindProperty]
    public string? When { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        DateTimeOffset? from = null;
        if (When == Later)
        {
            if (PublishOn is not { } day)
            {
                ModelState.AddModelError(nameof(PublishOn), localizer["Indiquez le jour de la publication, ou publiez tout de suite."]);
            }
            else if (day.Year > Today.Year + 5)
            {
                ModelState.AddModelError(nameof(PublishOn), localizer["Cette date est trop lointaine."]);
            }
            else
            {
                from = ParisTime.ToInstant(day, PublishTime ?? TimeOnly.MinValue);
                if (from <= At)
                {
                    ModelState.AddModelError(nameof(PublishOn), localizer["Ce moment est déjà passé : choisissez un jour à venir, ou publiez tout de suite."]);
                }
            }
        }
        else if (When != Now)
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Decided(await workflow.PublishAsync(Publication, users.GetUserId(User)!, from, options.Value.LinkBaseUrl, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostRefuseAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (Reason is { Length: > 2000 })
        {
            return Refused(StepRefusal.ReasonRequired);
        }

        return Decided(await workflow.RefuseAsync(Publication, users.GetUserId(User)!, Reason, options.Value.LinkBaseUrl, HttpContext.RequestAborted));
    }

    /// <summary>Back to the queue with what was done, or the page again saying why it could not be done.</summary>
    private IActionResult Decided(WorkflowResult result) => result switch
    {
        WorkflowResult.Done done => Redirect($"{ModerationQueueModel.Path}?fait={PublicationSteps.Word(done.Step)}&publication={Publication.Id}"),
        WorkflowResult.NotPossible refused => Refused(refused.Why),
        _ => throw new InvalidOperationException("Unknown workflow result."),
    };

    private PageResult Refused(StepRefusal why)
    {
        switch (why)
        {
            case StepRefusal.ReasonRequired:
                ModelState.AddModelError(nameof(Reason), localizer["Dites en quelques mots pourquoi ce texte n’est pas publié (2 000 caractères au plus) : son auteur le lira."]);
                break;
            case StepRefusal.StateChanged:
                ModelState.AddModelError("", localizer["Cette action n’est plus possible : la publication a changé d’état entre-temps."]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(why), why, null);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The publication, if the person may decide on it (a 404 when it does not exist, a 403 otherwise).</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var publication = await db.Publications
            .Include(p => p.Structure)
            .Include(p => p.Needs)
            .Include(p => p.Attachments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (publication is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, publication, PublicationOperations.Moderate)).Succeeded)
        {
            return Forbid();
        }

        Publication = publication;
        BodyHtml = SafeMarkdown.ToHtml(publication.Body);
        WorkshopTitle = publication.WorkshopId is { } workshopId
            ? await db.Workshops.AsNoTracking().Where(w => w.Id == workshopId).Select(w => w.Title).FirstOrDefaultAsync(HttpContext.RequestAborted)
            : null;
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
