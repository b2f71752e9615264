using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Reperes.Web.Core.Mail;

/// <summary>A message ready to go.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>
/// Messages a request asks for but does not wait for: the page answers at once, the same way whether the message
/// goes, is not needed (no such account) or the mail server is down, so neither its content nor its time tells who
/// has an account; failures are logged, never shown to the requester. Held in memory by this instance
/// (<see cref="MailQueueSender"/> sends them): a message queued when the process dies is lost, as one the SMTP
/// relay refuses is, and the person asks again.
/// </summary>
public sealed class MailQueue(ILogger<MailQueue> logger)
{
    /// <summary>Beyond this many waiting messages (a relay that hangs), new ones are dropped and logged rather than piling up in memory.</summary>
    public const int Capacity = 5_000;

    private readonly Channel<QueuedMail> channel = Channel.CreateBounded<QueuedMail>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private int pending;

    internal ChannelReader<QueuedMail> Reader => channel.Reader;

    /// <summary>Messages queued and not yet sent or given up.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Queues a message written now.</summary>
    public void Enqueue(OutgoingMail mail) => Enqueue(mail.Subject, (_, _) => Task.FromResult<OutgoingMail?>(mail));

    /// <summary>
    /// Queues a message written after the answer, in a scope of its own and in the requester's language: the work that
    /// depends on whether an account exists (finding it, making a token) is not timed by the request. The function
    /// returns null when there is nothing to send.
    /// </summary>
    public void Enqueue(string what, Func<IServiceProvider, CancellationToken, Task<OutgoingMail?>> write)
    {
        Interlocked.Increment(ref pending);
        if (!channel.Writer.TryWrite(new QueuedMail(what, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, write)))
        {
            Done();
            logger.LogError("E-mail « {What} » dropped: {Capacity} messages are already waiting for the mail server", what, Capacity);
        }
    }

    /// <summary>Returns once every message queued so far is sent or given up (tests read the mail folder after it).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    internal void Done() => Interlocked.Decrement(ref pending);

    internal sealed record QueuedMail(string What, CultureInfo Culture, CultureInfo UiCulture, Func<IServiceProvider, CancellationToken, Task<OutgoingMail?>> Write);
}

/// <summary>
/// Sends the queued messages one after the other. At shutdown, what is still queued gets a few more seconds
/// (<see cref="DrainTime"/>), then is logged as not sent.
/// </summary>
public sealed class MailQueueSender(MailQueue queue, IServiceScopeFactory scopes, IOptions<ReperesOptions> options, ILogger<MailQueueSender> logger) : BackgroundService
{
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            logger.LogWarning("Reperes__PublicBaseUrl is not set: links in e-mails point to {Address} (never to the address a request names).", options.Value.LinkBaseUrl);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource();
        await using var stopping = stoppingToken.Register(() => deadline.CancelAfter(DrainTime));
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (queue.Reader.TryRead(out var mail))
                {
                    await SendAsync(mail, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is left below.
        }

        while (queue.Reader.TryRead(out var mail))
        {
            await SendAsync(mail, deadline.Token);
        }
    }

    private async Task SendAsync(MailQueue.QueuedMail queued, CancellationToken cancellationToken)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            CultureInfo.CurrentCulture = queued.Culture;
            CultureInfo.CurrentUICulture = queued.UiCulture;
            await using var scope = scopes.CreateAsyncScope();
            if (await queued.Write(scope.ServiceProvider, cancellationToken) is { } mail)
            {
                await scope.ServiceProvider.GetRequiredService<IMailer>().SendAsync(mail.To, mail.Subject, mail.Body, cancellationToken);
            }
        }
        catch (MailDeliveryException)
        {
            // The mailer logged the reason; the requester was already answered and asks again if nothing comes.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("E-mail « {What} » not sent: the application stopped before the mail server took it", queued.What);
        }
        catch (Exception exception)
        {
            // Whatever went wrong with one message must not stop the others.
            logger.LogError(exception, "E-mail « {What} » not sent", queued.What);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            queue.Done();
        }
    }
}
