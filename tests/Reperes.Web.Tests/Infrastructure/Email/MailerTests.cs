using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Mail;

namespace Reperes.Web.Tests.Infrastructure.Email;

/// <summary>The mailer against a real SMTP server listening on 127.0.0.1 (<see cref="SmtpSink"/>), and its .eml folder.</summary>
public sealed class MailerTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "reperes-mailer-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogger logger = new();

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_SeveralMessages_SentOverOneConnection()
    {
        await using var sink = new SmtpSink();
        using var mailer = Mailer(sink.Port);

        await mailer.SendAsync("gestion@structure.example", "Repères : invitation à rejoindre l’équipe", "Bonjour Léa,\n\nOuvrez ce lien :\nhttps://reperes.example/invitation?code=abc\n");
        await mailer.SendAsync("autre@structure.example", "Deuxième message", "Encore.");
        await mailer.SendAsync("troisieme@structure.example", "Troisième message", "Toujours.");

        sink.Connections.ShouldBe(1);
        sink.Messages.Count.ShouldBe(3);
        var first = Mailbox.Parse(sink.Messages.First());
        first.To.ShouldBe("gestion@structure.example");
        first.Subject.ShouldBe("Repères : invitation à rejoindre l’équipe");
        first.Body.ShouldContain("Bonjour Léa,\n\nOuvrez ce lien :\nhttps://reperes.example/invitation?code=abc");
        sink.Messages.First().ShouldContain("<ne-pas-repondre@reperes.example>");
        logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_WithAccount_AuthenticatesThenSends()
    {
        await using var sink = new SmtpSink(userName: "reperes", password: "s3cret");
        using var mailer = Mailer(sink.Port, userName: "reperes", password: "s3cret");

        await mailer.SendAsync("gestion@structure.example", "Sujet", "Texte");

        sink.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ServerClosedTheKeptConnection_ConnectsAgainAndSends()
    {
        await using var sink = new SmtpSink(SinkBehaviour.HangUpAfterEachMessage);
        using var mailer = Mailer(sink.Port);

        await mailer.SendAsync("a@structure.example", "Un", "1");
        await Task.Delay(200); // the server has hung up by now
        await mailer.SendAsync("b@structure.example", "Deux", "2");

        sink.Messages.Count.ShouldBe(2);
        sink.Connections.ShouldBe(2);
        logger.Errors.ShouldBeEmpty();
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "down", "cannot be reached (ConnectionRefused)" },
        { "greeting", "554" },
        { "recipient", "refused the recipient (550" },
        { "password", "refused the user name or password" },
        { "starttls", "does not offer STARTTLS" },
        { "silent", "no answer within 1 s" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task SendAsync_ServerDownOrRefusing_ClearErrorLoggedAndTheNextMessageStillGoes(string failure, string reason)
    {
        await using var sink = failure switch
        {
            "down" => null,
            "greeting" => new SmtpSink(SinkBehaviour.RefuseGreeting),
            "recipient" => new SmtpSink(SinkBehaviour.RefuseRecipient),
            "password" => new SmtpSink(userName: "reperes", password: "s3cret"),
            "starttls" => new SmtpSink(),
            "silent" => new SmtpSink(SinkBehaviour.Silent),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
        var port = sink?.Port ?? SmtpSink.FreePort();
        // One second only where silence is the failure: elsewhere the server answers at once, but its first answer can
        // take longer than a second on a machine busy starting the rest of the suite (read as silence once, in CI).
        var timeout = failure == "silent" ? 1 : 15;
        var settings = new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, Tls = failure == "starttls" ? SmtpTls.StartTls : SmtpTls.None, TimeoutSeconds = timeout };
        if (failure == "password")
        {
            (settings.UserName, settings.Password) = ("reperes", "wrong");
        }

        using var mailer = Mailer(settings);

        var error = await Should.ThrowAsync<MailDeliveryException>(() => mailer.SendAsync("gestion@structure.example", "Sujet", "Texte"));

        error.Message.ShouldContain(reason);
        error.Message.ShouldContain($"127.0.0.1:{port}");
        var logged = logger.Errors.ShouldHaveSingleItem();
        logged.ShouldContain(reason);
        logged.ShouldContain("gestion@structure.example");
        (sink?.Messages.Count ?? 0).ShouldBe(0);

        // No lasting harm: once the settings point to a server that works, the same mailer sends.
        await using var working = new SmtpSink();
        (settings.SmtpPort, settings.Tls, settings.UserName) = (working.Port, SmtpTls.None, null);
        await mailer.SendAsync("gestion@structure.example", "Sujet", "Texte");
        working.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_InDevelopment_WritesAnEmlFileTheTestsRead()
    {
        using var mailer = Mailer(port: 25, environment: Environments.Development, host: "smtp.example");
        var link = "https://reperes.example/mise-a-jour?code=" + new string('x', 90);

        await mailer.SendAsync("gestion@structure.example", "Repères : « Halte Accueil » à mettre à jour", $"Bonjour,\n\nÉlodie vous écrit.\n{link}\n");

        var file = Directory.GetFiles(Path.Combine(dataDirectory, "mail")).ShouldHaveSingleItem();
        file.ShouldEndWith(".eml");
        var raw = await File.ReadAllTextAsync(file);
        raw.ShouldContain("\r\n\r\n");
        raw.ShouldContain("Content-Transfer-Encoding: quoted-printable");
        var mail = Mailbox.Read(dataDirectory).ShouldHaveSingleItem();
        (mail.To, mail.Subject).ShouldBe(("gestion@structure.example", "Repères : « Halte Accueil » à mettre à jour"));
        mail.Body.ShouldContain("Élodie vous écrit.");
        mail.FirstLink.ShouldBe(new Uri(link).PathAndQuery);
    }

    private Mailer Mailer(int port, string? userName = null, string? password = null, string environment = "Production", string host = "127.0.0.1") =>
        Mailer(new EmailOptions { SmtpHost = host, SmtpPort = port, Tls = SmtpTls.None, UserName = userName, Password = password, TimeoutSeconds = 15 }, environment);

    /// <summary>A mailer reading <paramref name="settings"/> at each message, as the application's options are read.</summary>
    private Mailer Mailer(EmailOptions settings, string environment = "Production") =>
        new(Options.Create(new ReperesOptions { DataDirectory = dataDirectory, Email = settings }), new HostingEnvironment { EnvironmentName = environment }, logger);

    private sealed class RecordingLogger : ILogger<Mailer>
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors.Enqueue(formatter(state, exception));
            }
        }
    }
}
