using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Mail;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core.Mail;

/// <summary>
/// When the mail server does not take a message, the pages that send one say so in plain words and keep what was
/// done (never an error page): an invitation stays recorded and can be sent again, a removal stays done, a forgotten
/// password gets the same answer as ever (its message goes after the answer). The mailer's own failures (refused, unreachable, TLS…) are in MailerTests.
/// </summary>
public sealed class MailServerDownTests
{
    private const string OzanamTeam = "/mon-espace/structure/halte-accueil-ozanam/equipe";

    /// <summary>What the real mailer throws when the SMTP server is down (see Mailer.SendAsync).</summary>
    private sealed class MailServerDown : IMailer
    {
        public int Attempts { get; private set; }

        public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new MailDeliveryException($"E-mail to {to} not sent: the server cannot be reached (ConnectionRefused)", new IOException("refused"));
        }
    }

    private static (WebApplicationFactory<Program> App, MailServerDown Mailer) Start(ReperesApp app)
    {
        var mailer = new MailServerDown();
        return (app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailer>(mailer))), mailer);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Invite_MailServerDown_InvitationKeptAndThePageSaysToSendItAgain(string engine)
    {
        await using var baseApp = new ReperesApp(engine);
        var (app, mailer) = Start(baseApp);
        await using var _ = app;
        var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        (await manager.LogInAsync("gestion.ozanam@demo.reperes.example", DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var invited = await manager.PostFormAsync(OzanamTeam, new() { ["Email"] = "nouvelle.benevole@example.org", ["Role"] = "Editor" });

        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        invited.Headers.Location!.OriginalString.ShouldBe(OzanamTeam + "?invite=nouvelle.benevole%40example.org&courriel=echec");
        mailer.Attempts.ShouldBe(1);
        (await baseApp.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email == "nouvelle.benevole@example.org"))).ShouldBe(1);
        var (_, page) = await manager.GetPageAsync(invited.Headers.Location.OriginalString);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("L’invitation de nouvelle.benevole@example.org est enregistrée, mais son courriel n’a pas pu partir : le serveur de messagerie ne répond pas. Réessayez dans quelques minutes avec « Envoyer à nouveau » ci-dessous.");
        page.QuerySelectorAll("button").Select(b => b.TextContent).ShouldContain("Envoyer à nouveau à nouvelle.benevole@example.org");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_MailServerDown_SameAnswerAsForAnUnknownAddress(string engine)
    {
        await using var baseApp = new ReperesApp(engine);
        var (app, mailer) = Start(baseApp);
        await using var _ = app;
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var asked = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = "contribution@demo.reperes.example" });
        var unknown = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = "personne@demo.reperes.example" });
        await app.Services.GetRequiredService<MailQueue>().WhenIdleAsync();

        // The message is sent after the answer: its failure is logged, never shown, so it tells nobody the account exists.
        (asked.StatusCode, unknown.StatusCode).ShouldBe((HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        asked.Headers.Location!.OriginalString.ShouldBe(unknown.Headers.Location!.OriginalString);
        mailer.Attempts.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Report_MailServerDown_TheReportIsRecordedAndThanked(string engine)
    {
        await using var baseApp = new ReperesApp(engine);
        var (app, mailer) = Start(baseApp);
        await using var _ = app;
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var before = await baseApp.WithDbAsync(db => db.SheetReports.CountAsync());

        var sent = await client.PostFormAsync("/structure/halte-accueil-ozanam/signaler", new()
        {
            ["Input.Section"] = "Contact",
            ["Input.Text"] = "Le numéro de téléphone ne répond plus depuis un mois.",
            ["Input.ContactEmail"] = "habitant@example.org",
            ["Input.Homepage"] = "",
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        mailer.Attempts.ShouldBeGreaterThan(0);
        (await baseApp.WithDbAsync(db => db.SheetReports.CountAsync())).ShouldBe(before + 1);
    }
}
