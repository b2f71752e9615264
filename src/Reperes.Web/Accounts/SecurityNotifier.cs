using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Accounts;

/// <summary>
/// Tells a person by e-mail when the protection of their account changes, so that a change they did not make
/// does not go unnoticed: each message says what to do then.
/// </summary>
public sealed class SecurityNotifier(MailQueue mails, IOptions<ReperesOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public Task PasswordChangedAsync(ReperesUser user) =>
        SendAsync(user, localizer["Repères : votre mot de passe a été changé"],
            localizer["Le mot de passe de votre compte Repères a été changé le {0}."]);

    public Task TwoFactorEnabledAsync(ReperesUser user) =>
        SendAsync(user, localizer["Repères : validation en deux étapes activée"],
            localizer["La validation en deux étapes a été activée sur votre compte Repères le {0} : un code de votre application d’authentification sera demandé à chaque connexion."]);

    public Task TwoFactorDisabledAsync(ReperesUser user) =>
        SendAsync(user, localizer["Repères : validation en deux étapes désactivée"],
            localizer["La validation en deux étapes a été désactivée sur votre compte Repères le {0} : le mot de passe suffit désormais pour se connecter."]);

    public Task AuthenticatorKeyResetAsync(ReperesUser user) =>
        SendAsync(user, localizer["Repères : validation en deux étapes désactivée"],
            localizer["La clé de l’application d’authentification de votre compte Repères a été changée le {0}. La validation en deux étapes reste désactivée tant que la nouvelle application n’est pas configurée."]);

    public Task RecoveryCodeUsedAsync(ReperesUser user, int codesLeft) =>
        SendAsync(user, localizer["Repères : connexion avec un code de secours"],
            localizer["Un code de secours a servi à se connecter à votre compte Repères le {0}. Ce code ne servira plus."] + " "
            + TwoFactor.RecoveryCodesLeft(localizer, codesLeft));

    private Task SendAsync(ReperesUser user, string subject, string whatHappened)
    {
        var when = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), HoursEvaluator.Zone)
            .ToString(localizer["d MMMM yyyy 'à' HH:mm"], CultureInfo.CurrentUICulture);
        var body = localizer["Bonjour {0},\n\n{1}\n\nSi c’est vous, il n’y a rien à faire.\nSinon, quelqu’un connaît peut-être votre mot de passe : choisissez-en vite un nouveau avec ce lien, puis vérifiez la sécurité de votre compte :\n{2}\n\nL’équipe Repères",
            user.DisplayName, string.Format(CultureInfo.CurrentCulture, whatHappened, when), $"{options.Value.LinkBaseUrl}/mot-de-passe-oublie"];

        // Sent after the answer: a slow or absent mail server neither delays nor breaks the change just made.
        mails.Enqueue(new OutgoingMail(user.Email!, subject, body));
        return Task.CompletedTask;
    }
}
