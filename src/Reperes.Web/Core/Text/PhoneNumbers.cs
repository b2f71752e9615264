using System.Text;

namespace Reperes.Web.Core.Text;

/// <summary>
/// Phone numbers as people type them ("0298001234", "02.98.00.12.34", "02-98-00-12-34", "+33 (0)2 98 00 12 34",
/// "0033 2 98 00 12 34") written one way: French numbers in pairs ("02 98 00 12 34"), so that every page, the paper
/// guide and the "tel:" links read the same; short numbers (115, 3919) as they are; other countries' numbers with a
/// "+" and the digits in the groups typed. Never a guess: nine digits without their 0, letters, or too few or too many
/// digits are not a number.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>The number written the one way, or null when it is not a phone number.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = typed.Trim().Replace("(0)", " ", StringComparison.Ordinal);
        var groups = new List<string>();
        var current = new StringBuilder();
        var international = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                current.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                international = true;
            }
            else if (c is ' ' or '.' or '-' or '/' or '(' or ')' or '\u00A0' or '\u202F')
            {
                if (current.Length > 0)
                {
                    groups.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                return null;
            }
        }

        if (current.Length > 0)
        {
            groups.Add(current.ToString());
        }

        var digits = string.Concat(groups);
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            digits = digits[2..];
            groups[0] = groups[0][2..];
            groups.RemoveAll(g => g.Length == 0);
        }

        if (international && digits.StartsWith("330", StringComparison.Ordinal) && digits.Length == 12)
        {
            // "+33 02 98 00 12 34": the national 0 kept after the country code.
            digits = "33" + digits[3..];
        }

        if (international && digits.StartsWith("33", StringComparison.Ordinal))
        {
            var national = "0" + digits[2..];
            return national.Length == 10 && national[1] != '0' ? Pairs(national) : null;
        }

        if (international)
        {
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + string.Join(' ', groups) : null;
        }

        if (digits.Length == 10 && digits[0] == '0' && digits[1] != '0')
        {
            return Pairs(digits);
        }

        // Short numbers: emergency and social services (115, 119, 3919), and the 4-digit service numbers.
        return digits.Length is >= 3 and <= 4 && digits[0] != '0' && groups.Count == 1 ? digits : null;
    }

    /// <summary>A number a person can be called back on: French (ten digits) or international, not a short number.</summary>
    public static bool IsPersonalNumber(string? typed) => Normalize(typed) is { Length: > 4 };

    private static string Pairs(string tenDigits) =>
        string.Join(' ', Enumerable.Range(0, 5).Select(i => tenDigits.Substring(i * 2, 2)));
}
