using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Publications.PublicationWorkflowTests;

namespace Reperes.Web.Tests.Publishing.Publications;

/// <summary>Deciding on a proposal from its review page, and the confirmations before a publication leaves the site.</summary>
public sealed class ReviewPublicationTests
{
    private static string Review(int id) => $"/mon-espace/a-valider/{id}";

    private static Task<Publication> StoredAsync(ReperesApp app, int id) =>
        app.WithDbAsync(db => db.Publications.AsNoTracking().SingleAsync(p => p.Id == id));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Review_Proposal_ShowsTheTextAsItWillAppearWithItsAuthorStructureAndTheTwoDecisions(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", new() { ["Input.Title"] = "Atelier cuisine du jeudi", ["Input.Body"] = "Venez **nombreux** cuisiner.", ["Input.Needs"] = "se-nourrir" });
        var manager = await AsAsync(app, Manager);

        var (queueResponse, queue) = await manager.GetPageAsync("/mon-espace/a-valider");
        queueResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        queue.QuerySelectorAll($"a[href='{Review(id)}']").Length.ShouldBe(2);
        queue.QuerySelectorAll($"a[href='/mon-espace/publications/{id}/modifier']").ShouldBeEmpty();

        var (response, page) = await manager.GetPageAsync(Review(id));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Examiner : Atelier cuisine du jeudi");
        var article = page.QuerySelector(".review article.publication")!;
        article.QuerySelector("h3")!.TextContent.ShouldBe("Atelier cuisine du jeudi");
        article.QuerySelector("strong")!.TextContent.ShouldBe("nombreux");
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        facts.ShouldContain("Halte Accueil Frédéric Ozanam");
        facts.ShouldContain("Léa");
        facts.ShouldContain("Se nourrir");
        page.QuerySelector("#files-title + p")!.TextContent.ShouldBe("Aucun fichier joint.");
        var buttons = page.QuerySelectorAll("main button").Select(b => b.TextContent.Trim()).ToList();
        buttons.ShouldBe(["Publier maintenant", "Programmer la publication", "Refuser la publication"]);
        page.QuerySelectorAll("main button").Single(b => b.TextContent.Contains("Refuser", StringComparison.Ordinal)).ClassList.ShouldContain("danger");
        page.QuerySelector("textarea[name=Reason]")!.HasAttribute("required").ShouldBeTrue();

        // The edit page of the proposal no longer offers its own "Publier": it leads to this review.
        var (_, edit) = await manager.GetPageAsync($"/mon-espace/publications/{id}/modifier");
        edit.QuerySelectorAll("main button").Select(b => b.TextContent.Trim()).ShouldNotContain("Publier");
        edit.QuerySelectorAll($"a[href='{Review(id)}']").ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Review_PublishScheduled_IsVisibleFromItsDateAndTheAuthorIsTold(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", new() { ["Input.Title"] = "Fermeture de Noël" });
        var manager = await AsAsync(app, Manager);

        var response = await manager.PostFormAsync(Review(id), new() { ["When"] = "programmer", ["PublishOn"] = "2026-12-01", ["PublishTime"] = "08:00" }, Review(id) + "?handler=Publish");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/mon-espace/a-valider?fait=programme");
        (await manager.GetPageAsync(response.Headers.Location.OriginalString)).Document.QuerySelector("[role=status]")!.TextContent.ShouldContain("programmée");
        var stored = await StoredAsync(app, id);
        stored.Status.ShouldBe(PublicationStatus.Published);
        stored.PublishFrom.ShouldBe(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(1)));
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Mailbox.To(app, Editor).ShouldHaveSingleItem().Subject.ShouldContain("est publié");
        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(1));
        (await visitor.GetAsync($"/publications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("programmer", "", "", "Indiquez le jour de la publication")]
    [InlineData("programmer", "2026-11-01", "10:00", "Ce moment est déjà passé")]
    [InlineData("programmer", "2026-11-24", "09:00", "Ce moment est déjà passé")]
    [InlineData("programmer", "2040-01-01", "", "Cette date est trop lointaine.")]
    [InlineData("demain", "", "", "Une valeur proposée dans la liste est attendue.")]
    public async Task Review_PublishWithAWrongDate_ExplainsAndChangesNothing(string when, string day, string time, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", []);
        var manager = await AsAsync(app, Manager);

        var response = await manager.PostFormAsync(Review(id), new() { ["When"] = when, ["PublishOn"] = day, ["PublishTime"] = time }, Review(id) + "?handler=Publish");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await StoredAsync(app, id)).Status.ShouldBe(PublicationStatus.Proposed);
        Mailbox.To(app, Editor).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Review_Refuse_NeedsAReasonThenTellsTheAuthorAndLeavesTheQueue(string engine)
    {
        await using var app = new ReperesApp(engine);
        var editor = await AsAsync(app, Editor);
        var id = await WriteAsync(editor, "propose", new() { ["Input.Title"] = "Texte à revoir" });
        var manager = await AsAsync(app, Manager);

        var empty = await manager.PostFormAsync(Review(id), new() { ["Reason"] = " " }, Review(id) + "?handler=Refuse");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StoredAsync(app, id)).Status.ShouldBe(PublicationStatus.Proposed);

        var refused = await manager.PostFormAsync(Review(id), new() { ["Reason"] = "Ajoutez l’heure de l’atelier." }, Review(id) + "?handler=Refuse");

        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldStartWith("/mon-espace/a-valider?fait=refuse");
        var stored = await StoredAsync(app, id);
        stored.Status.ShouldBe(PublicationStatus.Refused);
        stored.RefusalReason.ShouldBe("Ajoutez l’heure de l’atelier.");
        Mailbox.To(app, Editor).ShouldHaveSingleItem().Body.ShouldContain("Ajoutez l’heure de l’atelier.");
        (await manager.GetStringAsync("/mon-espace/a-valider")).ShouldNotContain("Texte à revoir");

        // Decided already: the review says so and offers no second decision.
        var (_, again) = await manager.GetPageAsync(Review(id));
        again.QuerySelector("[role=status]")!.TextContent.ShouldContain("n’attend pas de décision");
        again.QuerySelectorAll("main button").Select(b => b.TextContent.Trim()).ShouldNotContain("Refuser la publication");
        (await manager.PostFormAsync(Review(id), new() { ["Reason"] = "Encore" }, Review(id) + "?handler=Refuse")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Trash_AndUnpublish_AreAskedToConfirmInRed(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, Manager);
        var id = await WriteAsync(manager, "publish", new() { ["Input.Title"] = "Portes ouvertes" });
        var edit = $"/mon-espace/publications/{id}/modifier";

        var (_, page) = await manager.GetPageAsync(edit);
        // Nothing posts the trash or the withdrawal from the page itself: each leads to a confirmation.
        page.QuerySelectorAll("form[action$='handler=Trash'], form[action$='handler=Unpublish']").ShouldBeEmpty();
        var trash = page.QuerySelectorAll("a").Single(a => a.TextContent == "Mettre à la corbeille");
        trash.ClassList.ShouldContain("danger-quiet");
        page.QuerySelectorAll("a").Single(a => a.TextContent == "Retirer de la publication").ClassList.ShouldContain("danger-quiet");

        var (_, confirm) = await manager.GetPageAsync(trash.GetAttribute("href")!.Split('#')[0]);
        var box = confirm.QuerySelector("section.confirm")!;
        box.QuerySelector("h2")!.TextContent.ShouldBe("Mettre « Portes ouvertes » à la corbeille ?");
        box.TextContent.ShouldContain("disparaît aussitôt du site");
        var yes = box.QuerySelector("form[action$='handler=Trash'] button")!;
        yes.TextContent.ShouldBe("Oui, mettre à la corbeille");
        yes.ClassList.ShouldContain("danger");
        (await StoredAsync(app, id)).Status.ShouldBe(PublicationStatus.Published);

        var (_, withdraw) = await manager.GetPageAsync(edit + "?confirmer=retrait");
        withdraw.QuerySelector("section.confirm form[action$='handler=Unpublish'] button")!.ClassList.ShouldContain("danger");

        (await DecideAsync(manager, id, "Trash")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StoredAsync(app, id)).Status.ShouldBe(PublicationStatus.Trashed);
        var (_, trashed) = await manager.GetPageAsync(edit + "?confirmer=corbeille");
        trashed.QuerySelector("section.confirm").ShouldBeNull();
    }
}
