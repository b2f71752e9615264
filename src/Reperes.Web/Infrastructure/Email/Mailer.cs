using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reperes.Web.Infrastructure.Email;

/// <summary>SMTP settings (Reperes__Email__…). Without a host, messages are written as .eml files in &lt;data&gt;/mail.</summary>
public sealed class EmailOptions
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ne-pas-repondre@reperes.example";
    public string FromName { get; set; } = "Repères";
}

public interface IMailer
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends plain-text e-mail through SMTP in production; in development and tests, or when no SMTP host is set,
/// writes each message as an .eml file under &lt;data directory&gt;/mail (readable by any mail client).
/// </summary>
public sealed class Mailer(IOptions<ReperesOptions> options, IHostEnvironment environment, ILogger<Mailer> logger) : IMailer
{
    public string MailDirectory => Path.Combine(options.Value.FullDataDirectory, "mail");

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Email;
        using var message = new MailMessage(new MailAddress(settings.From, settings.FromName, Encoding.UTF8), new MailAddress(to))
        {
            Subject = subject,
            Body = body,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,

            // Readable as it is in the .eml files of development, and by any mail client.
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
        };
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(settings.SmtpHost) || !environment.IsProduction())
        {
            Directory.CreateDirectory(MailDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = MailDirectory;
        }
        else
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.EnableSsl;
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
            }
        }

        await client.SendMailAsync(message, cancellationToken);
        logger.LogInformation("E-mail « {Subject} » sent to {To}", subject, to);
    }
}
