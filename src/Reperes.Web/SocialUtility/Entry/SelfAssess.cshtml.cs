using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>A self-assessment session as the form sends it: one rating (1–4) and comment per criterion, by criterion id.</summary>
public sealed class SelfAssessmentInput
{
    public string? HeldOn { get; set; }

    public string? Participants { get; set; }

    public Dictionary<int, string?> Ratings { get; set; } = [];

    public Dictionary<int, string?> Comments { get; set; } = [];
}

/// <summary>
/// The team's self-assessment of a period: on the day of the session, each criterion of the action's framework rated from
/// 1 (not at all) to 4 (fully) with a comment; the earlier sessions of the period below with their ratings.
/// </summary>
[Authorize]
public sealed class SelfAssessModel(
    ReperesDbContext db,
    EvaluationAccess access,
    UserManager<ReperesUser> users,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SelfAssessmentInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "enregistree")]
    public bool Saved { get; set; }

    public PeriodEntry Entry { get; private set; } = null!;

    public IReadOnlyList<SelfAssessment> Sessions { get; private set; } = [];

    /// <summary>Errors by field: "HeldOn", "Participants", "Rating-{criterionId}", "Comment-{criterionId}", "" for the form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        Input = new SelfAssessmentInput { HeldOn = PeriodEntry.Iso(Entry.DefaultCollection) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        if (Entry.ClosedReason is { } closed)
        {
            Errors[""] = localizer[closed];
            return Refused();
        }

        var heldOn = Entry.CollectionDate(Input.HeldOn, nameof(Input.HeldOn), Errors, localizer);
        if (Input.Participants?.Trim().Length > 500)
        {
            Errors[nameof(Input.Participants)] = localizer["La liste des participants est trop longue : 500 caractères au plus."];
        }

        var criteria = Entry.Criteria.Select(c => c.Id).ToHashSet();
        if (Input.Ratings.Keys.Concat(Input.Comments.Keys).Any(id => !criteria.Contains(id)))
        {
            Errors[""] = localizer["Un critère de ce formulaire n’est pas (ou plus) dans le référentiel de cette action : rechargez la page."];
        }

        var ratings = new List<(int CriterionId, int Rating, string? Comment)>();
        foreach (var criterionId in criteria)
        {
            var typed = Input.Ratings.GetValueOrDefault(criterionId);
            var comment = Input.Comments.GetValueOrDefault(criterionId)?.Trim();
            if (comment?.Length > 2000)
            {
                Errors[$"Comment-{criterionId}"] = localizer["Le commentaire est trop long : 2 000 caractères au plus."];
            }

            if (string.IsNullOrWhiteSpace(typed))
            {
                if (!string.IsNullOrEmpty(comment))
                {
                    Errors[$"Rating-{criterionId}"] = localizer["Choisissez une note pour ce critère, ou effacez son commentaire."];
                }

                continue;
            }

            if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var rating)
                && rating is >= SelfAssessment.LowestRating and <= SelfAssessment.HighestRating)
            {
                ratings.Add((criterionId, rating, comment));
            }
            else
            {
                Errors[$"Rating-{criterionId}"] = localizer["Choisissez une note de 1 à 4."];
            }
        }

        if (ratings.Count == 0 && Errors.Count == 0)
        {
            Errors[""] = localizer["Notez au moins un critère."];
        }

        if (Errors.Count > 0 || heldOn is not { } day)
        {
            return Refused();
        }

        var session = new SelfAssessment(Entry.Period.Id, day, Input.Participants, users.GetUserId(User)!, clock.GetUtcNow());
        foreach (var (criterionId, rating, comment) in ratings)
        {
            session.Rate(criterionId, rating, comment);
        }

        db.SelfAssessments.Add(session);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{Entry.BaseUrl}/auto-evaluation?enregistree=true#seances");
    }

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    public string CriterionName(int criterionId) => Entry.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Name ?? "";

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, int actionId, int periodId)
    {
        var (entry, refusal) = await PeriodEntry.OpenAsync(this, access, clock, slug, actionId, periodId, StructureOperations.RecordEvaluation);
        if (entry is null)
        {
            return refusal;
        }

        Entry = entry;
        Sessions = await db.SelfAssessments.AsNoTracking().Include(s => s.Ratings)
            .Where(s => s.PeriodId == entry.Period.Id)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
            .ToListAsync(HttpContext.RequestAborted);
        return null;
    }
}
