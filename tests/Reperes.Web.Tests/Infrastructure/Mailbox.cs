using System.Text;
using System.Text.RegularExpressions;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>One e-mail written by the application to its mail folder, decoded.</summary>
public sealed record Mail(string To, string Subject, string Body)
{
    /// <summary>The path and query of the first link of the message to this application.</summary>
    public string FirstLink => new Uri(Regex.Match(Body, @"https?://\S+").Value).PathAndQuery;
}

/// <summary>Reads the .eml files the application writes outside production (see Mailer).</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<Mail> Read(ReperesApp app)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(f => Parse(File.ReadAllText(f))).ToList();
    }

    public static IReadOnlyList<Mail> To(ReperesApp app, string to) =>
        Read(app).Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList();

    public static Mail Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..split].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var body = raw[(split + 4)..];
        string Header(string name) => Regex.Match(headers, $"^{name}: (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
        var subject = EncodedWord().Replace(Header("Subject"), m => m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
            : Encoding.UTF8.GetString(QuotedPrintable(m.Groups[3].Value.Replace('_', ' '))));
        subject = subject.Replace("?= =?", "", StringComparison.Ordinal);
        if (headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(QuotedPrintable(body.Replace("=\r\n", "", StringComparison.Ordinal)));
        }
        else if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)));
        }

        return new Mail(Header("To"), subject, body);
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

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();
}
