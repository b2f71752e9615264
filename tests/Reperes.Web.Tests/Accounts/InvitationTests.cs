using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

public sealed partial class InvitationTests
{
    private const string OzanamTeam = "/mon-espace/structure/halte-accueil-ozanam/equipe";

    private static async Task<HttpClient> AsAsync(ReperesApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<string> InvitationLinkAsync(ReperesApp app, string to)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"))
        {
            var mail = QuotedPrintable().Replace((await File.ReadAllTextAsync(file)).Replace("=\r\n", "", StringComparison.Ordinal), m => ((char)Convert.ToByte(m.Value[1..], 16)).ToString());
            if (mail.Contains("To: " + to, StringComparison.Ordinal))
            {
                return new Uri(Link().Match(mail).Value).PathAndQuery;
            }
        }

        throw new InvalidOperationException("No invitation mailed to " + to);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Invite_NewPerson_AcceptsOnceWithANewAccountAndJoinsTheTeam(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, "gestion.ozanam@demo.reperes.example");

        var invited = await manager.PostFormAsync(OzanamTeam, new() { ["Email"] = "nouvelle.benevole@example.org", ["Role"] = "Editor" });
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await InvitationLinkAsync(app, "nouvelle.benevole@example.org");

        var newcomer = app.CreateBrowserLikeClient();
        var (_, invitationPage) = await newcomer.GetPageAsync(link);
        invitationPage.QuerySelector("main")!.TextContent.ShouldContain("Halte Accueil Frédéric Ozanam");
        var accepted = await newcomer.PostFormAsync(link, new()
        {
            ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!,
            ["Input.DisplayName"] = "Nolwenn",
            ["Input.Password"] = "un mot de passe assez long",
            ["Input.Confirmation"] = "un mot de passe assez long",
        });
        accepted.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        (await newcomer.GetStringAsync("/mon-espace")).ShouldContain("Rédacteur ou rédactrice");
        var (_, team) = await manager.GetPageAsync(OzanamTeam);
        team.QuerySelector("main")!.TextContent.ShouldContain("Nolwenn (nouvelle.benevole@example.org)");

        var (again, _) = await app.CreateBrowserLikeClient().GetPageAsync(link);
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Invite_AfterSevenDays_IsRefused()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var manager = await AsAsync(app, "gestion.ozanam@demo.reperes.example");
        await manager.PostFormAsync(OzanamTeam, new() { ["Email"] = "tardif@example.org", ["Role"] = "Editor" });
        var link = await InvitationLinkAsync(app, "tardif@example.org");

        app.Clock.Now = app.Clock.Now.AddDays(8);
        var (response, page) = await app.CreateBrowserLikeClient().GetPageAsync(link);

        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Cette invitation n’est plus valable");
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "tardif@example.org"))).ShouldBe(0);
    }

    [Fact]
    public async Task Invite_ExistingAccount_MustLogInAsItselfToAccept()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var manager = await AsAsync(app, "gestion.restos@demo.reperes.example");
        await manager.PostFormAsync("/mon-espace/structure/restos-du-coeur-brest/equipe", new() { ["Email"] = "redaction.ozanam@demo.reperes.example", ["Role"] = "Manager" });
        var link = await InvitationLinkAsync(app, "redaction.ozanam@demo.reperes.example");

        var stranger = app.CreateBrowserLikeClient();
        (await stranger.GetStringAsync(link)).ShouldContain("pour accepter");
        var invited = await AsAsync(app, "redaction.ozanam@demo.reperes.example");
        var accepted = await invited.PostFormAsync(link, new() { ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]! });

        accepted.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        var memberships = await app.WithDbAsync(db => db.Memberships.Where(m => m.User.Email == "redaction.ozanam@demo.reperes.example").Select(m => m.Structure.Slug).ToListAsync());
        memberships.ShouldBe(["halte-accueil-ozanam", "restos-du-coeur-brest"], ignoreOrder: true);
    }

    [Fact]
    public async Task Team_OnlyManagersAndTheCoordinator_MayInvite()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        foreach (var email in new[] { "redaction.ozanam@demo.reperes.example", "gestion.restos@demo.reperes.example", "contribution@demo.reperes.example" })
        {
            var client = await AsAsync(app, email);
            (await client.GetAsync(OzanamTeam)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
        }

        var coordinator = await AsAsync(app, "coordination@demo.reperes.example");
        (await coordinator.GetAsync(OzanamTeam)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Invitations.CountAsync())).ShouldBe(0);
    }

    [GeneratedRegex(@"http://localhost/invitation\?code=[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    [GeneratedRegex("=[0-9A-F]{2}")]
    private static partial Regex QuotedPrintable();
}
