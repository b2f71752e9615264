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
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Back;

public sealed record StructureChoice(string Slug, string Name);

/// <summary>
/// Writing a publication and moving it through its workflow: save a draft, propose it, publish it (now or later),
/// unpublish it, put it in the trash (both confirmed first: ?confirmer=retrait or corbeille). A proposal is decided
/// on its review page (<see cref="ReviewPublicationModel"/>); attachments are on <see cref="AttachmentsModel"/>.
/// </summary>
[Authorize]
public sealed class EditPublicationModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    UserManager<ReperesUser> users,
    PublicationWorkflow workflow,
    GuideCatalog catalog,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PublicationInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? Done { get; set; }

    /// <summary>The step that asks to confirm something that takes the publication away: corbeille or retrait.</summary>
    [BindProperty(SupportsGet = true, Name = "confirmer")]
    public string? Confirming { get; set; }

    public Publication? Publication { get; private set; }

    public IReadOnlyList<StructureChoice> Structures { get; private set; } = [];

    public bool MayWriteForNetwork { get; private set; }

    public bool CanModerate { get; private set; }

    public bool CanFeature { get; private set; }

    public bool CanTrash { get; private set; }

    public bool CanEdit { get; private set; } = true;

    /// <summary>Whether "Publier" is offered: on a new publication, when the person may publish for at least one place.</summary>
    public bool MayPublish { get; private set; }

    public string? PreviewHtml { get; private set; }

    public IReadOnlyList<NeedInfo> AllNeeds => catalog.Needs;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(int? id, string? type, string? structure)
    {
        if (await LoadAsync(id, PublicationOperations.Read) is { } refusal)
        {
            return refusal;
        }

        if (Publication is { } p)
        {
            Input = ToInput(p);
            return Page();
        }

        Input.Kind = PublicationLabels.FromCode(type) ?? PublicationKind.Article;
        Input.Structure = structure is not null && Structures.Any(s => s.Slug == structure) ? structure : Structures.FirstOrDefault()?.Slug;
        if (Input.Structure is null && !MayWriteForNetwork)
        {
            return Forbid();
        }

        // A structure's publication speaks of what it does: its needs are ticked to begin with.
        if (Input.Structure is { } slug)
        {
            Input.Needs = await db.Services.AsNoTracking().Where(s => s.Structure.Slug == slug)
                .Select(s => s.Category.Need.Code).Distinct().ToListAsync(HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? action)
    {
        if (await LoadAsync(id, PublicationOperations.Edit) is { } refusal)
        {
            return refusal;
        }

        // Someone with neither a structure nor the right to write for the network has nothing to publish in.
        if (Publication is null && Structures.Count == 0 && !MayWriteForNetwork)
        {
            return Forbid();
        }

        int? structureId = null;
        if (Publication is null)
        {
            if (!Enum.IsDefined(Input.Kind))
            {
                ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
            }

            if (string.IsNullOrEmpty(Input.Structure))
            {
                if (!MayWriteForNetwork)
                {
                    ModelState.AddModelError("", localizer["Choisissez une structure dont vous faites partie."]);
                }
            }
            else if (await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == Input.Structure, HttpContext.RequestAborted) is not { } chosen
                || !(await authorization.AuthorizeAsync(User, chosen, StructureOperations.WritePublications)).Succeeded)
            {
                ModelState.AddModelError("", localizer["Choisissez une structure dont vous faites partie."]);
            }
            else
            {
                structureId = chosen.Id;
            }
        }
        else
        {
            Input.Kind = Publication.Kind;
            structureId = Publication.StructureId;
            if (!Publication.CanEditContent)
            {
                ModelState.AddModelError("", localizer["Cette publication est à la corbeille : sortez-la de la corbeille pour la modifier."]);
            }
        }

        var content = Validate();
        var needs = await db.Needs.Where(n => Input.Needs.Contains(n.Code)).ToListAsync(HttpContext.RequestAborted);
        if (needs.Count != Input.Needs.Distinct().Count())
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        var wantsToPublish = action == "publish";
        var mayPublish = Publication is null
            ? await PublicationRights.MayPublishAsync(db, User, users.GetUserId(User)!, structureId, HttpContext.RequestAborted)
            : CanModerate;
        if (wantsToPublish && !mayPublish)
        {
            ModelState.AddModelError("", localizer["Vous ne pouvez pas publier pour cette structure : proposez ce texte, il sera validé."]);
        }

        if (action == "propose" && Publication is { CanPropose: false })
        {
            ModelState.AddModelError("", localizer["Cette publication est déjà proposée ou publiée."]);
        }

        if (!ModelState.IsValid || content is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (action == "preview")
        {
            PreviewHtml = SafeMarkdown.ToHtml(content.Body);
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var now = clock.GetUtcNow();
        var publication = Publication;
        if (publication is null)
        {
            publication = new Publication(Input.Kind, structureId, me.Id, me.DisplayName, now, content);
        }
        else
        {
            publication.Edit(content, now);
        }

        publication.SetNeeds(needs);
        var intent = action switch
        {
            "propose" => PublicationWorkflow.Intent.Propose,
            "publish" => PublicationWorkflow.Intent.Publish,
            _ => PublicationWorkflow.Intent.Save,
        };
        var result = await workflow.SubmitAsync(publication, intent, me.Id, PublishFrom(), options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        var step = result is WorkflowResult.Done done ? done.Step : PublicationStep.Saved;
        return Redirect($"/mon-espace/publications/{publication.Id}/modifier?etat={PublicationSteps.Word(step)}");
    }

    public Task<IActionResult> OnPostUnpublishAsync(int id) => DecideAsync(id, PublicationOperations.Moderate, (p, me) => workflow.UnpublishAsync(p, me, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostTrashAsync(int id) => DecideAsync(id, PublicationOperations.Trash, (p, _) => workflow.TrashAsync(p, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRestoreAsync(int id) => DecideAsync(id, PublicationOperations.Trash, (p, _) => workflow.RestoreAsync(p, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostFeatureAsync(int id, bool featured) => DecideAsync(id, PublicationOperations.Feature, (p, _) => workflow.FeatureAsync(p, featured, HttpContext.RequestAborted));

    /// <summary>One workflow step: authorized on the publication, guarded by its state in the workflow.</summary>
    private async Task<IActionResult> DecideAsync(int id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, Func<Publication, string, Task<WorkflowResult>> step)
    {
        if (await LoadAsync(id, operation) is { } refusal)
        {
            return refusal;
        }

        var publication = Publication!;
        Input = ToInput(publication);
        switch (await step(publication, users.GetUserId(User)!))
        {
            case WorkflowResult.Done done:
                return Redirect($"/mon-espace/publications/{publication.Id}/modifier?etat={PublicationSteps.Word(done.Step)}");
            case WorkflowResult.NotPossible:
                if (ModelState.IsValid)
                {
                    ModelState.AddModelError("", localizer["Cette action n’est plus possible : la publication a changé d’état entre-temps."]);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException("Unknown workflow result.");
        }
    }

    private DateTimeOffset? PublishFrom() =>
        Input.PublishOn is { } day ? ParisTime.ToInstant(day, Input.PublishTime ?? TimeOnly.MinValue) : null;

    /// <summary>The content to save, or null with the errors in the model state.</summary>
    private PublicationContent? Validate()
    {
        var today = HoursEvaluator.LocalDate(Now);
        DateTimeOffset? starts = null, ends = null, expires = null;
        if (Input.Kind == PublicationKind.Event)
        {
            if (Input.StartDate is not { } startDate)
            {
                ModelState.AddModelError("Input.StartDate", localizer["Indiquez la date de l’événement."]);
            }
            else
            {
                starts = ParisTime.ToInstant(startDate, Input.StartTime ?? TimeOnly.MinValue);
                if (Input.EndDate is not null || Input.EndTime is not null)
                {
                    ends = ParisTime.ToInstant(Input.EndDate ?? startDate, Input.EndTime ?? new TimeOnly(23, 59));
                    if (ends < starts)
                    {
                        ModelState.AddModelError("Input.EndDate", localizer["La fin de l’événement doit venir après son début."]);
                    }
                }

                if (startDate.Year > today.Year + 5 || startDate.Year < today.Year - 5)
                {
                    ModelState.AddModelError("Input.StartDate", localizer["Cette date est trop lointaine."]);
                }
            }
        }

        if (Input.Kind == PublicationKind.News && Input.ExpiresOn is { } expiresOn)
        {
            if (expiresOn < today || expiresOn.Year > today.Year + 5)
            {
                ModelState.AddModelError("Input.ExpiresOn", localizer["La date de fin d’affichage doit être aujourd’hui ou plus tard, dans les cinq ans."]);
            }

            // Shown until the end of that day, in Brest.
            expires = ParisTime.ToInstant(expiresOn.AddDays(1), TimeOnly.MinValue);
        }

        if (Input.PublishOn is { } publishOn && (publishOn.Year > today.Year + 5 || publishOn < today.AddYears(-1)))
        {
            ModelState.AddModelError("Input.PublishOn", localizer["Cette date est trop lointaine."]);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var summary = string.IsNullOrWhiteSpace(Input.Summary) ? SafeMarkdown.ToPlainText(Input.Body, 240) : Input.Summary;
        return new PublicationContent(Input.Title, summary, Input.Body, starts, ends, Input.Place, Input.Audience, Input.Registration, Input.Capacity, expires);
    }

    private static PublicationInput ToInput(Publication p)
    {
        var starts = p.StartsAt is { } s ? ParisTime.Local(s) : (DateTime?)null;
        var ends = p.EndsAt is { } e ? ParisTime.Local(e) : (DateTime?)null;
        var publishFrom = p.PublishFrom is { } f ? ParisTime.Local(f) : (DateTime?)null;
        return new PublicationInput
        {
            Kind = p.Kind,
            Structure = p.Structure?.Slug,
            Title = p.Title,
            Summary = p.Summary,
            Body = p.Body,
            StartDate = starts is { } sd ? DateOnly.FromDateTime(sd) : null,
            StartTime = starts is { } st ? TimeOnly.FromDateTime(st) : null,
            EndDate = ends is { } ed ? DateOnly.FromDateTime(ed) : null,
            EndTime = ends is { } et ? TimeOnly.FromDateTime(et) : null,
            Place = p.Place,
            Audience = p.Audience,
            Registration = p.Registration,
            Capacity = p.Capacity,
            ExpiresOn = p.ExpiresAt is { } x ? DateOnly.FromDateTime(ParisTime.Local(x)).AddDays(-1) : null,
            PublishOn = publishFrom is { } pd ? DateOnly.FromDateTime(pd) : null,
            PublishTime = publishFrom is { } pt ? TimeOnly.FromDateTime(pt) : null,
            Needs = p.Needs.Select(n => n.Code).ToList(),
        };
    }

    private async Task<IActionResult?> LoadAsync(int? id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var userId = users.GetUserId(User)!;
        MayWriteForNetwork = PublicationRights.MayWriteForNetwork(User);
        Structures = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Structure.SortName).ThenBy(m => m.Structure.Name)
            .Select(m => new StructureChoice(m.Structure.Slug, m.Structure.Name))
            .ToListAsync(HttpContext.RequestAborted);
        if (id is null)
        {
            MayPublish = User.IsInRole(NetworkRoles.Coordinator) || User.IsInRole(NetworkRoles.Moderator)
                || await db.Memberships.AnyAsync(m => m.UserId == userId && (m.Role == MembershipRole.Manager || m.CanPublish), HttpContext.RequestAborted);

            // The coordinator may write for any structure: the one asked for is offered.
            if (User.IsInRole(NetworkRoles.Coordinator) && Request.Query["structure"].ToString() is { Length: > 0 and <= 200 } slug
                && Structures.All(s => s.Slug != slug)
                && await db.Structures.AsNoTracking().Where(s => s.Slug == slug).Select(s => new StructureChoice(s.Slug, s.Name)).FirstOrDefaultAsync(HttpContext.RequestAborted) is { } asked)
            {
                Structures = [asked, .. Structures];
            }

            return null;
        }

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

        // Reading the form needs only the right to read; each action checks its own right.
        var read = await authorization.AuthorizeAsync(User, publication, PublicationOperations.Read);
        if (!read.Succeeded || !(await authorization.AuthorizeAsync(User, publication, operation)).Succeeded)
        {
            return Forbid();
        }

        Publication = publication;
        CanModerate = (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Moderate)).Succeeded;
        CanFeature = (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Feature)).Succeeded;
        CanTrash = (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Trash)).Succeeded;
        CanEdit = publication.CanEditContent && (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Edit)).Succeeded;
        MayPublish = CanModerate;
        return null;
    }
}
