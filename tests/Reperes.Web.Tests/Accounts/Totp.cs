using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Reperes.Web.Tests.Accounts;

/// <summary>
/// The codes an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), computed independently
/// of the application. Identity's authenticator token provider (.NET 10) reads the system clock (DateTime.UtcNow),
/// not the injected TimeProvider: codes are therefore computed for the real time, not the test clock.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    public static string Code(string base32Key, DateTimeOffset at)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is certainly wrong now: none of the steps Identity accepts (±2) gives it.</summary>
    public static string WrongCode(string base32Key)
    {
        var accepted = Enumerable.Range(-3, 7).Select(step => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(code => !accepted.Contains(code));
    }

    public static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"Not base32: {c}");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}

public sealed class TotpTests
{
    [Fact]
    public void Code_Rfc6238Vector_MatchesTheSpecification()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below), T = 59 s gives 94287082 (8 digits).
        var key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

        Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
        Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(1111111109)).ShouldBe("081804");
    }
}
