using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>The professional's own phone and e-mail, checked so that the structure can truly reach them.</summary>
public static partial class ReferralContact
{
    /// <summary>A French number (0X XX XX XX XX) or an international one (+ or 00 and 8 to 15 digits), spaces, dots, dashes allowed.</summary>
    public static bool IsPhone(string phone)
    {
        if (phone.Length > Referral.PhoneMaxLength || !PhoneCharacters().IsMatch(phone))
        {
            return false;
        }

        var digits = Separators().Replace(phone, "");
        return FrenchNumber().IsMatch(digits) || InternationalNumber().IsMatch(digits);
    }

    public static bool IsEmail(string email) =>
        email.Length <= Referral.EmailMaxLength
        && new EmailAddressAttribute().IsValid(email)
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && email.LastIndexOf('@') is var at and > 0
        && email.IndexOf('.', at) > at + 1
        && !email.EndsWith('.');

    [GeneratedRegex(@"^[0-9+(). -]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"[(). -]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^0[1-9][0-9]{8}$")]
    private static partial Regex FrenchNumber();

    [GeneratedRegex(@"^(\+|00)[1-9][0-9]{7,14}$")]
    private static partial Regex InternationalNumber();
}
