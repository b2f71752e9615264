using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>Turning two-step verification off, confirmed by the password.</summary>
[Authorize]
public sealed class DisableTwoFactorModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : TwoFactorResetModel(users, signIn, localizer)
{
    public const string Path = "/mon-espace/securite/deux-etapes/desactiver";

    protected override string NotEnabledPath => AccountSecurityModel.Path;

    protected override string DonePath => AccountSecurityModel.Path + "?fait=deux-etapes-desactivee";

    protected override Task NotifyAsync(ReperesUser user) => notifier.TwoFactorDisabledAsync(user);
}
