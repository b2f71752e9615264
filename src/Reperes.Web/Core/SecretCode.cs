using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Reperes.Web.Core;

/// <summary>
/// The secret codes sent by e-mail (invitations, update links): 256 random bits, URL-safe; only their SHA-256 is
/// stored, so that a copy of the database gives no usable link.
/// </summary>
public static class SecretCode
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
