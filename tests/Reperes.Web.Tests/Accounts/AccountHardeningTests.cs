using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reperes.Web.Accounts;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>
/// Login and password reset give nothing away about who has an account (same status, same words, for known and
/// unknown addresses), mail links only to the site's own address, never fail with the mail server, and are throttled
/// per e-mail and per client address. Their timing is measured by bench/account-timing.sh.
/// </summary>
public sealed class AccountHardeningTests
{
    private const string Known = "contribution@demo.reperes.example";
    private const string Unknown = "personne.inconnue@demo.reperes.example";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_HostHeaderOfAnotherSite_MailsALinkToTheConfiguredAddress(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:PublicBaseUrl"] = "https://guide.reperes.example/" } };
        var client = app.CreateBrowserLikeClient();

        var asked = await PostWithHostAsync(client, "/mot-de-passe-oublie", new() { ["Email"] = Known }, "evil.example");

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = Mailbox.To(app, Known).ShouldHaveSingleItem();
        mail.Body.ShouldContain("https://guide.reperes.example/reinitialiser-mot-de-passe?email=");
        mail.Body.ShouldNotContain("evil.example");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_NoPublicAddressAndHostOfAnotherSite_MailsALinkToTheListeningAddress(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["urls"] = "http://+:5311" } };
        var client = app.CreateBrowserLikeClient();

        await PostWithHostAsync(client, "/mot-de-passe-oublie", new() { ["Email"] = Known }, "evil.example");

        var mail = Mailbox.To(app, Known).ShouldHaveSingleItem();
        mail.Body.ShouldContain("http://localhost:5311/reinitialiser-mot-de-passe?email=");
        mail.Body.ShouldNotContain("evil.example");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_KnownAndUnknownAddress_SameAnswer(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var known = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Known });
        var unknown = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Unknown });

        (known.StatusCode, unknown.StatusCode).ShouldBe((HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        unknown.Headers.Location!.OriginalString.ShouldBe(known.Headers.Location!.OriginalString);
        (await known.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        var (_, page) = await client.GetPageAsync(known.Headers.Location.OriginalString);
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("Si un compte existe avec cette adresse");
        Mailbox.To(app, Known).Count.ShouldBe(1);
        Mailbox.To(app, Unknown).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_SmtpServerRefusesConnections_SameAnswerAndTheFailureLogged(string engine)
    {
        var logs = new LogRecorder();
        await using var app = new ReperesApp(engine)
        {
            Settings =
            {
                ["Reperes:Email:SmtpHost"] = "127.0.0.1",
                ["Reperes:Email:SmtpPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Reperes:Email:Tls"] = "None",
                ["Reperes:Email:TimeoutSeconds"] = "2",
            },
            TestServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        var client = app.CreateBrowserLikeClient();

        var known = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Known });
        var unknown = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Unknown });
        await Mailbox.SentAsync(app);

        (known.StatusCode, unknown.StatusCode).ShouldBe((HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        unknown.Headers.Location!.OriginalString.ShouldBe(known.Headers.Location!.OriginalString);
        var (shown, page) = await client.GetPageAsync(known.Headers.Location.OriginalString);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[role=alert]").ShouldBeNull();
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains(Known, StringComparison.Ordinal) && e.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Mailbox.To(app, Known).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_TwentyRequests_OneMailPerAddressAndFivePerClientAnHour(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var answers = new List<string>();

        for (var i = 0; i < 20; i++)
        {
            var asked = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Known });
            asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            answers.Add(asked.Headers.Location!.OriginalString);
        }

        answers.Distinct().ShouldHaveSingleItem();
        Mailbox.To(app, Known).Count.ShouldBe(1);

        // Other accounts from the same client: five messages an hour in all, the same answer for the refused ones.
        var others = DemoAccounts.All.Select(a => a.Email).Where(e => e != Known).Take(6).ToList();
        foreach (var other in others)
        {
            (await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = other })).Headers.Location!.OriginalString.ShouldBe(answers[0]);
        }

        others.Sum(o => Mailbox.To(app, o).Count).ShouldBe(4);

        // An hour later, the first address gets a message again.
        app.Clock.Now += TimeSpan.FromMinutes(61);
        await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Known });
        Mailbox.To(app, Known).Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_KnownAndUnknownAddress_SameAnswerUpToTheLockAndDuringIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var known = await client.LogInAsync(Known, "not the password " + attempt);
            var unknown = await client.LogInAsync(Unknown, "not the password " + attempt);

            var (knownAlert, unknownAlert) = (await AlertAsync(known), await AlertAsync(unknown));
            (known.StatusCode, unknown.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), $"attempt {attempt}");
            unknownAlert.ShouldBe(knownAlert, $"attempt {attempt}");
            knownAlert.ShouldContain(attempt < 5 ? "Adresse ou mot de passe incorrect." : "Trop d’essais : le compte est bloqué pendant 15 minutes.", Case.Sensitive, $"attempt {attempt}");
        }

        // Locked even with the right password, for 15 minutes from the fifth failure; then it works.
        (await AlertAsync(await client.LogInAsync(Known, DemoAccounts.Password))).ShouldContain("Trop d’essais");
        app.Clock.Now += TimeSpan.FromMinutes(16);
        (await client.LogInAsync(Known, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_AccountLockedByTheCoordination_SaidOnlyWithTheRightPassword(string engine)
    {
        await using var app = new ReperesApp(engine);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReperesUser>>();
            (await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(Known))!, AccountRules.LockedIndefinitely)).Succeeded.ShouldBeTrue();
        }

        var client = app.CreateBrowserLikeClient();

        var wrong = await client.LogInAsync(Known, "not the password");
        var unknown = await client.LogInAsync(Unknown, "not the password");
        var right = await client.LogInAsync(Known, DemoAccounts.Password);

        (await AlertAsync(wrong)).ShouldBe(await AlertAsync(unknown));
        (await AlertAsync(wrong)).ShouldContain("Adresse ou mot de passe incorrect.");
        right.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(right)).ShouldContain("Ce compte est bloqué par la coordination du réseau.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_TwentyFailuresFromOneClient_AsksToWaitWithTheTimeThenLetsIn(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 20; i++)
        {
            // A different address each time: no account reaches its own limit.
            (await client.LogInAsync($"essai{i}@demo.reperes.example", "not the password")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var refused = await client.LogInAsync("gestion.ozanam@demo.reperes.example", DemoAccounts.Password);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalMinutes.ShouldBe(15, tolerance: 0.1);
        (await AlertAsync(refused)).ShouldContain("Trop d’essais de connexion depuis votre réseau. Réessayez dans 15 min.");
        app.Clock.Now += TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);
        (await client.LogInAsync("gestion.ozanam@demo.reperes.example", DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ResetPassword_AfterFiveFailures_TheNewPasswordLetsInAtOnce(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LogInAsync(Known, "not the password " + i);
        }

        await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = Known });
        var link = Mailbox.To(app, Known).ShouldHaveSingleItem().FirstLink;
        var reset = await client.PostFormAsync(link, new()
        {
            ["Input.Email"] = Known,
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + link).Query)["code"]!,
            ["Input.Password"] = "un nouveau mot de passe",
            ["Input.Confirmation"] = "un nouveau mot de passe",
        });

        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.LogInAsync(Known, "un nouveau mot de passe")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ThrottleSweeper_EventsOlderThanADay_Deleted(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await client.LogInAsync(Unknown, "not the password");
        app.Clock.Now += TimeSpan.FromHours(25);
        await client.LogInAsync(Unknown, "not the password again");

        var deleted = await app.Services.GetRequiredService<Reperes.Web.Accounts.Throttling.ThrottleSweeper>().SweepAsync(CancellationToken.None);

        deleted.ShouldBe(2);
        (await app.WithDbAsync(db => db.ThrottleEvents.CountAsync())).ShouldBe(2);
    }

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";

    private static async Task<HttpResponseMessage> PostWithHostAsync(HttpClient client, string url, Dictionary<string, string> fields, string host)
    {
        var (_, page) = await client.GetPageAsync(url);
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    /// <summary>A local port nothing listens on: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
