using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>A team managed by its managers and the coordinator: removals, roles, invitations, leaving.</summary>
public sealed class TeamTests
{
    private const string OzanamTeam = "/mon-espace/structure/halte-accueil-ozanam/equipe";
    private const string RestosTeam = "/mon-espace/structure/restos-du-coeur-brest/equipe";
    private const string OzanamManager = "gestion.ozanam@demo.reperes.example";
    private const string OzanamEditor = "redaction.ozanam@demo.reperes.example";
    private const string RestosManager = "gestion.restos@demo.reperes.example";
    private const string Coordinator = "coordination@demo.reperes.example";

    private static async Task<HttpClient> AsAsync(ReperesApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
        return client;
    }

    private static Task<Membership> MembershipAsync(ReperesApp app, string email, string slug) =>
        app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.User.Email == email && m.Structure.Slug == slug));

    private static Task<int> MembershipCountAsync(ReperesApp app) => app.WithDbAsync(db => db.Memberships.CountAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Remove_ColleagueAfterConfirmation_LeavesTheTeamAndIsToldByMail(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, OzanamManager);
        var editor = await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam");

        // The link asks first, without JavaScript.
        var (asked, confirmation) = await manager.GetPageAsync($"{OzanamTeam}?retirer={editor.Id}");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmation.QuerySelector("#confirmation h2")!.TextContent.ShouldContain("Retirer Léa (Halte Accueil Ozanam) de l’équipe ?");
        (await MembershipCountAsync(app)).ShouldBe(3);

        var removed = await manager.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = editor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, OzanamTeam + "?handler=remove");

        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        removed.Headers.Location!.OriginalString.ShouldBe(OzanamTeam + "?fait=retrait");
        (await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == editor.Id))).ShouldBeFalse();
        var mail = (await Mailbox.MessagesToAsync(app, OzanamEditor)).ShouldHaveSingleItem();
        mail.ShouldContain("a mis fin à votre participation à l’équipe de « Halte Accueil Frédéric Ozanam »");
        var (_, team) = await manager.GetPageAsync(OzanamTeam + "?fait=retrait");
        team.QuerySelector("[role=status]")!.TextContent.ShouldContain("ne fait plus partie de l’équipe");
        team.QuerySelector("main")!.TextContent.ShouldNotContain(OzanamEditor);

        // The editor's own space no longer lists the structure.
        var former = await AsAsync(app, OzanamEditor);
        (await former.GetStringAsync("/mon-espace")).ShouldNotContain("Halte Accueil Frédéric Ozanam");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Remove_LastManager_IsRefusedWithAClearMessage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var manager = await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam");

        var removal = await coordinator.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, OzanamTeam + "?handler=remove");
        var demotion = await coordinator.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewRole"] = "Editor" }, OzanamTeam + "?handler=role");

        removal.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await removal.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent
            .ShouldContain("Impossible de retirer le dernier gestionnaire : la structure doit toujours en avoir au moins un.");
        demotion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await demotion.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent
            .ShouldContain("Impossible de changer le rôle du dernier gestionnaire");
        (await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam")).Role.ShouldBe(MembershipRole.Manager);
        (await MembershipCountAsync(app)).ShouldBe(3);
        (await Mailbox.MessagesToAsync(app, OzanamManager)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangeRole_EditorMayPublishThenBecomesManager_AndTheFormerManagerMayThenStepDown(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, OzanamManager);
        var editor = await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam");
        var me = await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam");
        string Id(Membership m) => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var allowed = await manager.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = Id(editor), ["NewRole"] = "Editor", ["CanPublish"] = "true" }, OzanamTeam + "?handler=role");
        allowed.Headers.Location!.OriginalString.ShouldBe(OzanamTeam + "?fait=role");
        var afterAllowed = await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam");
        (afterAllowed.Role, afterAllowed.CanPublish).ShouldBe((MembershipRole.Editor, true));
        (await manager.GetStringAsync(OzanamTeam)).ShouldContain("peut publier sans validation");

        await manager.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = Id(editor), ["NewRole"] = "Editor" }, OzanamTeam + "?handler=role");
        (await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam")).CanPublish.ShouldBeFalse();

        await manager.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = Id(editor), ["NewRole"] = "Manager" }, OzanamTeam + "?handler=role");
        (await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam")).Role.ShouldBe(MembershipRole.Manager);

        // Two managers now: the first may become an editor.
        var stepDown = await manager.PostFormAsync(OzanamTeam, new() { ["MembershipId"] = Id(me), ["NewRole"] = "Editor" }, OzanamTeam + "?handler=role");
        stepDown.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam")).Role.ShouldBe(MembershipRole.Editor);
        (await manager.GetAsync(OzanamTeam)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bad = await (await AsAsync(app, OzanamEditor)).PostFormAsync(OzanamTeam, new() { ["MembershipId"] = Id(me), ["NewRole"] = "Boss" }, OzanamTeam + "?handler=role");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await bad.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Une valeur proposée dans la liste est attendue.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TeamActions_IdsOfAnotherStructure_ChangeNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var ozanamManager = await AsAsync(app, OzanamManager);
        await ozanamManager.PostFormAsync(OzanamTeam, new() { ["Email"] = "benevole@example.org", ["Role"] = "Editor" });
        var invitationId = await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == "benevole@example.org").Select(i => i.Id).SingleAsync());
        var editor = await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam");
        var ozanamIds = new Dictionary<string, Dictionary<string, string>>
        {
            ["remove"] = new() { ["MembershipId"] = editor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["role"] = new() { ["MembershipId"] = editor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewRole"] = "Manager" },
            ["cancel"] = new() { ["InvitationId"] = invitationId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["resend"] = new() { ["InvitationId"] = invitationId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        var restosManager = await AsAsync(app, RestosManager);
        var mailsBefore = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail")).Length;
        var codeBefore = await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Select(i => i.CodeHash).SingleAsync());

        foreach (var (handler, fields) in ozanamIds)
        {
            // On its own team's URL, with an id of Ozanam's team: not found there.
            var throughOwnTeam = await restosManager.PostFormAsync(RestosTeam, new(fields), $"{RestosTeam}?handler={handler}");
            throughOwnTeam.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);

            // On Ozanam's URL: refused.
            var throughOtherTeam = await restosManager.PostFormAsync(RestosTeam, new(fields), $"{OzanamTeam}?handler={handler}");
            throughOtherTeam.StatusCode.ShouldBe(HttpStatusCode.Forbidden, handler);
        }

        var after = await MembershipAsync(app, OzanamEditor, "halte-accueil-ozanam");
        (after.Role, after.CanPublish).ShouldBe((MembershipRole.Editor, false));
        (await MembershipCountAsync(app)).ShouldBe(3);
        (await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Select(i => i.CodeHash).SingleAsync())).ShouldBe(codeBefore);
        Directory.GetFiles(Path.Combine(app.DataDirectory, "mail")).Length.ShouldBe(mailsBefore);
        (await restosManager.GetAsync($"{RestosTeam}?retirer={editor.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TeamActions_EditorOfTheStructure_IsRefused()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var editor = await AsAsync(app, OzanamEditor);
        var manager = await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam");
        var (_, space) = await editor.GetPageAsync("/outils/horaires");
        var token = space.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var post = await editor.PostAsync(OzanamTeam + "?handler=remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MembershipId"] = manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));

        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await MembershipCountAsync(app)).ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Invitation_SentAgainThenCancelled_OnlyTheLastLinkWorksUntilCancelled(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, OzanamManager);
        await manager.PostFormAsync(OzanamTeam, new() { ["Email"] = "nouvelle@example.org", ["Role"] = "Editor" });
        var first = (await Mailbox.InvitationLinksToAsync(app, "nouvelle@example.org")).ShouldHaveSingleItem();
        var invitationId = await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == "nouvelle@example.org").Select(i => i.Id).SingleAsync());
        var id = invitationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        app.Clock.Now = app.Clock.Now.AddDays(8);
        var (_, team) = await manager.GetPageAsync(OzanamTeam);
        team.QuerySelector("main")!.TextContent.ShouldContain("nouvelle@example.org — expirée le");
        var resent = await manager.PostFormAsync(OzanamTeam, new() { ["InvitationId"] = id }, OzanamTeam + "?handler=resend");

        resent.Headers.Location!.OriginalString.ShouldBe(OzanamTeam + "?invite=nouvelle%40example.org");
        var links = await Mailbox.InvitationLinksToAsync(app, "nouvelle@example.org");
        links.Count.ShouldBe(2);
        var second = links.Single(l => l != first);
        (await app.CreateBrowserLikeClient().GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.CreateBrowserLikeClient().GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cancelled = await manager.PostFormAsync(OzanamTeam, new() { ["InvitationId"] = id }, OzanamTeam + "?handler=cancel");

        cancelled.Headers.Location!.OriginalString.ShouldBe(OzanamTeam + "?fait=annulation");
        (await app.CreateBrowserLikeClient().GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Id == invitationId))).ShouldBeFalse();
        (await manager.PostFormAsync(OzanamTeam, new() { ["InvitationId"] = id }, OzanamTeam + "?handler=resend")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Leave_AnyMemberMayLeave_ButNotTheLastManager(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, OzanamEditor);
        var (_, page) = await editor.GetPageAsync("/mon-espace");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/mon-espace/structure/halte-accueil-ozanam/quitter");
        (await editor.GetStringAsync("/mon-espace/structure/halte-accueil-ozanam/quitter")).ShouldContain("Quitter cette structure");

        var left = await editor.PostFormAsync("/mon-espace/structure/halte-accueil-ozanam/quitter", new());

        left.Headers.Location!.OriginalString.ShouldBe("/mon-espace?quitte=true");
        (await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.User.Email == OzanamEditor))).ShouldBeFalse();
        var (_, after) = await editor.GetPageAsync("/mon-espace?quitte=true");
        after.QuerySelector("[role=status]")!.TextContent.ShouldContain("Vous avez quitté l’équipe");
        (await editor.GetAsync("/mon-espace/structure/halte-accueil-ozanam/quitter")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var manager = await AsAsync(app, OzanamManager);
        var refused = await manager.PostFormAsync("/mon-espace/structure/halte-accueil-ozanam/quitter", new());
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Vous êtes le dernier gestionnaire de cette structure");
        (await MembershipAsync(app, OzanamManager, "halte-accueil-ozanam")).Role.ShouldBe(MembershipRole.Manager);

        var stranger = await AsAsync(app, RestosManager);
        (await stranger.GetAsync("/mon-espace/structure/halte-accueil-ozanam/quitter")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
