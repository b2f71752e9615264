using System.ComponentModel.DataAnnotations;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>The professional's own phone and e-mail, checked so that the structure can truly reach them.</summary>
public static class ReferralContact
{
    /// <summary>A number to call the professional back on: French (ten digits) or international, in any common spacing (see <see cref="PhoneNumbers"/>).</summary>
    public static bool IsPhone(string phone) => phone.Length <= Referral.PhoneMaxLength && PhoneNumbers.IsPersonalNumber(phone);

    public static bool IsEmail(string email) =>
        email.Length <= Referral.EmailMaxLength
        && new EmailAddressAttribute().IsValid(email)
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && email.LastIndexOf('@') is var at and > 0
        && email.IndexOf('.', at) > at + 1
        && !email.EndsWith('.');
}
