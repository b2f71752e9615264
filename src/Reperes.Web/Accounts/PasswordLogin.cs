using Microsoft.AspNetCore.Identity;
using Reperes.Web.Accounts.Throttling;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts;

/// <summary>What a login with a password came to.</summary>
public enum LoginOutcome
{
    SignedIn,

    /// <summary>The password was right; a code of the authenticator app comes next.</summary>
    RequiresTwoFactor,

    /// <summary>Unknown address or wrong password: the same answer for both.</summary>
    Refused,

    /// <summary>Too many wrong passwords for this address lately, whether it has an account or not.</summary>
    TooManyFailuresForAccount,

    /// <summary>Too many wrong passwords from this client address lately, whatever the e-mail.</summary>
    TooManyFailuresFromClient,

    /// <summary>The right password of an account the coordination locked (said only to who knows the password).</summary>
    LockedByCoordination,
}

public sealed record LoginResult(LoginOutcome Outcome, TimeSpan? RetryAfter = null);

/// <summary>
/// Login with an e-mail address and a password, giving away nothing about who has an account: an unknown address
/// costs the same password hash as a known one and gets the same answer; wrong passwords are counted per e-mail
/// address (known or not) and per client address in the database (<see cref="AccountThrottle"/>), which replaces
/// Identity's own failure count here; an account locked by the coordination is said so only with its right password.
/// </summary>
public sealed class PasswordLogin(SignInManager<ReperesUser> signIn, IPasswordHasher<ReperesUser> hasher, AccountThrottle throttle)
{
    /// <summary>Hashed once per process with the site's hasher: what an unknown address is checked against.</summary>
    private static string? decoyHash;

    public async Task<LoginResult> SignInAsync(string email, string password, bool rememberMe, string clientKey, CancellationToken cancellationToken)
    {
        var account = AccountThrottle.AccountKey(email);
        if (await throttle.WaitBeforeNextAsync(ThrottleRule.LoginFailureFromClient, clientKey, cancellationToken) is { } clientWait)
        {
            return new(LoginOutcome.TooManyFailuresFromClient, clientWait);
        }

        if (await throttle.WaitBeforeNextAsync(ThrottleRule.LoginFailureForAccount, account, cancellationToken) is { } accountWait)
        {
            return new(LoginOutcome.TooManyFailuresForAccount, accountWait);
        }

        var user = await signIn.UserManager.FindByNameAsync(email.Trim());
        if (user is null)
        {
            var decoy = new ReperesUser();
            decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
            _ = hasher.VerifyHashedPassword(decoy, decoyHash, password);
            return await FailedAsync(account, clientKey, cancellationToken);
        }

        // Identity's failure count stays for the authenticator codes; wrong passwords are counted by the throttle.
        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.ForgetAsync(ThrottleRule.LoginFailureForAccount, account, cancellationToken);
            return new(result.Succeeded ? LoginOutcome.SignedIn : LoginOutcome.RequiresTwoFactor);
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity answered before looking at the password: it is checked now, so that neither the time nor the
            // answer differs from an unlocked or unknown account's unless the password is right.
            if (await signIn.UserManager.CheckPasswordAsync(user, password))
            {
                return new(AccountRules.IsLockedByCoordination(user.LockoutEnd) ? LoginOutcome.LockedByCoordination : LoginOutcome.TooManyFailuresForAccount);
            }
        }

        return await FailedAsync(account, clientKey, cancellationToken);
    }

    private async Task<LoginResult> FailedAsync(string account, string clientKey, CancellationToken cancellationToken)
    {
        await throttle.RecordAsync([(ThrottleRule.LoginFailureForAccount, account), (ThrottleRule.LoginFailureFromClient, clientKey)], cancellationToken);
        return await throttle.WaitBeforeNextAsync(ThrottleRule.LoginFailureForAccount, account, cancellationToken) is { } wait
            ? new(LoginOutcome.TooManyFailuresForAccount, wait)
            : new(LoginOutcome.Refused);
    }
}
