using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>
/// A new authenticator key, for a new phone or app, confirmed by the password. Two-step verification is off
/// until the new app proves it works, as when turning it on.
/// </summary>
[Authorize]
public sealed class ResetAuthenticatorModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : TwoFactorResetModel(users, signIn, localizer)
{
    public const string Path = "/mon-espace/securite/deux-etapes/nouvelle-cle";

    protected override string NotEnabledPath => EnableAuthenticatorModel.Path;

    protected override string DonePath => EnableAuthenticatorModel.Path + "?nouvelle-cle=true";

    protected override Task NotifyAsync(ReperesUser user) => notifier.AuthenticatorKeyResetAsync(user);
}
