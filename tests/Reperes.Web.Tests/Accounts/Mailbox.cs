using System.Text;
using System.Text.RegularExpressions;

namespace Reperes.Web.Tests.Accounts;

public sealed record Mail(string To, string Subject, string Body);

/// <summary>The messages the application wrote as .eml files under &lt;data directory&gt;/mail, decoded.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<Mail> Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(file => Parse(File.ReadAllText(file))).ToList();
    }

    public static Mail Parse(string eml)
    {
        var separator = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = eml[..separator].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal)
            .Split("\r\n").Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = eml[(separator + 4)..];
        if (headers.TryGetValue("Content-Transfer-Encoding", out var encoding) && encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(QuotedPrintable(body.Replace("=\r\n", "", StringComparison.Ordinal)));
        }

        return new Mail(headers["To"], DecodeWords(headers["Subject"]), body.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?…?= or =?utf-8?Q?…?=), as subjects with accents are written.</summary>
    private static string DecodeWords(string header) =>
        EncodedWord().Replace(header.Replace("?= =?", "?==?", StringComparison.Ordinal), m => m.Groups["encoding"].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["text"].Value))
            : Encoding.UTF8.GetString(QuotedPrintable(m.Groups["text"].Value.Replace('_', ' '))));

    [GeneratedRegex(@"=\?utf-8\?(?<encoding>[BQ])\?(?<text>[^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
