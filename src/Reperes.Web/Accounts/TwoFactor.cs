using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using QRCoder;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts;

/// <summary>
/// Two-step sign-in with an authenticator app (TOTP, Identity's authenticator token provider):
/// how codes typed by a person are read, and how the key is shown to them.
/// </summary>
public static class TwoFactor
{
    public const string Issuer = "Repères";

    public const int RecoveryCodeCount = 10;

    /// <summary>Below this many recovery codes left, the security page suggests new ones.</summary>
    public const int FewRecoveryCodes = 3;

    /// <summary>"123 456" or "123-456" as typed or pasted: only the digits are kept.</summary>
    public static string NormalizeAuthenticatorCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>Identity's recovery codes look like "4X7KB-9MHQ2": upper case, with the hyphen, whatever was typed.</summary>
    public static string NormalizeRecoveryCode(string? code)
    {
        var compact = new string((code ?? "").Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return compact.Length == 10 ? $"{compact[..5]}-{compact[5..]}" : compact;
    }

    /// <summary>The key in groups of four characters, easier to copy by hand into an app.</summary>
    public static string FormatKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(grouped.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString();
    }

    /// <summary>The address authenticator apps read from the QR code (Key URI Format).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code as inline SVG, drawn on the server: no script, no image request.</summary>
    public static string QrCodeSvg(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5, "#000000", "#ffffff", drawQuietZones: true);
    }

    public static string RecoveryCodesLeft(IStringLocalizer<SharedResource> localizer, int count) => count switch
    {
        0 => localizer["Il ne vous reste aucun code de secours : créez-en de nouveaux dans « Sécurité du compte »."],
        1 => localizer["Il vous reste 1 code de secours."],
        _ => localizer["Il vous reste {0} codes de secours.", count],
    };

    public static Task<bool> VerifyAuthenticatorCodeAsync(UserManager<ReperesUser> users, ReperesUser user, string? code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, NormalizeAuthenticatorCode(code));
}

public enum SecretCheck
{
    Right,
    Wrong,
    LockedOut,
}

/// <summary>
/// Checks a password or an authenticator code that a signed-in person gives to confirm a sensitive change.
/// Failures count towards the same lockout as at sign-in, so that an open session cannot be used to guess.
/// </summary>
public static class SecretChecks
{
    public static Task<SecretCheck> CheckPasswordAsync(UserManager<ReperesUser> users, ReperesUser user, string? password) =>
        CheckAsync(users, user, () => users.CheckPasswordAsync(user, password ?? ""));

    public static Task<SecretCheck> CheckAuthenticatorCodeAsync(UserManager<ReperesUser> users, ReperesUser user, string? code) =>
        CheckAsync(users, user, () => TwoFactor.VerifyAuthenticatorCodeAsync(users, user, code));

    private static async Task<SecretCheck> CheckAsync(UserManager<ReperesUser> users, ReperesUser user, Func<Task<bool>> check)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return SecretCheck.LockedOut;
        }

        if (await check())
        {
            await users.ResetAccessFailedCountAsync(user);
            return SecretCheck.Right;
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? SecretCheck.LockedOut : SecretCheck.Wrong;
    }
}
