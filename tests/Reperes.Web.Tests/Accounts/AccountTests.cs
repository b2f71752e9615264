using System.Net;
using System.Text.RegularExpressions;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

public sealed partial class AccountTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_DemoManager_OpensMySpaceWithItsStructure(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var login = await client.LogInAsync("gestion.ozanam@demo.reperes.example", DemoAccounts.Password);

        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        var (space, page) = await client.GetPageAsync("/mon-espace");
        space.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("main")!.TextContent.ShouldContain("Halte Accueil Frédéric Ozanam");
        page.QuerySelector("main")!.TextContent.ShouldContain("Gestionnaire");
    }

    [Fact]
    public async Task DemoAccounts_EveryRole_CanLogIn()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        foreach (var (email, _, _, _, _) in DemoAccounts.All)
        {
            var client = app.CreateBrowserLikeClient();
            (await client.LogInAsync(email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
        }
    }

    [Fact]
    public async Task Login_WrongPassword_SaysSoWithoutSayingWhich()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = app.CreateBrowserLikeClient();

        var response = await client.LogInAsync("gestion.ozanam@demo.reperes.example", "not the password");
        var unknown = await client.LogInAsync("nobody@demo.reperes.example", "not the password");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Adresse ou mot de passe incorrect.");
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Adresse ou mot de passe incorrect.");
    }

    [Fact]
    public async Task Login_FiveFailures_LockTheAccountEvenForTheRightPassword()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LogInAsync("redaction.ozanam@demo.reperes.example", "wrong password " + i);
        }

        var response = await client.LogInAsync("redaction.ozanam@demo.reperes.example", DemoAccounts.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("le compte est bloqué pendant 15 minutes");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ForgotPassword_KnownAddress_MailsASingleUseLinkThatSetsANewPassword(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var asked = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = "contribution@demo.reperes.example" });
        var unknown = await client.PostFormAsync("/mot-de-passe-oublie", new() { ["Email"] = "personne@demo.reperes.example" });

        asked.Headers.Location!.OriginalString.ShouldBe(unknown.Headers.Location!.OriginalString);
        await Mailbox.SentAsync(app);
        var mails = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml");
        mails.Length.ShouldBe(1);
        var mail = DecodeQuotedPrintable(await File.ReadAllTextAsync(mails[0]));
        mail.ShouldContain("To: contribution@demo.reperes.example");
        ResetLink().IsMatch(mail).ShouldBeTrue(mail);
        var link = new Uri(ResetLink().Match(mail).Value);

        var reset = await client.PostFormAsync(link.PathAndQuery, new()
        {
            ["Input.Email"] = "contribution@demo.reperes.example",
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!,
            ["Input.Password"] = "un nouveau mot de passe",
            ["Input.Confirmation"] = "un nouveau mot de passe",
        });
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CreateBrowserLikeClient().LogInAsync("contribution@demo.reperes.example", "un nouveau mot de passe")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reused = await client.PostFormAsync(link.PathAndQuery, new()
        {
            ["Input.Email"] = "contribution@demo.reperes.example",
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!,
            ["Input.Password"] = "encore un autre mot de passe",
            ["Input.Confirmation"] = "encore un autre mot de passe",
        });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await reused.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Ce lien n’est plus valable");
    }

    [Fact]
    public async Task MySpace_Anonymous_IsSentToTheLoginPage()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        var response = await app.CreateBrowserLikeClient().GetAsync("/mon-espace");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/connexion?ReturnUrl=%2Fmon-espace");
    }

    [Fact]
    public async Task Logout_ByPost_EndsTheSession()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = app.CreateBrowserLikeClient();
        await client.LogInAsync("moderation@demo.reperes.example", DemoAccounts.Password);

        (await client.GetAsync("/deconnexion")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var logout = await client.PostFormAsync("/deconnexion", []);

        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static string DecodeQuotedPrintable(string mail) =>
        QuotedPrintable().Replace(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal),
            m => ((char)Convert.ToByte(m.Value[1..], 16)).ToString());

    [GeneratedRegex(@"http://localhost/reinitialiser-mot-de-passe\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("=[0-9A-F]{2}")]
    private static partial Regex QuotedPrintable();
}
