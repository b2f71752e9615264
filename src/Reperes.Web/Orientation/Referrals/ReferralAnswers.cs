using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals;

public enum ReferralDecision
{
    Accept = 0,
    Refuse = 1,
    AskContact = 2,
}

public enum ReferralAnswerOutcome
{
    Done = 0,

    /// <summary>The appointment (acceptance) or the reason (refusal) is missing or too long; nothing changed.</summary>
    TextInvalid = 1,

    /// <summary>The request was answered, expired or erased meanwhile; nothing changed.</summary>
    NotAnswerable = 2,
}

/// <summary>The structure's answer, by its e-mail's link or in its space: the state machine's step, saved once, then the professional told.</summary>
public sealed class ReferralAnswers(ReperesDbContext db, ReferralNotifier notifier, TimeProvider clock)
{
    public async Task<ReferralAnswerOutcome> AnswerAsync(Referral referral, ReferralDecision decision, string? text, string? by, string baseUrl, CancellationToken cancellationToken)
    {
        text = text?.Trim();
        if (decision is ReferralDecision.Accept or ReferralDecision.Refuse && (string.IsNullOrEmpty(text) || text.Length > Referral.AnswerMaxLength))
        {
            return ReferralAnswerOutcome.TextInvalid;
        }

        if (!referral.IsAnswerable || (decision == ReferralDecision.AskContact && referral.State != ReferralState.Sent))
        {
            return ReferralAnswerOutcome.NotAnswerable;
        }

        var now = clock.GetUtcNow();
        switch (decision)
        {
            case ReferralDecision.Accept:
                referral.Accept(by, now, text!);
                break;
            case ReferralDecision.Refuse:
                referral.Refuse(by, now, text!);
                break;
            case ReferralDecision.AskContact:
                referral.AskContact(by, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision, null);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Answered at the same moment elsewhere (the link and the space, two members): the first answer stands.
            return ReferralAnswerOutcome.NotAnswerable;
        }

        var structureName = await db.Structures.AsNoTracking().Where(s => s.Id == referral.StructureId).Select(s => s.Name).FirstAsync(cancellationToken);
        await notifier.ProfessionalToldAsync(referral, structureName, baseUrl, cancellationToken);
        return ReferralAnswerOutcome.Done;
    }
}
