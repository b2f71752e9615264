using System.Net.Mail;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts;

/// <summary>What <see cref="FirstCoordinator.CreateAsync"/> did, and the link that lets the person choose a password.</summary>
public sealed record CoordinatorCreated(string Email, bool AccountExisted, string Link);

/// <summary>
/// The coordinator of a new site (production starts with no account): made from the server's command line, with a
/// link to choose a password that works once (the password change renews the account's security stamp) for 24 hours.
/// </summary>
public static class FirstCoordinator
{
    /// <summary>Creates the account (or gives an existing one the coordinator role); null with a reason when the address is not one.</summary>
    public static async Task<(CoordinatorCreated? Created, string? Problem)> CreateAsync(UserManager<ReperesUser> users, string email, string? displayName, string baseUrl, DateTimeOffset now)
    {
        email = email.Trim();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return (null, $"'{email}' is not an e-mail address.");
        }

        var user = await users.FindByEmailAsync(email);
        var existed = user is not null;
        if (user is null)
        {
            user = new ReperesUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(), CreatedAt = now };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        if (!await users.IsInRoleAsync(user, NetworkRoles.Coordinator))
        {
            await users.AddToRoleAsync(user, NetworkRoles.Coordinator);
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{baseUrl.TrimEnd('/')}/reinitialiser-mot-de-passe?email={Uri.EscapeDataString(email)}&code={token}";
        return (new CoordinatorCreated(email, existed, link), null);
    }
}
