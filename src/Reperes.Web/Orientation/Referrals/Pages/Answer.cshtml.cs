using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>
/// The structure's answer by the single-use link of its e-mail (<c>/adressage/{token}</c>), no account needed: the
/// request and the three answers. A link already used or expired says so with a 410 and shows nothing of the
/// request; an unknown one a 404; neither changes anything.
/// </summary>
public sealed class AnswerModel(
    ReperesDbContext db,
    ReferralAnswers answers,
    ReferralDocuments documents,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static string PathOf(string token) => ReferralPaths.Answer(token);

    public Referral? Referral { get; private set; }

    public string StructureName { get; private set; } = "";

    /// <summary>The request was found but the link no longer answers it (answered, expired).</summary>
    public Referral? Spent { get; private set; }

    [BindProperty]
    public string? AnswerText { get; set; }

    public ReferralDecision? Decision { get; private set; }

    public string? AnswerError { get; private set; }

    /// <summary>The answer just given (the link is spent now: the page says what was answered).</summary>
    [BindProperty(SupportsGet = true, Name = "reponse")]
    public string? Answered { get; set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : NotAnswerable();

    public async Task<IActionResult> OnGetDocumentAsync(string token) =>
        await LoadAsync(token) ? ReferralDocumentModel.Serve(HttpContext, documents, Referral!) : NotAnswerable();

    public Task<IActionResult> OnPostAcceptAsync(string token) => AnswerAsync(token, ReferralDecision.Accept);

    public Task<IActionResult> OnPostRefuseAsync(string token) => AnswerAsync(token, ReferralDecision.Refuse);

    public Task<IActionResult> OnPostContactAsync(string token) => AnswerAsync(token, ReferralDecision.AskContact);

    private async Task<IActionResult> AnswerAsync(string token, ReferralDecision decision)
    {
        if (!await LoadAsync(token))
        {
            return NotAnswerable();
        }

        Decision = decision;
        var outcome = await answers.AnswerAsync(Referral!, decision, AnswerText, null, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        switch (outcome)
        {
            case ReferralAnswerOutcome.Done:
                // The link is spent: the confirmation is a page of its own, which shows nothing of the request.
                return RedirectToPage("/Orientation/Referrals/Pages/Answered", new { etat = (int)Referral!.State });
            case ReferralAnswerOutcome.TextInvalid:
                AnswerError = ReferralAnswerTexts.Missing(decision, localizer);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case ReferralAnswerOutcome.NotAnswerable:
                await LoadAsync(token);
                return NotAnswerable();
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    /// <summary>True when the link answers a request waiting for its answer.</summary>
    private async Task<bool> LoadAsync(string token)
    {
        db.ChangeTracker.Clear();
        Referral = null;
        Spent = null;
        if (!Referral.LooksLikeToken(token))
        {
            return false;
        }

        var hash = Referral.HashOf(token);
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.TokenHash == hash || r.ReminderTokenHash == hash, HttpContext.RequestAborted);
        if (referral is null)
        {
            return false;
        }

        if (referral.State != ReferralState.Sent || referral.IsErased)
        {
            Spent = referral;
            return false;
        }

        Referral = referral;
        StructureName = await db.Structures.AsNoTracking().Where(s => s.Id == referral.StructureId).Select(s => s.Name).FirstAsync(HttpContext.RequestAborted);
        return true;
    }

    /// <summary>Unknown: 404; spent or expired: 410. Either way a page that says so, and nothing of the request.</summary>
    private PageResult NotAnswerable()
    {
        Response.StatusCode = Spent is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        Referral = null;
        return Page();
    }
}
