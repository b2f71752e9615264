using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>
/// The e-mails of referral requests. None carries the request's content (an e-mail travels and stays in mailboxes):
/// they say which service, who sends, the state, and give the link where those allowed read the rest.
/// </summary>
public sealed class ReferralNotifier(ReperesDbContext db, IMailer mailer, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The structure's members, else the sheet's e-mail: who receives a structure's requests.</summary>
    public async Task<IReadOnlyList<string>> StructureRecipientsAsync(int structureId, CancellationToken cancellationToken)
    {
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.StructureId == structureId)
            .OrderBy(m => m.Id)
            .Select(m => m.User.Email!)
            .ToListAsync(cancellationToken);
        var list = members.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > 0)
        {
            return list;
        }

        var sheetEmail = await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Email).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(sheetEmail) ? [] : [sheetEmail];
    }

    /// <summary>The new request to the structure, with its single-use answer link; false when no message left.</summary>
    public async Task<bool> SentAsync(Referral referral, string structureName, string token, string baseUrl, CancellationToken cancellationToken)
    {
        var subject = localizer["Repères : une demande d’adressage pour « {0} »", referral.ServiceName];
        var body = localizer[
            "Bonjour,\n\n{0} vous adresse une personne pour le service « {1} » de {2}, avec son accord.\n\nLisez la demande et répondez (accepter, refuser, ou demander à être contacté) par ce lien, sans compte ; il sert une seule fois :\n{3}\n\nLes membres de l’équipe la trouvent aussi dans Mon espace : {4}\n\nSans réponse, la demande expire le {5}.\n\n— Repères",
            referral.SenderLabel, referral.ServiceName, structureName, AnswerLink(baseUrl, token), baseUrl + ReferralPaths.List, Day(referral.SentAt + Referral.ExpiresAfter)];
        return await SendToStructureAsync(referral.StructureId, subject, body, cancellationToken);
    }

    /// <summary>The reminder, ten days without an answer, with its own link.</summary>
    public async Task<bool> RemindedAsync(Referral referral, string structureName, string token, string baseUrl, CancellationToken cancellationToken)
    {
        var subject = localizer["Rappel — Repères : une demande d’adressage attend votre réponse (« {0} »)", referral.ServiceName];
        var body = localizer[
            "Bonjour,\n\n{0} vous a adressé une personne le {1} pour le service « {2} » de {3}. La demande attend toujours votre réponse.\n\nRépondez par ce lien, sans compte ; il sert une seule fois :\n{4}\n\nSans réponse, la demande expire le {5} et le professionnel en est prévenu.\n\n— Repères",
            referral.SenderLabel, Day(referral.SentAt), referral.ServiceName, structureName, AnswerLink(baseUrl, token), Day(referral.SentAt + Referral.ExpiresAfter)];
        return await SendToStructureAsync(referral.StructureId, subject, body, cancellationToken);
    }

    /// <summary>The professional is told of the answer (or the expiry); the page says the rest.</summary>
    public async Task<bool> ProfessionalToldAsync(Referral referral, string structureName, string baseUrl, CancellationToken cancellationToken)
    {
        var to = referral.ContactEmail;
        if (string.IsNullOrWhiteSpace(to))
        {
            return false;
        }

        var state = localizer[ReferralLabels.StateKey(referral.State)];
        var subject = localizer["Repères : votre demande d’adressage à « {0} » — {1}", referral.ServiceName, state];
        var body = referral.State == ReferralState.Expired
            ? localizer[
                "Bonjour,\n\nVotre demande d’adressage du {0} au service « {1} » de {2} n’a pas reçu de réponse en 30 jours : elle a expiré. Appelez la structure, ou adressez la personne ailleurs.\n\nLa demande : {3}\n\n— Repères",
                Day(referral.SentAt), referral.ServiceName, structureName, baseUrl + ReferralPaths.Request(referral.Id)]
            : localizer[
                "Bonjour,\n\n{2} a répondu à votre demande d’adressage du {0} pour le service « {1} » : {3}.\n\nLisez la réponse : {4}\n\n— Repères",
                Day(referral.SentAt), referral.ServiceName, structureName, state, baseUrl + ReferralPaths.Request(referral.Id)];
        return await mailer.TrySendAsync(to, subject, body, cancellationToken);
    }

    public static string AnswerLink(string baseUrl, string token) => baseUrl + ReferralPaths.Answer(token);

    private async Task<bool> SendToStructureAsync(int structureId, string subject, string body, CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var email in await StructureRecipientsAsync(structureId, cancellationToken))
        {
            any |= await mailer.TrySendAsync(email, subject, body, cancellationToken);
        }

        return any;
    }

    private static string Day(DateTimeOffset at) => HoursEvaluator.LocalDate(at).ToString("d MMMM yyyy", CultureInfo.CurrentUICulture);
}

/// <summary>The addresses of the referral pages (links in e-mails, which have no page context).</summary>
public static class ReferralPaths
{
    public const string List = "/mon-espace/adressages";

    public static string Request(int id) => List + "/" + id.ToString(CultureInfo.InvariantCulture);

    public static string New(int serviceId) => List + "/nouveau/" + serviceId.ToString(CultureInfo.InvariantCulture);

    public static string Answer(string token) => "/adressage/" + token;
}

/// <summary>The words of the states (French keys of the localizer).</summary>
public static class ReferralLabels
{
    public static string StateKey(ReferralState state) => state switch
    {
        ReferralState.Sent => "envoyée, en attente de réponse",
        ReferralState.Accepted => "acceptée",
        ReferralState.Refused => "refusée par la structure",
        ReferralState.ContactRequested => "la structure vous contactera",
        ReferralState.Expired => "expirée sans réponse",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string BadgeClass(ReferralState state) => state switch
    {
        ReferralState.Sent => "unknown",
        ReferralState.Accepted => "open",
        ReferralState.Refused => "closed",
        ReferralState.ContactRequested => "unknown",
        ReferralState.Expired => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
