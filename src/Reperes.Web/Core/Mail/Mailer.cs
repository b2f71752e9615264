using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Reperes.Web.Core.Mail;

/// <summary>How the connection to the SMTP server is encrypted.</summary>
public enum SmtpTls
{
    /// <summary>Plain connection upgraded by STARTTLS, refused if the server does not offer it (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>No encryption: only for a relay on the same machine or network.</summary>
    None,
}

/// <summary>SMTP settings (Reperes__Email__…). Without a host, messages are written as .eml files in &lt;data&gt;/mail.</summary>
public sealed class EmailOptions
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpTls Tls { get; set; } = SmtpTls.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ne-pas-repondre@reperes.example";
    public string FromName { get; set; } = "Repères";

    /// <summary>Longest wait for the server at each step (connecting, each command, the message).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>A connection unused for longer is closed and opened again before the next message (servers close idle ones).</summary>
    public int IdleSeconds { get; set; } = 60;
}

public interface IMailer
{
    /// <exception cref="MailDeliveryException">The SMTP server could not be reached or refused the message; already logged.</exception>
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>A message the SMTP server did not take, with the reason in plain words (logged where it happened).</summary>
public sealed class MailDeliveryException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>
/// Sends plain-text e-mail through SMTP with MailKit when an SMTP host is set (outside Development, so that a
/// developer's copy of a production configuration mails nobody), over one connection kept open between messages;
/// otherwise writes each message as an .eml file under
/// &lt;data directory&gt;/mail (readable by any mail client).
/// </summary>
public sealed class Mailer(IOptions<ReperesOptions> options, IHostEnvironment environment, ILogger<Mailer> logger) : IMailer, IDisposable
{
    private readonly SemaphoreSlim connectionLock = new(1, 1);
    private SmtpClient? client;
    private DateTimeOffset lastUse;

    public string MailDirectory => Path.Combine(options.Value.FullDataDirectory, "mail");

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Email;
        var message = Compose(settings, to, subject, body);
        if (string.IsNullOrWhiteSpace(settings.SmtpHost) || environment.IsDevelopment())
        {
            await WriteToFolderAsync(message, cancellationToken);
            logger.LogInformation("E-mail « {Subject} » to {To} written to {Folder}", subject, to, MailDirectory);
            Observability.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "file"));
            return;
        }

        await connectionLock.WaitAsync(cancellationToken);
        try
        {
            await SendOverSmtpAsync(settings, message, cancellationToken);
        }
        catch (Exception exception) when (Reason(exception, settings, cancellationToken) is { } reason)
        {
            await DropConnectionAsync();
            Observability.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            logger.LogError(exception, "E-mail « {Subject} » to {To} not sent through {Host}:{Port}: {Reason}", subject, to, settings.SmtpHost, settings.SmtpPort, reason);
            throw new MailDeliveryException($"E-mail to {to} not sent through {settings.SmtpHost}:{settings.SmtpPort}: {reason}", exception);
        }
        finally
        {
            connectionLock.Release();
        }

        Observability.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        logger.LogInformation("E-mail « {Subject} » sent to {To}", subject, to);
    }

    public void Dispose()
    {
        if (client is { IsConnected: true })
        {
            try
            {
                client.Disconnect(quit: true);
            }
            catch (Exception exception) when (exception is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
            {
                logger.LogDebug(exception, "SMTP connection closed without a goodbye");
            }
        }

        client?.Dispose();
        connectionLock.Dispose();
    }

    private static MimeMessage Compose(EmailOptions settings, string to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(to));

        // Quoted-printable: readable as it is in the .eml files of development, and by any mail client.
        message.Body = new TextPart(TextFormat.Plain) { Text = body, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        return message;
    }

    private async Task WriteToFolderAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(MailDirectory);
        var name = Path.Combine(MailDirectory, Guid.NewGuid().ToString("N"));

        // Written aside then renamed: a reader of the folder never sees half a message.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await using (var file = File.Create(name + ".tmp"))
        {
            await message.WriteToAsync(format, file, cancellationToken);
        }

        File.Move(name + ".tmp", name + ".eml");
    }

    private async Task SendOverSmtpAsync(EmailOptions settings, MimeMessage message, CancellationToken cancellationToken)
    {
        var reused = client is { IsConnected: true } && DateTimeOffset.UtcNow - lastUse < TimeSpan.FromSeconds(settings.IdleSeconds);
        if (!reused)
        {
            await DropConnectionAsync();
            await ConnectAsync(settings, cancellationToken);
        }

        try
        {
            await client!.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (reused && exception is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException)
        {
            // The server closed the connection we kept: once more on a new one.
            logger.LogInformation(exception, "SMTP connection to {Host} lost since the last message; connecting again", settings.SmtpHost);
            await DropConnectionAsync();
            await ConnectAsync(settings, cancellationToken);
            await client!.SendAsync(message, cancellationToken);
        }

        lastUse = DateTimeOffset.UtcNow;
    }

    private async Task ConnectAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.TimeoutSeconds).TotalMilliseconds };
        var security = settings.Tls switch
        {
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            SmtpTls.Implicit => SecureSocketOptions.SslOnConnect,
            SmtpTls.None => SecureSocketOptions.None,
            _ => throw new InvalidOperationException($"Unknown TLS mode {settings.Tls}."),
        };

        // The client's timeout covers each command, not the opening of the connection: bounded here.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, connecting.Token);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or OperationCanceledException)
        {
            logger.LogDebug(exception, "SMTP connection closed without a goodbye");
        }
        finally
        {
            client.Dispose();
            client = null;
        }
    }

    /// <summary>What went wrong, in words an operator understands; null for what is not a delivery failure (the caller gave up).</summary>
    private static string? Reason(Exception exception, EmailOptions settings, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException or TimeoutException => $"no answer within {settings.TimeoutSeconds} s",
        SocketException socket => $"the server cannot be reached ({socket.SocketErrorCode})",
        SslHandshakeException => "the TLS handshake failed (certificate not trusted, or not a TLS port: check Reperes__Email__Tls and the port)",
        NotSupportedException when settings.Tls == SmtpTls.StartTls => "the server does not offer STARTTLS (set Reperes__Email__Tls to Implicit for port 465)",
        AuthenticationException => "the server refused the user name or password",
        SmtpCommandException command => command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"the server refused the recipient ({(int)command.StatusCode} {command.Message.Trim()})",
            SmtpErrorCode.SenderNotAccepted => $"the server refused the sender {settings.From} ({(int)command.StatusCode} {command.Message.Trim()})",
            SmtpErrorCode.MessageNotAccepted => $"the server refused the message ({(int)command.StatusCode} {command.Message.Trim()})",
            _ => $"the server answered {(int)command.StatusCode} {command.Message.Trim()}",
        },
        SmtpProtocolException protocol => $"the server broke off the conversation ({protocol.Message.Trim()})",
        ServiceNotConnectedException or IOException => "the connection was lost",
        _ => null,
    };
}
