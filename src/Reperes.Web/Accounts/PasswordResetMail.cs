using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Accounts;

/// <summary>The message with a link to choose a new password, written in the background (see <see cref="MailQueue"/>).</summary>
public static class PasswordResetMail
{
    /// <summary>The message for <paramref name="email"/>, or null when no account has this address.</summary>
    public static async Task<OutgoingMail?> WriteAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<ReperesUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return null;
        }

        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var baseUrl = services.GetRequiredService<IOptions<ReperesOptions>>().Value.LinkBaseUrl;
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{baseUrl}/reinitialiser-mot-de-passe?email={Uri.EscapeDataString(user.Email!)}&code={token}";
        return new OutgoingMail(user.Email!, localizer["Repères : choisir un nouveau mot de passe"],
            localizer["Bonjour {0},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures, une seule fois) :\n{1}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n\nL’équipe Repères", user.DisplayName, link]);
    }
}
