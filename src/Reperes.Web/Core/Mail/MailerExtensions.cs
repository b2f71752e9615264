namespace Reperes.Web.Core.Mail;

public static class MailerExtensions
{
    /// <summary>
    /// Sends, or returns false when the server did not take the message (the mailer has logged why): for a message that
    /// follows an action already done, which a mail server down must neither undo nor turn into an error page.
    /// </summary>
    public static async Task<bool> TrySendAsync(this IMailer mailer, string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        try
        {
            await mailer.SendAsync(to, subject, body, cancellationToken);
            return true;
        }
        catch (MailDeliveryException)
        {
            return false;
        }
    }
}
