using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Mail;

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
    /// <summary>The decoded text (headers and quoted-printable body) of every message sent to <paramref name="to"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> MessagesToAsync(ReperesApp app, string to)
    {
        await SentAsync(app);
        var directory = Path.Combine(app.DataDirectory, "mail");
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var messages = new List<(DateTime At, string Text)>();
        foreach (var file in Directory.GetFiles(directory, "*.eml"))
        {
            var text = DecodeQuotedPrintable(await File.ReadAllTextAsync(file));
            if (text.Contains("To: " + to, StringComparison.OrdinalIgnoreCase))
            {
                messages.Add((File.GetLastWriteTimeUtc(file), text));
            }
        }

        return messages.OrderBy(m => m.At).Select(m => m.Text).ToList();
    }

    /// <summary>The path and query of the invitation links mailed to <paramref name="to"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> InvitationLinksToAsync(ReperesApp app, string to) =>
        (await MessagesToAsync(app, to))
            .SelectMany(m => InvitationLink().Matches(m).Select(x => new Uri(x.Value).PathAndQuery))
            .ToList();

    public static string CodeOf(string invitationLink) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + invitationLink).Query)["code"]!;

    private static string DecodeQuotedPrintable(string mail)
    {
        var joined = mail.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>(joined.Length);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"https?://[^/\s]+/invitation\?code=[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    /// <summary>Returns once the messages the application queued so far are written (see MailQueue).</summary>
    public static Task SentAsync(ReperesApp app) =>
        app.Services.GetRequiredService<MailQueue>().WhenIdleAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

    public static IReadOnlyList<Mail> Read(ReperesApp app)
    {
        SentAsync(app).GetAwaiter().GetResult();
        return Read(app.DataDirectory);
    }

    public static IReadOnlyList<Mail> Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(f => Parse(File.ReadAllText(f))).ToList();
    }

    public static IReadOnlyList<Mail> To(ReperesApp app, string to) =>
        Read(app).Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Reads one message with MimeKit (headers with encoded words, quoted-printable or base64 body).</summary>
    public static Mail Parse(string raw)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        var message = MimeKit.MimeMessage.Load(stream);
        var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        return new Mail(to, message.Subject ?? "", (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
