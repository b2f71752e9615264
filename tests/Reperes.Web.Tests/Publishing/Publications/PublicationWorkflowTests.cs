using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Publishing.Publications;

public sealed partial class PublicationWorkflowTests
{
    public const string Manager = "gestion.ozanam@demo.reperes.example";
    public const string Editor = "redaction.ozanam@demo.reperes.example";
    public const string OtherManager = "gestion.restos@demo.reperes.example";
    public const string Contributor = "contribution@demo.reperes.example";
    public const string Moderator = "moderation@demo.reperes.example";
    public const string Coordinator = "coordination@demo.reperes.example";
    public const string Ozanam = "halte-accueil-ozanam";

    public static async Task<HttpClient> AsAsync(ReperesApp app, string email, string password = DemoAccounts.Password)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>Writes a publication through the form and returns its id (from the redirect).</summary>
    public static async Task<int> WriteAsync(HttpClient client, string action, Dictionary<string, string> fields, string query = "?type=article&structure=" + Ozanam)
    {
        fields.TryAdd("Input.Kind", "Article");
        fields.TryAdd("Input.Structure", Ozanam);
        fields.TryAdd("Input.Title", "Portes ouvertes de la halte");
        fields.TryAdd("Input.Body", "Venez **nombreux** découvrir la halte.");
        fields["action"] = action;
        var response = await client.PostFormAsync("/mon-espace/publications/nouvelle" + query, fields, "/mon-espace/publications/nouvelle");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return IdOf(response);
    }

    public static int IdOf(HttpResponseMessage response) =>
        int.Parse(PublicationId().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// One step of the workflow, posted where the page offers it: publishing (now) and refusing on the review of the
    /// proposal, the others on the publication's page.
    /// </summary>
    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, int id, string handler, Dictionary<string, string>? fields = null)
    {
        fields = new Dictionary<string, string>(fields ?? []);
        if (handler == "Publish")
        {
            fields.TryAdd("When", "maintenant");
        }

        var page = handler is "Publish" or "Refuse" ? $"/mon-espace/a-valider/{id}" : $"/mon-espace/publications/{id}/modifier";

        // The antiforgery token of "Mon espace": those refused the publication's page still try to post.
        return client.PostFormAsync("/mon-espace", fields, $"{page}?handler={handler}");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Propose_EditorsArticle_InvisibleUntilTheManagerPublishesIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", new() { ["Input.Title"] = "Atelier cuisine du jeudi" });

        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetStringAsync($"/structure/{Ozanam}")).ShouldNotContain("Atelier cuisine du jeudi");
        var proposal = Mailbox.To(app, Manager).ShouldHaveSingleItem();
        proposal.Subject.ShouldContain("Atelier cuisine du jeudi");
        proposal.FirstLink.ShouldBe($"/mon-espace/a-valider/{id}");

        // The editor may not publish it; the manager does.
        (await DecideAsync(editor, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var manager = await AsAsync(app, Manager);
        (await manager.GetStringAsync("/mon-espace/a-valider")).ShouldContain("Atelier cuisine du jeudi");
        (await DecideAsync(manager, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await visitor.GetStringAsync($"/publications/{id}")).ShouldContain("<strong>nombreux</strong>");
        (await visitor.GetStringAsync($"/structure/{Ozanam}")).ShouldContain("Atelier cuisine du jeudi");
        (await visitor.GetStringAsync("/")).ShouldContain("Atelier cuisine du jeudi");
        Mailbox.To(app, Editor).ShouldHaveSingleItem().Subject.ShouldContain("est publié");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Refuse_ContributorsArticle_ReasonShownToTheAuthorOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var contributor = await AsAsync(app, Contributor);
        var id = await WriteAsync(contributor, "propose", new() { ["Input.Structure"] = "", ["Input.Title"] = "Mon quartier la nuit" }, "?type=article");
        Mailbox.To(app, Moderator).ShouldHaveSingleItem();

        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetStringAsync("/publications")).ShouldNotContain("Mon quartier la nuit");

        var moderator = await AsAsync(app, Moderator);
        var empty = await DecideAsync(moderator, id, "Refuse", new() { ["reason"] = "  " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Publications.SingleAsync(p => p.Id == id))).Status.ShouldBe(PublicationStatus.Proposed);
        (await DecideAsync(moderator, id, "Refuse", new() { ["reason"] = "Merci d’enlever le nom de famille de votre voisin." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await contributor.GetStringAsync("/mon-espace/publications")).ShouldContain("enlever le nom de famille");
        Mailbox.To(app, Contributor).ShouldHaveSingleItem().Body.ShouldContain("enlever le nom de famille");
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stranger = await AsAsync(app, OtherManager);
        (await stranger.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/mon-espace/publications/{id}/modifier")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Corrected and proposed again, it goes back to the queue.
        var resubmitted = await contributor.PostFormAsync($"/mon-espace/publications/{id}/modifier", new()
        {
            ["Input.Title"] = "Mon quartier la nuit",
            ["Input.Body"] = "Texte corrigé.",
            ["action"] = "propose",
        });
        resubmitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await moderator.GetStringAsync("/mon-espace/a-valider")).ShouldContain("Mon quartier la nuit");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Publish_ByManagerOfAnotherStructure_IsRefusedAndChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", []);
        var other = await AsAsync(app, OtherManager);

        foreach (var handler in new[] { "Publish", "Refuse", "Trash", "Unpublish", "Feature" })
        {
            var response = await DecideAsync(other, id, handler, new() { ["reason"] = "non", ["featured"] = "true" });
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, handler);
        }

        var edit = await other.PostFormAsync("/mon-espace/publications/nouvelle", new() { ["Input.Title"] = "Piraté", ["Input.Body"] = "x", ["action"] = "save" }, $"/mon-espace/publications/{id}/modifier");
        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Nor can they write in the name of a structure they do not belong to.
        var foreign = await other.PostFormAsync("/mon-espace/publications/nouvelle", new()
        {
            ["Input.Kind"] = "Article",
            ["Input.Structure"] = Ozanam,
            ["Input.Title"] = "Au nom d’Ozanam",
            ["Input.Body"] = "x",
            ["action"] = "publish",
        });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var publication = await app.WithDbAsync(db => db.Publications.AsNoTracking().SingleAsync(p => p.Id == id));
        publication.Status.ShouldBe(PublicationStatus.Proposed);
        publication.Title.ShouldBe("Portes ouvertes de la halte");
        (await app.WithDbAsync(db => db.Publications.CountAsync(p => p.Title == "Au nom d’Ozanam" || p.Title == "Piraté"))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Publish_Scheduled_VisibleOnlyFromItsDate(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var id = await WriteAsync(manager, "publish", new() { ["Input.Title"] = "Fermeture de Noël", ["Input.PublishOn"] = "2026-12-01", ["Input.PublishTime"] = "08:00" });
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetStringAsync($"/mon-espace/publications/{id}/modifier")).ShouldContain("Publication programmée");

        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(1));
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetStringAsync("/")).ShouldContain("Fermeture de Noël");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Write_ScriptInEveryField_ShownAsTextNeverExecuted(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        const string script = "<script>alert('x')</script>";
        var id = await WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = "Fête " + script,
            ["Input.Summary"] = "Résumé " + script,
            ["Input.Body"] = "Texte " + script + "\n\n<img src=x onerror=alert(1)> [lien](javascript:alert(1)) ![image](https://tracker.example/p.png)",
            ["Input.StartDate"] = "2026-12-05",
            ["Input.StartTime"] = "14:00",
            ["Input.Place"] = "Salle " + script,
            ["Input.Audience"] = "Tous " + script,
            ["Input.Registration"] = "Inscription " + script,
        }, "?type=evenement&structure=" + Ozanam);

        foreach (var url in new[] { $"/publications/{id}", "/", $"/structure/{Ozanam}", "/publications", $"/mon-espace/publications/{id}/modifier" })
        {
            var client = url.StartsWith("/mon-espace", StringComparison.Ordinal) ? manager : app.CreateBrowserLikeClient();
            var html = await client.GetStringAsync(url);
            html.ShouldNotContain("<script>alert", Case.Sensitive, url);
            html.ShouldNotContain("<img src=x", Case.Sensitive, url);
            html.ShouldNotContain("href=\"javascript:", Case.Insensitive, url);
            if (client != manager)
            {
                html.ShouldNotContain("tracker.example", Case.Sensitive, url);
            }
            html.ShouldContain("Fête &lt;script&gt;", Case.Sensitive, url);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Write_InvalidEvent_ClearMessageAndNothingSaved(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var before = await app.WithDbAsync(db => db.Publications.CountAsync());
        var cases = new Dictionary<string, string>[]
        {
            new() { ["Input.StartDate"] = "2026-12-05", ["Input.StartTime"] = "14:00", ["Input.EndDate"] = "2026-12-04" },
            new() { ["Input.StartDate"] = "" },
            new() { ["Input.StartDate"] = "pas une date" },
            new() { ["Input.StartDate"] = "2026-12-05", ["Input.Capacity"] = "-3" },
            new() { ["Input.StartDate"] = "2026-12-05", ["Input.Title"] = new string('a', 201) },
            new() { ["Input.StartDate"] = "2026-12-05", ["Input.Needs"] = "inconnu" },
            new() { ["Input.StartDate"] = "2026-12-05", ["Input.Kind"] = "42" },
        };
        foreach (var fields in cases)
        {
            fields.TryAdd("Input.Kind", "Event");
            fields.TryAdd("Input.Structure", Ozanam);
            fields.TryAdd("Input.Title", "Fête de quartier");
            fields.TryAdd("Input.Body", "Texte");
            fields["action"] = "publish";
            var response = await manager.PostFormAsync("/mon-espace/publications/nouvelle?type=evenement", fields, "/mon-espace/publications/nouvelle");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, string.Join(", ", fields));
            var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
            page.QuerySelector(".errors")!.TextContent.Trim().ShouldNotBeEmpty();
        }

        (await app.WithDbAsync(db => db.Publications.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UpcomingEvents_OnHomeNeedAndSheet_UntilTheyAreOver(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        await WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = "Repas partagé de décembre",
            ["Input.StartDate"] = "2026-12-03",
            ["Input.StartTime"] = "12:00",
            ["Input.EndTime"] = "14:00",
            ["Input.Place"] = "Salle du Guelmeur",
            ["Input.Needs"] = "se-nourrir",
        }, "?type=evenement&structure=" + Ozanam);
        var visitor = app.CreateBrowserLikeClient();
        var home = await visitor.GetStringAsync("/");
        home.ShouldContain("Repas partagé de décembre");
        home.ShouldContain("jeudi 3 décembre 2026, 12:00 – 14:00");
        (await visitor.GetStringAsync("/besoin/se-nourrir")).ShouldContain("Repas partagé de décembre");
        (await visitor.GetStringAsync("/besoin/avoir-un-toit")).ShouldNotContain("Repas partagé de décembre");
        (await visitor.GetStringAsync("/publications?type=evenement")).ShouldContain("Repas partagé de décembre");

        app.Clock.Now = new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.FromHours(1));
        (await visitor.GetStringAsync("/")).ShouldNotContain("Repas partagé de décembre");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task News_AfterItsExpiry_LeavesTheLists(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var id = await WriteAsync(manager, "publish", new() { ["Input.Kind"] = "News", ["Input.Title"] = "Distribution exceptionnelle samedi", ["Input.ExpiresOn"] = "2026-11-28" }, "?type=actualite&structure=" + Ozanam);
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetStringAsync($"/structure/{Ozanam}")).ShouldContain("Distribution exceptionnelle samedi");

        app.Clock.Now = new DateTimeOffset(2026, 11, 29, 0, 30, 0, TimeSpan.FromHours(1));
        (await visitor.GetStringAsync($"/structure/{Ozanam}")).ShouldNotContain("Distribution exceptionnelle samedi");
        (await visitor.GetStringAsync("/publications")).ShouldNotContain("Distribution exceptionnelle samedi");
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Unpublish_AndTrash_TakeItOffline(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var id = await WriteAsync(manager, "publish", new() { ["Input.Title"] = "Bientôt retirée" });
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await DecideAsync(manager, id, "Unpublish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DecideAsync(manager, id, "Trash")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Publications.SingleAsync(p => p.Id == id))).Status.ShouldBe(PublicationStatus.Trashed);

        // A second "unpublish" is no longer possible, nor editing in the trash: a clear message, nothing changes.
        (await DecideAsync(manager, id, "Unpublish")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var edit = await manager.PostFormAsync("/mon-espace", new() { ["Input.Title"] = "Retouchée", ["Input.Body"] = "x", ["action"] = "save" }, $"/mon-espace/publications/{id}/modifier");
        edit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edit.Content.ReadAsStringAsync()).ShouldContain("à la corbeille");
        (await app.WithDbAsync(db => db.Publications.SingleAsync(p => p.Id == id))).Title.ShouldBe("Bientôt retirée");
        (await DecideAsync(manager, id, "Restore")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Publications.SingleAsync(p => p.Id == id))).Status.ShouldBe(PublicationStatus.Draft);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Feature_ByCoordinator_ShownAlaUne(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var id = await WriteAsync(manager, "publish", new() { ["Input.Title"] = "Le réseau fête ses quinze ans" });
        (await DecideAsync(manager, id, "Feature", new() { ["featured"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var coordinator = await AsAsync(app, Coordinator);
        (await DecideAsync(coordinator, id, "Feature", new() { ["featured"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await Html.ParseAsync(await app.CreateBrowserLikeClient().GetStringAsync("/"));
        home.QuerySelector("section[aria-labelledby=featured-title]")!.TextContent.ShouldContain("Le réseau fête ses quinze ans");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Moderate_ModeratorRestrictedToAnotherStructure_NeitherSeesNorDecides(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var moderator = await db.Users.SingleAsync(u => u.Email == Moderator);
            var restos = await db.Structures.SingleAsync(s => s.Slug == "restos-du-coeur-brest");
            db.ModeratorScopes.Add(ModeratorScope.ForStructure(moderator.Id, restos.Id));
            return await db.SaveChangesAsync();
        });
        var contributor = await AsAsync(app, Contributor);
        var id = await WriteAsync(contributor, "propose", new() { ["Input.Structure"] = "", ["Input.Title"] = "Texte du réseau" }, "?type=article");
        var editor = await AsAsync(app, Editor);
        var ozanamId = await WriteAsync(editor, "propose", new() { ["Input.Title"] = "Texte d’Ozanam" });

        Mailbox.To(app, Moderator).ShouldBeEmpty();
        var moderatorClient = await AsAsync(app, Moderator);
        var queue = await moderatorClient.GetStringAsync("/mon-espace/a-valider");
        queue.ShouldNotContain("Texte du réseau");
        queue.ShouldNotContain("Texte d’Ozanam");
        (await DecideAsync(moderatorClient, ozanamId, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await DecideAsync(moderatorClient, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The coordinator decides on everything.
        var coordinator = await AsAsync(app, Coordinator);
        (await coordinator.GetStringAsync("/mon-espace/a-valider")).ShouldContain("Texte du réseau");
        (await DecideAsync(coordinator, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [GeneratedRegex(@"/mon-espace/publications/(\d+)/")]
    private static partial Regex PublicationId();
}
