using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Professionals;

/// <summary>How a registration ended once the address is confirmed.</summary>
public enum RegistrationOutcome
{
    /// <summary>The address's domain is listed for a body: validated at once.</summary>
    Validated,

    /// <summary>Waiting for the coordinator (who was told by e-mail).</summary>
    Pending,
}

/// <summary>
/// The steps of a professional's registration shared by the public registration and the signed-in request: the
/// profile recorded, the listed domains checked (only on a confirmed address, or anyone could claim a domain), the
/// coordinators told of a new request, the person told of the decision.
/// </summary>
public sealed class ProfessionalRegistration(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    IMailer mailer,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>Records (or replaces a refused) request, then validates at once when the confirmed address's domain is listed.</summary>
    public async Task<RegistrationOutcome> RequestAsync(ReperesUser user, string workplace, PartnerBodyKind kind, string jobTitle, string baseUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await db.ProfessionalProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        if (existing is not null)
        {
            db.ProfessionalProfiles.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        var profile = new ProfessionalProfile(user.Id, workplace, kind, jobTitle, now);
        db.ProfessionalProfiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return user.EmailConfirmed
            ? await DecideAtOnceAsync(user, profile, baseUrl, cancellationToken)
            : RegistrationOutcome.Pending;
    }

    /// <summary>After the address is confirmed: a listed domain validates, otherwise the coordinators are told.</summary>
    public async Task<RegistrationOutcome> AddressConfirmedAsync(ReperesUser user, string baseUrl, CancellationToken cancellationToken)
    {
        var profile = await db.ProfessionalProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        return profile is null || profile.Status != ProfessionalStatus.Pending
            ? RegistrationOutcome.Pending
            : await DecideAtOnceAsync(user, profile, baseUrl, cancellationToken);
    }

    /// <summary>Tells the person of the coordinator's decision (validated with the body, or refused with the reason).</summary>
    public Task<bool> TellDecisionAsync(ReperesUser user, ProfessionalProfile profile, string baseUrl, CancellationToken cancellationToken) =>
        profile.Status == ProfessionalStatus.Validated
            ? mailer.TrySendAsync(user.Email!, localizer["Repères : votre compte professionnel est validé"],
                localizer["Bonjour {0},\n\nVotre compte professionnel est validé ({1}). Connecté, vous voyez sur les fiches les contacts directs et les conditions d’adressage, vous gardez des listes de lieux et vous pouvez adresser une personne aux services qui l’acceptent.\n\n{2}/mon-espace\n\nL’équipe Repères", user.DisplayName, profile.Body?.Name ?? profile.Workplace, baseUrl],
                cancellationToken)
            : mailer.TrySendAsync(user.Email!, localizer["Repères : votre demande de compte professionnel"],
                localizer["Bonjour {0},\n\nLa coordination n’a pas validé votre compte professionnel : {1}\n\nVous pouvez répondre à ce message ou refaire une demande depuis votre espace :\n{2}/mon-espace/professionnel\n\nL’équipe Repères", user.DisplayName, profile.RefusalReason ?? "", baseUrl],
                cancellationToken);

    private async Task<RegistrationOutcome> DecideAtOnceAsync(ReperesUser user, ProfessionalProfile profile, string baseUrl, CancellationToken cancellationToken)
    {
        if (await ProfessionalDomains.BodyForAsync(db, user.Email!, cancellationToken) is { } body)
        {
            profile.Validate(body, null, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);

            // The professional claim reaches open sessions when the security stamp is checked again.
            await users.UpdateSecurityStampAsync(user);
            await TellDecisionAsync(user, profile, baseUrl, cancellationToken);
            return RegistrationOutcome.Validated;
        }

        var coordinators = await users.GetUsersInRoleAsync(NetworkRoles.Coordinator);
        foreach (var coordinator in coordinators.Where(c => c.Email is not null))
        {
            await mailer.TrySendAsync(coordinator.Email!, localizer["Repères : un compte professionnel à valider"],
                localizer["Bonjour,\n\n{0} ({1}) demande un compte professionnel : {2}, {3}.\n\nPour valider ou refuser :\n{4}/mon-espace/coordination/professionnels\n\nL’équipe Repères", user.DisplayName, user.Email!, profile.JobTitle, profile.Workplace, baseUrl],
                cancellationToken);
        }

        return RegistrationOutcome.Pending;
    }
}
