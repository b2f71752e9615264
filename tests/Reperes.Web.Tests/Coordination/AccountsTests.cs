using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Coordination;

/// <summary>The coordination's accounts: search, network roles, locks, moderators' scopes.</summary>
public sealed class AccountsTests
{
    private const string List = "/mon-espace/coordination/comptes";
    private const string Coordinator = "coordination@demo.reperes.example";
    private const string Moderator = "moderation@demo.reperes.example";
    private const string Contributor = "contribution@demo.reperes.example";
    private const string OzanamEditor = "redaction.ozanam@demo.reperes.example";

    private static async Task<HttpClient> AsAsync(ReperesApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
        return client;
    }

    private static async Task<string> AccountUrlAsync(ReperesApp app, string email) =>
        List + "/" + await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task<IList<string>> RolesAsync(ReperesApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReperesUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task List_SearchesByNameOrAddressAndFilters(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);

        var (_, all) = await coordinator.GetPageAsync(List);
        all.QuerySelectorAll("main li.result").Length.ShouldBe(DemoAccounts.All.Count + DemoPartners.Professionals.Count);

        var (_, ozanam) = await coordinator.GetPageAsync(List + "?q=ozanam");
        var rows = ozanam.QuerySelectorAll("main li.result").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.Contains("Yann (Halte Accueil Ozanam)") && r.Contains("Halte Accueil Frédéric Ozanam (Gestionnaire)"));

        var (_, moderators) = await coordinator.GetPageAsync(List + "?role=moderator");
        moderators.QuerySelectorAll("main li.result").ShouldHaveSingleItem().TextContent.ShouldContain(Moderator);

        var (bad, _) = await coordinator.GetPageAsync(List + "?role=roi");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Roles_GivenThenRemoved_ReachTheAccount(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var url = await AccountUrlAsync(app, Contributor);

        var given = await coordinator.PostFormAsync(url, new() { ["Role"] = NetworkRoles.Moderator, ["Grant"] = "true" }, url + "?handler=role");

        given.Headers.Location!.OriginalString.ShouldEndWith("?fait=role");
        (await RolesAsync(app, Contributor)).ShouldBe([NetworkRoles.Contributor, NetworkRoles.Moderator], ignoreOrder: true);
        var (_, page) = await coordinator.GetPageAsync(url);
        page.QuerySelector("main")!.TextContent.ShouldContain("Périmètre de modération");

        await coordinator.PostFormAsync(url, new() { ["Role"] = NetworkRoles.Contributor, ["Grant"] = "false" }, url + "?handler=role");
        (await RolesAsync(app, Contributor)).ShouldBe([NetworkRoles.Moderator]);

        var unknown = await coordinator.PostFormAsync(url, new() { ["Role"] = "admin", ["Grant"] = "true" }, url + "?handler=role");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RolesAsync(app, Contributor)).ShouldBe([NetworkRoles.Moderator]);
    }

    [Fact]
    public async Task Roles_OwnCoordinatorRole_CannotBeRemoved()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var coordinator = await AsAsync(app, Coordinator);
        var url = await AccountUrlAsync(app, Coordinator);

        var response = await coordinator.PostFormAsync(url, new() { ["Role"] = NetworkRoles.Coordinator, ["Grant"] = "false" }, url + "?handler=role");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Vous ne pouvez pas retirer votre propre rôle de coordination");
        (await RolesAsync(app, Coordinator)).ShouldContain(NetworkRoles.Coordinator);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Roles_LastCoordinator_KeepsTheRoleEvenAgainstAStaleSession(string engine)
    {
        await using var app = new ReperesApp(engine);
        var first = await AsAsync(app, Coordinator);
        var moderatorUrl = await AccountUrlAsync(app, Moderator);
        await first.PostFormAsync(moderatorUrl, new() { ["Role"] = NetworkRoles.Coordinator, ["Grant"] = "true" }, moderatorUrl + "?handler=role");
        var second = await AsAsync(app, Moderator);
        (await second.GetAsync(List)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The first takes the role back; the second's session still carries it for up to a minute.
        await first.PostFormAsync(moderatorUrl, new() { ["Role"] = NetworkRoles.Coordinator, ["Grant"] = "false" }, moderatorUrl + "?handler=role");
        var firstUrl = await AccountUrlAsync(app, Coordinator);
        var attempt = await second.PostFormAsync(firstUrl, new() { ["Role"] = NetworkRoles.Coordinator, ["Grant"] = "false" }, firstUrl + "?handler=role");

        attempt.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await attempt.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("le réseau doit toujours en avoir une");
        (await RolesAsync(app, Coordinator)).ShouldContain(NetworkRoles.Coordinator);

        // A minute later the session knows it lost the role.
        app.Clock.Now = app.Clock.Now.AddMinutes(2);
        (await second.GetAsync(List)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lock_Account_CannotSignInUntilUnlocked_AndItsSessionEnds(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var editorSession = await AsAsync(app, OzanamEditor);
        var url = await AccountUrlAsync(app, OzanamEditor);

        var locked = await coordinator.PostFormAsync(url, new(), url + "?handler=lock");

        locked.Headers.Location!.OriginalString.ShouldEndWith("?fait=blocage");
        var login = await app.CreateBrowserLikeClient().LogInAsync(OzanamEditor, DemoAccounts.Password);
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await login.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Ce compte est bloqué par la coordination du réseau.");
        var (_, lockedList) = await coordinator.GetPageAsync(List + "?bloques=true");
        lockedList.QuerySelectorAll("main li.result").ShouldHaveSingleItem().TextContent.ShouldContain(OzanamEditor);
        app.Clock.Now = app.Clock.Now.AddMinutes(2);
        (await editorSession.GetAsync("/mon-espace")).Headers.Location!.OriginalString.ShouldContain("/connexion");

        var unlocked = await coordinator.PostFormAsync(url, new(), url + "?handler=unlock");

        unlocked.Headers.Location!.OriginalString.ShouldEndWith("?fait=deblocage");
        (await app.CreateBrowserLikeClient().LogInAsync(OzanamEditor, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Unlock_AfterFiveWrongPasswords_LetsThePersonInAtOnce(string engine)
    {
        await using var app = new ReperesApp(engine);
        var person = app.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await person.LogInAsync(OzanamEditor, "not the password " + attempt)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await person.LogInAsync(OzanamEditor, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "blocked for 15 minutes");
        var coordinator = await AsAsync(app, Coordinator);
        var url = await AccountUrlAsync(app, OzanamEditor);

        var unlocked = await coordinator.PostFormAsync(url, new(), url + "?handler=unlock");

        unlocked.Headers.Location!.OriginalString.ShouldEndWith("?fait=deblocage");
        (await person.LogInAsync(OzanamEditor, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Lock_OwnAccount_IsRefused()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var coordinator = await AsAsync(app, Coordinator);
        var url = await AccountUrlAsync(app, Coordinator);

        var response = await coordinator.PostFormAsync(url, new(), url + "?handler=lock");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Vous ne pouvez pas bloquer votre propre compte.");
        (await app.CreateBrowserLikeClient().LogInAsync(Coordinator, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Account_Unknown_IsNotFound()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var coordinator = await AsAsync(app, Coordinator);

        (await coordinator.GetAsync(List + "/pas-un-compte")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ModeratorScope_NeedsAndStructures_AreSavedAndRestrictModeration(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var url = await AccountUrlAsync(app, Moderator);
        var (_, page) = await coordinator.GetPageAsync(url);
        page.QuerySelector("main")!.TextContent.ShouldContain("Sans restriction : cette personne modère tout le réseau.");
        var food = await app.WithDbAsync(db => db.Needs.Where(n => n.Code == "se-nourrir").Select(n => n.Id).SingleAsync());
        var ids = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "point-justice-brest" || s.Slug == "halte-accueil-ozanam" || s.Slug == "ccas-brest").ToDictionaryAsync(s => s.Slug, s => s.Id));
        var moderatorId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Moderator).Select(u => u.Id).SingleAsync());
        (await app.WithDbAsync(db => ModeratorScopes.CanModerateAsync(db, moderatorId, ids["point-justice-brest"]))).ShouldBeTrue();

        var needs = await coordinator.PostFormAsync(url, new() { ["NeedIds"] = food.ToString(System.Globalization.CultureInfo.InvariantCulture) }, url + "?handler=needs");
        var (_, search) = await coordinator.GetPageAsync(url + "?structure=point-justice");
        var add = search.QuerySelectorAll("form[action$='handler=addstructure']").ShouldHaveSingleItem();
        add.QuerySelector("input[name=StructureId]")!.GetAttribute("value").ShouldBe(ids["point-justice-brest"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var added = await coordinator.PostFormAsync(url, new() { ["StructureId"] = ids["point-justice-brest"].ToString(System.Globalization.CultureInfo.InvariantCulture) }, url + "?handler=addstructure");

        needs.Headers.Location!.OriginalString.ShouldEndWith("?fait=perimetre");
        added.Headers.Location!.OriginalString.ShouldEndWith("?fait=perimetre");
        var scopes = await app.WithDbAsync(db => db.ModeratorScopes.Where(m => m.UserId == moderatorId).Select(m => new { m.NeedId, m.StructureId }).ToListAsync());
        scopes.Count.ShouldBe(2);
        scopes.ShouldContain(s => s.NeedId == food && s.StructureId == null);
        scopes.ShouldContain(s => s.StructureId == ids["point-justice-brest"] && s.NeedId == null);
        var (_, after) = await coordinator.GetPageAsync(url);
        after.QuerySelector($"#need-{food}")!.HasAttribute("checked").ShouldBeTrue();
        after.QuerySelector("main")!.TextContent.ShouldContain("Cette personne modère seulement");

        // Food is served at Ozanam; the Point Justice is named; the CCAS does neither.
        (await app.WithDbAsync(db => ModeratorScopes.CanModerateAsync(db, moderatorId, ids["halte-accueil-ozanam"]))).ShouldBeTrue();
        (await app.WithDbAsync(db => ModeratorScopes.CanModerateAsync(db, moderatorId, ids["point-justice-brest"]))).ShouldBeTrue();
        (await app.WithDbAsync(db => ModeratorScopes.CanModerateAsync(db, moderatorId, ids["ccas-brest"]))).ShouldBeFalse();

        // Emptied again: the whole network.
        await coordinator.PostFormAsync(url, new(), url + "?handler=needs");
        await coordinator.PostFormAsync(url, new() { ["StructureId"] = ids["point-justice-brest"].ToString(System.Globalization.CultureInfo.InvariantCulture) }, url + "?handler=removestructure");
        (await app.WithDbAsync(db => db.ModeratorScopes.CountAsync())).ShouldBe(0);
        (await app.WithDbAsync(db => ModeratorScopes.CanModerateAsync(db, moderatorId, ids["ccas-brest"]))).ShouldBeTrue();

        var bad = await coordinator.PostFormAsync(url, new() { ["NeedIds"] = "999999" }, url + "?handler=needs");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var contributorUrl = await AccountUrlAsync(app, Contributor);
        var notModerator = await coordinator.PostFormAsync(contributorUrl, new() { ["NeedIds"] = food.ToString(System.Globalization.CultureInfo.InvariantCulture) }, contributorUrl + "?handler=needs");
        notModerator.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.ModeratorScopes.CountAsync())).ShouldBe(0);
    }
}
