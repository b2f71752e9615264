using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Freshness.Reports;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Freshness;

public sealed class SheetReportTests
{
    private const string Ozanam = "halte-accueil-ozanam";
    private const string Form = "/structure/" + Ozanam + "/signaler";
    private const string ManagerA = "gestion.ozanam@demo.reperes.example";
    private const string EditorA = "redaction.ozanam@demo.reperes.example";
    private const string ManagerB = "gestion.restos@demo.reperes.example";
    private const string Coordinator = "coordination@demo.reperes.example";

    private static Dictionary<string, string> Valid(string text = "Le numéro de téléphone ne répond plus depuis un mois.") => new()
    {
        ["Input.Section"] = "Contact",
        ["Input.Text"] = text,
        ["Input.ContactEmail"] = "habitant@example.org",
        ["Input.Homepage"] = "",
    };

    private static Task<List<SheetReport>> ReportsAsync(ReperesApp app) => app.WithDbAsync(db => db.SheetReports.AsNoTracking().Include(r => r.Structure).ToListAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_ValidReport_StoredAndMailedToTheStructureManagersAndTheCoordinatorOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var (sheet, page) = await client.GetPageAsync("/structure/" + Ozanam);
        sheet.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("a").Any(a => a.GetAttribute("href") == Form).ShouldBeTrue("the public sheet links to the report form");

        var response = await client.PostFormAsync(Form, Valid());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("envoye=true");
        var report = (await ReportsAsync(app)).ShouldHaveSingleItem();
        report.Structure.Slug.ShouldBe(Ozanam);
        report.Section.ShouldBe(ReportSection.Contact);
        report.Status.ShouldBe(ReportStatus.Open);
        report.ContactEmail.ShouldBe("habitant@example.org");
        report.CreatedAt.ShouldBe(app.Clock.GetUtcNow());

        var expected = await app.WithDbAsync(async db =>
        {
            var managers = await db.Memberships.Where(m => m.Structure.Slug == Ozanam && m.Role == MembershipRole.Manager).Select(m => m.User.Email!).ToListAsync();
            var coordinatorRole = await db.Roles.Where(r => r.Name == NetworkRoles.Coordinator).Select(r => r.Id).SingleAsync();
            var coordinators = await db.UserRoles.Where(r => r.RoleId == coordinatorRole).Join(db.Users, r => r.UserId, u => u.Id, (_, u) => u.Email!).ToListAsync();
            return managers.Concat(coordinators).Select(e => e.ToLowerInvariant()).Distinct().Order().ToList();
        });
        expected.ShouldContain(ManagerA);
        expected.ShouldContain(Coordinator);
        var mails = Mailbox.Read(app);
        mails.Select(m => m.To.Trim('<', '>').ToLowerInvariant()).Order().ToList().ShouldBe(expected);
        mails.ShouldAllBe(m => m.Subject.Contains("« Halte Accueil Frédéric Ozanam »") && m.Body.Contains("Le numéro de téléphone ne répond plus") && m.Body.Contains($"/mon-espace/signalements/{report.Id}"));
        Mailbox.To(app, EditorA).ShouldBeEmpty();
        Mailbox.To(app, ManagerB).ShouldBeEmpty();
        Mailbox.To(app, "habitant@example.org").ShouldBeEmpty();

        var (thanks, thanksPage) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        thanks.StatusCode.ShouldBe(HttpStatusCode.OK);
        thanksPage.QuerySelector("[role=status]")!.TextContent.ShouldContain("votre signalement est transmis");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_InvalidReport_ClearMessagesAndNothingStoredOrSent(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var noSection = Valid();
        noSection.Remove("Input.Section");
        var cases = new (Dictionary<string, string> Fields, string Message)[]
        {
            (noSection, "Choisissez la partie de la fiche qui est inexacte."),
            (new(Valid()) { ["Input.Section"] = "Piratage" }, "Choisissez la partie de la fiche qui est inexacte."),
            (new(Valid()) { ["Input.Section"] = "3" }, "Choisissez la partie de la fiche qui est inexacte."),
            (new(Valid()) { ["Input.Text"] = "" }, "Dites en quelques mots ce qui est inexact."),
            (new(Valid()) { ["Input.Text"] = new string('a', 2001) }, "Le message doit faire entre 5 et 2 000 caractères."),
            (new(Valid()) { ["Input.ContactEmail"] = "pas une adresse" }, "Cette adresse électronique n’est pas valide."),
        };
        foreach (var (fields, message) in cases)
        {
            var response = await client.PostFormAsync(Form, fields);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, message);
            var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
            page.QuerySelector(".errors")!.TextContent.ShouldContain(message);
        }

        var english = await client.PostFormAsync(Form + "?lang=en", new(Valid()) { ["Input.Text"] = "" });
        (await english.Content.ReadAsStringAsync()).ShouldContain("Say in a few words what is wrong.");

        (await ReportsAsync(app)).ShouldBeEmpty();
        Mailbox.Read(app).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_HoneypotFilled_ThankedButNothingStoredOrSent(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var response = await client.PostFormAsync(Form, new(Valid()) { ["Input.Homepage"] = "http://spam.example" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("envoye=true");
        (await ReportsAsync(app)).ShouldBeEmpty();
        Mailbox.Read(app).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_MoreThanFiveInAnHour_RefusedWith429AndAClearMessage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostFormAsync(Form, Valid($"Erreur numéro {i} sur la fiche."))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var refused = await client.PostFormAsync(Form, Valid("Une de trop."));

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var page = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Merci de réessayer dans une heure.");
        (await ReportsAsync(app)).Count.ShouldBe(5);
        (await client.GetAsync(Form)).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the form is not limited");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_UnknownOrDraftStructure_NotFound(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/structure/nulle-part/signaler")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/structure/" + new string('x', 300) + "/signaler")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Track_ManagerResolvesOwnReport_OtherStructureManagerNeitherSeesNorTouchesIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var anonymous = app.CreateBrowserLikeClient();
        (await anonymous.PostFormAsync(Form, Valid())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await ReportsAsync(app)).Single().Id;
        var url = $"/mon-espace/signalements/{id}";

        var other = await PublicationWorkflowTests.AsAsync(app, ManagerB);
        var (otherList, otherPage) = await other.GetPageAsync("/mon-espace/signalements");
        otherList.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherPage.QuerySelectorAll($"a[href='{url}']").ShouldBeEmpty();
        (await other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.PostFormAsync("/mon-espace", new() { ["Note"] = "Intrus" }, url + "?handler=Resolve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var editor = await PublicationWorkflowTests.AsAsync(app, EditorA);
        (await editor.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReportsAsync(app)).Single().Status.ShouldBe(ReportStatus.Open);

        var manager = await PublicationWorkflowTests.AsAsync(app, ManagerA);
        var (_, list) = await manager.GetPageAsync("/mon-espace/signalements");
        list.QuerySelectorAll($"a[href='{url}']").ShouldHaveSingleItem();
        (await manager.PostFormAsync(url, [], url + "?handler=Start")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReportsAsync(app)).Single().Status.ShouldBe(ReportStatus.InProgress);

        var rejectWithoutNote = await manager.PostFormAsync(url, new() { ["Note"] = "" }, url + "?handler=Reject");
        rejectWithoutNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await rejectWithoutNote.Content.ReadAsStringAsync()).ShouldContain("Dites en une phrase pourquoi le signalement est rejeté.");

        var resolve = await manager.PostFormAsync(url, new() { ["Note"] = "Nouveau numéro ajouté à la fiche." }, url + "?handler=Resolve");
        resolve.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var resolved = (await ReportsAsync(app)).Single();
        resolved.Status.ShouldBe(ReportStatus.Resolved);
        resolved.ResolutionNote.ShouldBe("Nouveau numéro ajouté à la fiche.");
        resolved.ResolvedByName.ShouldBe("Yann (Halte Accueil Ozanam)");
        resolved.ResolvedAt.ShouldBe(app.Clock.GetUtcNow());
        var answer = Mailbox.To(app, "habitant@example.org").ShouldHaveSingleItem();
        answer.Body.ShouldContain("Nouveau numéro ajouté à la fiche.");

        // Twice the same decision (two tabs): a clear conflict, nothing changes.
        (await manager.PostFormAsync(url, new() { ["Note"] = "Encore" }, url + "?handler=Resolve")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, all) = await coordinator.GetPageAsync("/mon-espace/signalements?etat=tous");
        all.QuerySelectorAll($"a[href='{url}']").ShouldHaveSingleItem();
        (await coordinator.PostFormAsync(url, [], url + "?handler=Reopen")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReportsAsync(app)).Single().Status.ShouldBe(ReportStatus.Open);
        (await coordinator.GetAsync("/mon-espace/signalements?etat=n-importe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Transitions_GuardedLikeTheWorkflow()
    {
        var at = ReperesApp.DefaultNow;
        var report = new SheetReport(1, ReportSection.Hours, "Fermé le lundi", null, at);
        Should.Throw<InvalidOperationException>(() => report.Reopen());
        Should.Throw<InvalidOperationException>(() => report.Reject("u", "U", " ", at));
        report.StartHandling();
        Should.Throw<InvalidOperationException>(() => report.StartHandling());
        report.Reject("u", "U", "Les horaires sont justes.", at);
        report.IsClosed.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => report.Resolve("u", "U", null, at));
        report.Reopen();
        report.Status.ShouldBe(ReportStatus.Open);
        report.ResolutionNote.ShouldBeNull();
        report.Resolve("u", "U", null, at);
        report.Status.ShouldBe(ReportStatus.Resolved);
    }
}
