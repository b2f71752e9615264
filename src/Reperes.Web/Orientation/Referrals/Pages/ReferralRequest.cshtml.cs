using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>
/// One request, for its sender (its state and the answer) and for the receiving structure's members (who may answer
/// here too). Anyone else, the coordinator included, gets a 404.
/// </summary>
[Authorize]
public sealed class ReferralRequestModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    ReferralAnswers answers,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Referral Referral { get; private set; } = null!;

    public string StructureName { get; private set; } = "";

    public ReferralViewer Viewer { get; private set; }

    public string? AnswerError { get; private set; }

    [BindProperty]
    public string? AnswerText { get; set; }

    public ReferralDecision? Decision { get; private set; }

    [BindProperty(SupportsGet = true, Name = "envoye")]
    public string? Sent { get; set; }

    [BindProperty(SupportsGet = true, Name = "reponse")]
    public string? Answered { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(int id) => AnswerAsync(id, ReferralDecision.Accept);

    public Task<IActionResult> OnPostRefuseAsync(int id) => AnswerAsync(id, ReferralDecision.Refuse);

    public Task<IActionResult> OnPostContactAsync(int id) => AnswerAsync(id, ReferralDecision.AskContact);

    private async Task<IActionResult> AnswerAsync(int id, ReferralDecision decision)
    {
        // Only the structure's members answer; the sender reads.
        if (!await LoadAsync(id) || Viewer != ReferralViewer.Member)
        {
            return NotFound();
        }

        Decision = decision;
        var outcome = await answers.AnswerAsync(Referral, decision, AnswerText, users.GetUserId(User), options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        switch (outcome)
        {
            case ReferralAnswerOutcome.Done:
                return RedirectToPage("/Orientation/Referrals/Pages/ReferralRequest", new { id, reponse = "oui" });
            case ReferralAnswerOutcome.TextInvalid:
                AnswerError = ReferralAnswerTexts.Missing(decision, localizer);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case ReferralAnswerOutcome.NotAnswerable:
                AnswerError = localizer["Cette demande a changé entre-temps : voici où elle en est."];
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadAsync(id);
                return Page();
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        db.ChangeTracker.Clear();
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (referral is null || users.GetUserId(User) is not { } me)
        {
            return false;
        }

        Viewer = await ReferralAccess.ViewerAsync(db, referral, me, HttpContext.RequestAborted);
        if (Viewer == ReferralViewer.None)
        {
            return false;
        }

        Referral = referral;
        StructureName = await db.Structures.AsNoTracking().Where(s => s.Id == referral.StructureId).Select(s => s.Name).FirstAsync(HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>The message of an answer without its required text.</summary>
public static class ReferralAnswerTexts
{
    public static string Missing(ReferralDecision decision, IStringLocalizer localizer) => decision switch
    {
        ReferralDecision.Accept => localizer["Pour accepter, écrivez le rendez-vous ou la suite (500 caractères au plus)."],
        ReferralDecision.Refuse => localizer["Pour refuser, écrivez la raison (500 caractères au plus) : le professionnel pourra adresser la personne ailleurs."],
        ReferralDecision.AskContact => localizer["Cette demande a changé entre-temps : voici où elle en est."],
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
