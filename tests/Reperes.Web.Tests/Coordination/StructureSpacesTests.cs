using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Coordination;

/// <summary>The coordination's list of structures' spaces, the creation of a space with its first manager, the status.</summary>
public sealed class StructureSpacesTests
{
    private const string List = "/mon-espace/coordination/structures";
    private const string Create = "/mon-espace/coordination/structures/nouvelle";
    private const string Coordinator = "coordination@demo.reperes.example";

    private static async Task<HttpClient> AsAsync(ReperesApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
        return client;
    }

    private static Dictionary<string, string> NewSpace(string name = "Épicerie solidaire de Lambézellec", string email = "responsable@epicerie.example.org") => new()
    {
        ["Input.Name"] = name,
        ["Input.Kind"] = "Association",
        ["Input.Commune"] = "Brest",
        ["Input.Summary"] = "Des courses à petit prix pour les familles du quartier.",
        ["Input.ManagerEmail"] = email,
    };

    [Fact]
    public async Task CoordinationPages_OtherPeople_AreRefusedAndNothingChanges()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var accountId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Coordinator).Select(u => u.Id).SingleAsync());
        string[] pages = [List, Create, "/mon-espace/coordination/comptes", "/mon-espace/coordination/comptes/" + accountId];
        var structures = await app.WithDbAsync(db => db.Structures.CountAsync());

        foreach (var email in new[] { "gestion.ozanam@demo.reperes.example", "redaction.ozanam@demo.reperes.example", "moderation@demo.reperes.example", "contribution@demo.reperes.example" })
        {
            var client = await AsAsync(app, email);
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{email} {page}");
            }

            (await client.GetStringAsync("/mon-espace")).ShouldNotContain("/mon-espace/coordination/");

            // Forged posts, with a valid antiforgery token of a page this person may open.
            var (_, tool) = await client.GetPageAsync("/outils/horaires");
            var token = tool.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var fields = NewSpace();
            fields["__RequestVerificationToken"] = token;
            (await client.PostAsync(Create, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var statusChange = await client.PostAsync(List + "?handler=status", new FormUrlEncodedContent(new Dictionary<string, string> { ["StructureId"] = "1", ["Target"] = "hors-ligne", ["__RequestVerificationToken"] = token }));
            statusChange.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var lockAttempt = await client.PostAsync($"/mon-espace/coordination/comptes/{accountId}?handler=lock", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            lockAttempt.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await app.CreateBrowserLikeClient().GetAsync(List)).Headers.Location!.OriginalString.ShouldContain("/connexion");
        (await app.WithDbAsync(db => db.Structures.CountAsync())).ShouldBe(structures);
        (await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Offline))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == Coordinator).Select(u => u.LockoutEnd).SingleAsync())).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Create_StructureSpace_IsADraftWhoseInvitedManagerJoinsIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var (space, _) = await coordinator.GetPageAsync("/mon-espace");
        (await space.Content.ReadAsStringAsync()).ShouldContain("href=\"/mon-espace/coordination/structures\"");

        var created = await coordinator.PostFormAsync(Create, NewSpace());

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.OriginalString.ShouldBe("/mon-espace/structure/epicerie-solidaire-de-lambezellec/equipe?invite=responsable%40epicerie.example.org");
        var structure = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == "epicerie-solidaire-de-lambezellec"));
        structure.Status.ShouldBe(StructureStatus.Draft);
        structure.Name.ShouldBe("Épicerie solidaire de Lambézellec");
        structure.Summary.ShouldBe("Des courses à petit prix pour les familles du quartier.");
        (structure.PostalCode, structure.City, structure.CommuneCode).ShouldBe(("29200", "Brest", "29019"));
        structure.GeoCell.ShouldBeNull();

        // The coordinator lands on the new team, where the invitation waits.
        var (_, team) = await coordinator.GetPageAsync(created.Headers.Location.OriginalString);
        team.QuerySelector("main")!.TextContent.ShouldContain("responsable@epicerie.example.org — valable jusqu’au");

        // A draft is nowhere in the public guide.
        (await coordinator.GetStringAsync("/api/v1/search?q=lambezellec")).ShouldNotContain("epicerie-solidaire-de-lambezellec");
        (await app.CreateBrowserLikeClient().GetAsync("/structure/epicerie-solidaire-de-lambezellec")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var mail = (await Mailbox.MessagesToAsync(app, "responsable@epicerie.example.org")).ShouldHaveSingleItem();
        mail.ShouldContain("vous invite à rejoindre l’équipe de « Épicerie solidaire de Lambézellec » sur Repères, comme gestionnaire");
        var link = (await Mailbox.InvitationLinksToAsync(app, "responsable@epicerie.example.org")).ShouldHaveSingleItem();
        var newcomer = app.CreateBrowserLikeClient();
        var accepted = await newcomer.PostFormAsync(link, new()
        {
            ["Code"] = Mailbox.CodeOf(link),
            ["Input.DisplayName"] = "Gwenaëlle",
            ["Input.Password"] = "un mot de passe assez long",
            ["Input.Confirmation"] = "un mot de passe assez long",
        });

        accepted.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        var membership = await app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.Structure.Slug == "epicerie-solidaire-de-lambezellec"));
        membership.Role.ShouldBe(MembershipRole.Manager);
        (await newcomer.GetAsync("/mon-espace/structure/epicerie-solidaire-de-lambezellec/modifier")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await newcomer.GetAsync("/mon-espace/structure/epicerie-solidaire-de-lambezellec/equipe")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Same name elsewhere: a distinct address.
        var other = NewSpace(email: "autre@example.org");
        other["Input.Commune"] = "29480";
        (await coordinator.PostFormAsync(Create, other)).Headers.Location!.OriginalString.ShouldStartWith("/mon-espace/structure/epicerie-solidaire-de-lambezellec-le-relecq-kerhuon/equipe");
    }

    [Theory]
    [InlineData("Input.Name", "", "Indiquez le nom de la structure.")]
    [InlineData("Input.Commune", "Atlantide", "Nous ne connaissons pas la commune « Atlantide »")]
    [InlineData("Input.Commune", "29280", "Plusieurs communes correspondent à « 29280 »")]
    [InlineData("Input.Commune", "", "Indiquez la commune.")]
    [InlineData("Input.Summary", "", "Indiquez en une phrase ce que fait la structure.")]
    [InlineData("Input.ManagerEmail", "pas une adresse", "Cette adresse électronique n’est pas valide.")]
    [InlineData("Input.Kind", "Casino", "Une valeur proposée dans la liste est attendue.")]
    [InlineData("Input.Name", "Halte Accueil Frédéric Ozanam", "Une structure porte déjà ce nom dans cette commune")]
    public async Task Create_BadInput_SaysWhyAndCreatesNothing(string field, string value, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var coordinator = await AsAsync(app, Coordinator);
        var structures = await app.WithDbAsync(db => db.Structures.CountAsync());
        var fields = NewSpace();
        fields[field] = value;

        var response = await coordinator.PostFormAsync(Create, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.WithDbAsync(db => db.Structures.CountAsync())).ShouldBe(structures);
        (await app.WithDbAsync(db => db.Invitations.CountAsync())).ShouldBe(0);
        Directory.Exists(Path.Combine(app.DataDirectory, "mail")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task List_SearchesFiltersAndPages(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);

        var (_, all) = await coordinator.GetPageAsync(List);
        all.QuerySelectorAll("main li.result").Length.ShouldBe(50);
        all.QuerySelector("a[rel=next]")!.GetAttribute("href").ShouldBe(List + "?page=2");
        var (_, second) = await coordinator.GetPageAsync(List + "?page=2");
        second.QuerySelectorAll("main li.result").Length.ShouldBe(10);
        second.QuerySelector("a[rel=next]").ShouldBeNull();

        var (_, found) = await coordinator.GetPageAsync(List + "?q=ozanam");
        var ozanam = found.QuerySelectorAll("main li.result").ShouldHaveSingleItem();
        ozanam.TextContent.ShouldContain("Halte Accueil Frédéric Ozanam");
        ozanam.TextContent.ShouldContain("Membres : 2 (gestionnaires : 1)");
        ozanam.QuerySelector("a[href='/mon-espace/structure/halte-accueil-ozanam/equipe']").ShouldNotBeNull();

        var (_, byCommune) = await coordinator.GetPageAsync(List + "?q=29480");
        byCommune.QuerySelectorAll("main li.result").ShouldHaveSingleItem().TextContent.ShouldContain("Le Relecq-Kerhuon");

        var (_, byCommuneName) = await coordinator.GetPageAsync(List + "?q=le%20relecq-kerhuon");
        byCommuneName.QuerySelectorAll("main li.result").ShouldHaveSingleItem().TextContent.ShouldContain("29480 Le Relecq-Kerhuon");

        var (_, withoutManager) = await coordinator.GetPageAsync(List + "?sans-gestionnaire=true&q=brest");
        var names = withoutManager.QuerySelectorAll("main li.result h2").Select(h => h.TextContent.Trim()).ToList();
        names.ShouldNotBeEmpty();
        names.ShouldNotContain("Restos du Cœur – centre de Brest");
        withoutManager.QuerySelectorAll("main li.result").ShouldAllBe(r => r.TextContent.Contains("Sans gestionnaire"));

        var (_, offline) = await coordinator.GetPageAsync(List + "?statut=hors-ligne");
        offline.QuerySelectorAll("main li.result").Length.ShouldBe(1);

        var (bad, badPage) = await coordinator.GetPageAsync(List + "?statut=perdu");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Une valeur proposée dans la liste est attendue.");
        (await coordinator.GetAsync(List + "?page=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Status_TakenOfflineThenOnline_TheGuideFollows(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await AsAsync(app, Coordinator);
        var id = (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Id).SingleAsync()))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await coordinator.GetStringAsync("/api/v1/search?q=ozanam")).ShouldContain("halte-accueil-ozanam");

        var offline = await coordinator.PostFormAsync(List + "?q=ozanam", new() { ["StructureId"] = id, ["Target"] = "hors-ligne", ["ReturnUrl"] = List + "?q=ozanam" }, List + "?handler=status");

        offline.Headers.Location!.OriginalString.ShouldBe(List + "?q=ozanam&fait=hors-ligne");
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Status).SingleAsync())).ShouldBe(StructureStatus.Offline);
        (await coordinator.GetStringAsync("/api/v1/search?q=ozanam")).ShouldNotContain("halte-accueil-ozanam");
        (await app.CreateBrowserLikeClient().GetAsync("/structure/halte-accueil-ozanam")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var online = await coordinator.PostFormAsync(List, new() { ["StructureId"] = id, ["Target"] = "en-ligne", ["ReturnUrl"] = "https://ailleurs.example/" }, List + "?handler=status");

        online.Headers.Location!.OriginalString.ShouldBe(List + "?fait=en-ligne");
        (await coordinator.GetStringAsync("/api/v1/search?q=ozanam")).ShouldContain("halte-accueil-ozanam");

        var closedId = (await app.WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.PermanentlyClosed).Select(s => s.Id).SingleAsync()))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = await coordinator.PostFormAsync(List, new() { ["StructureId"] = closedId, ["Target"] = "en-ligne" }, List + "?handler=status");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Une structure fermée définitivement");
        (await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.PermanentlyClosed))).ShouldBe(1);
    }
}
