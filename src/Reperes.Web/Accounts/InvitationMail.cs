using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Accounts;

/// <summary>
/// The e-mail that carries an invitation's link: the same text from a team page and from the coordination. Says
/// whether it left: the invitation stays recorded either way and can be sent again from the team page.
/// </summary>
public static class InvitationMail
{
    public static Task<bool> SendAsync(
        IMailer mailer,
        IStringLocalizer<SharedResource> localizer,
        Invitation invitation,
        string code,
        string structureName,
        string inviterName,
        string baseUrl,
        CancellationToken cancellationToken)
    {
        var link = $"{baseUrl}/invitation?code={code}";
        var role = invitation.Role == MembershipRole.Manager ? localizer["Gestionnaire"].Value.ToLower(System.Globalization.CultureInfo.CurrentCulture) : localizer["Rédacteur ou rédactrice"].Value.ToLower(System.Globalization.CultureInfo.CurrentCulture);
        return mailer.TrySendAsync(
            invitation.Email,
            localizer["Repères : invitation à rejoindre l’équipe de {0}", structureName],
            localizer["Bonjour,\n\n{0} vous invite à rejoindre l’équipe de « {1} » sur Repères, comme {2}.\n\nPour accepter, ouvrez ce lien (valable 7 jours, une seule fois) :\n{3}\n\nL’équipe Repères", inviterName, structureName, role, link],
            cancellationToken);
    }

    /// <summary>The team page after an invitation, saying whether its e-mail left.</summary>
    public static string TeamPageAfter(string structureSlug, string email, bool sent) =>
        $"/mon-espace/structure/{structureSlug}/equipe?invite={Uri.EscapeDataString(email)}{(sent ? "" : "&courriel=echec")}";
}
