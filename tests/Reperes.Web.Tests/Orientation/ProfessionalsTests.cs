using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Orientation;

/// <summary>
/// Professional accounts: registration with a confirmed address, the coordinator's validation (or a listed domain's),
/// refusal and withdrawal, partner bodies, and what only validated professionals see on sheets and results.
/// </summary>
public sealed class ProfessionalsTests
{
    private const string Ozanam = "/structure/halte-accueil-ozanam";
    private const string OzanamContact = "ligne directe 02 98 00 11 22";
    private const string Coordinator = "coordination@demo.reperes.example";

    private static Dictionary<string, string> Registration(string email, string workplace = "Association Le Phare") => new()
    {
        ["Input.DisplayName"] = "Nolwenn Le Bris",
        ["Input.Email"] = email,
        ["Input.Password"] = "un-mot-de-passe-long",
        ["Input.Workplace"] = workplace,
        ["Input.Kind"] = nameof(PartnerBodyKind.Association),
        ["Input.JobTitle"] = "Bénévole à l’accueil",
        ["Input.Declaration"] = "oui",
    };

    /// <summary>Registers, then opens the confirmation link of the e-mail and presses its button; the confirmation page's text.</summary>
    private static async Task<string> RegisterAndConfirmAsync(ReperesApp app, string email, string workplace = "Association Le Phare")
    {
        var anonymous = app.CreateBrowserLikeClient();
        var registered = await anonymous.PostFormAsync("/inscription-professionnelle", Registration(email, workplace));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        registered.Headers.Location!.OriginalString.ShouldContain("envoye=True", Case.Insensitive);
        var link = Mailbox.To(app, email).Single(m => m.Subject.Contains("confirmez", StringComparison.Ordinal)).FirstLink;
        var (_, page) = await anonymous.GetPageAsync(link);
        var confirmed = await anonymous.SubmitAsync(page.QuerySelector("main form")!, pageUrl: link);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Html.ParseAsync(await confirmed.Content.ReadAsStringAsync())).QuerySelector("main")!.TextContent;
    }

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return page.QuerySelector("main")!.TextContent;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Register_UnlistedDomain_PendingUntilTheCoordinatorValidatesThenSeesWhatProfessionalsSee(string engine)
    {
        await using var app = new ReperesApp(engine);
        const string email = "nolwenn@le-phare.example";
        (await TextAsync(app.CreateBrowserLikeClient(), Ozanam)).ShouldNotContain(OzanamContact);

        var confirmation = await RegisterAndConfirmAsync(app, email);

        confirmation.ShouldContain("La coordination du réseau va valider votre compte");
        Mailbox.To(app, Coordinator).ShouldContain(m => m.Subject.Contains("à valider", StringComparison.Ordinal) && m.Body.Contains(email, StringComparison.Ordinal));
        var pending = await PublicationWorkflowTests.AsAsync(app, email, "un-mot-de-passe-long");
        (await TextAsync(pending, Ozanam)).ShouldNotContain(OzanamContact, customMessage: "a pending professional sees what the public sees");
        (await TextAsync(pending, "/mon-espace/professionnel")).ShouldContain("attend la validation de la coordination");

        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var (_, queue) = await coordinator.GetPageAsync("/mon-espace/coordination/professionnels");
        var form = queue.QuerySelectorAll("form").Single(f => f.QuerySelector("button")?.TextContent.Contains("Valider le compte de Nolwenn", StringComparison.Ordinal) == true);
        var validated = await coordinator.SubmitAsync(form, [new("body", "nouveau")], "/mon-espace/coordination/professionnels");
        validated.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var profile = await app.WithDbAsync(db => db.ProfessionalProfiles.Include(p => p.Body).SingleAsync(p => p.Workplace == "Association Le Phare"));
        profile.Status.ShouldBe(ProfessionalStatus.Validated);
        profile.Body!.Name.ShouldBe("Association Le Phare");
        profile.Body.Kind.ShouldBe(PartnerBodyKind.Association);
        Mailbox.To(app, email).ShouldContain(m => m.Subject.Contains("validé", StringComparison.Ordinal));

        var professional = await PublicationWorkflowTests.AsAsync(app, email, "un-mot-de-passe-long");
        var sheet = await TextAsync(professional, Ozanam);
        sheet.ShouldContain(OzanamContact);
        sheet.ShouldContain("prévenir la veille, la bagagerie a 30 casiers");
        sheet.ShouldContain("Ce service accepte les demandes d’adressage.");
        var (_, results) = await professional.GetPageAsync("/recherche?q=bagagerie");
        results.QuerySelector("#lieu-" + await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Id).SingleAsync()) + " .partner")!
            .TextContent.ShouldContain("Adressage possible : Bagagerie");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Register_ListedDomain_ValidatedWithItsBodyOnceTheAddressIsConfirmed(string engine)
    {
        await using var app = new ReperesApp(engine);
        const string email = "conseillere@cdas.demo.reperes.example";

        var anonymous = app.CreateBrowserLikeClient();
        (await anonymous.PostFormAsync("/inscription-professionnelle", Registration(email, "CDAS"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await app.WithDbAsync(db => db.ProfessionalProfiles.Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Status, u.Email }).SingleAsync(x => x.Email == email));
        before.Status.ShouldBe(ProfessionalStatus.Pending, "an unconfirmed address validates nothing: anyone can type one");

        var link = Mailbox.To(app, email).Single().FirstLink;
        var (_, page) = await anonymous.GetPageAsync(link);
        var confirmed = await anonymous.SubmitAsync(page.QuerySelector("main form")!, pageUrl: link);
        (await Html.ParseAsync(await confirmed.Content.ReadAsStringAsync())).QuerySelector("main")!.TextContent.ShouldContain("votre compte professionnel est validé");

        var profile = await app.WithDbAsync(db => db.ProfessionalProfiles.Include(p => p.Body).Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p, u.Email }).SingleAsync(x => x.Email == email));
        profile.p.Status.ShouldBe(ProfessionalStatus.Validated);
        profile.p.Body!.Name.ShouldBe(DemoPartners.SocialServicesBody);
        profile.p.DecidedBy.ShouldBeNull();
        Mailbox.To(app, Coordinator).ShouldNotContain(m => m.Body.Contains(email, StringComparison.Ordinal), "nothing to validate");
        (await TextAsync(await PublicationWorkflowTests.AsAsync(app, email, "un-mot-de-passe-long"), Ozanam)).ShouldContain(OzanamContact);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Register_BadInput_ClearMessagesAndNoAccount(string engine)
    {
        await using var app = new ReperesApp(engine);
        var users = await app.WithDbAsync(db => db.Users.CountAsync());
        var cases = new (string Field, string Value, string Message)[]
        {
            ("Input.Email", "pas-une-adresse", "Cette adresse électronique n’est pas valide."),
            ("Input.Password", "court", "Le mot de passe doit compter au moins 10 caractères."),
            ("Input.Workplace", "", "Indiquez l’organisme pour lequel vous travaillez."),
            ("Input.Workplace", new string('a', 201), "Le nom de l’organisme est trop long"),
            ("Input.Kind", "Mafia", "Une valeur proposée dans la liste est attendue."),
            ("Input.Kind", "3", "Une valeur proposée dans la liste est attendue."),
            ("Input.JobTitle", "", "Indiquez votre fonction"),
            ("Input.DisplayName", "", "Indiquez votre nom"),
            ("Input.Declaration", "", "Cochez la case"),
        };
        foreach (var (field, value, message) in cases)
        {
            var fields = Registration("quelquun@example.org");
            fields[field] = value;
            var response = await app.CreateBrowserLikeClient().PostFormAsync("/inscription-professionnelle", fields);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field} = {value}");
            System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message, Case.Sensitive, $"{field} = {value}");
        }

        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(users);
        (await app.WithDbAsync(db => db.ProfessionalProfiles.CountAsync())).ShouldBe(DemoPartners.Professionals.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Register_AddressWithAnAccount_SameAnswerAndTheOwnerIsTold(string engine)
    {
        await using var app = new ReperesApp(engine);
        const string email = "gestion.ozanam@demo.reperes.example";
        var users = await app.WithDbAsync(db => db.Users.CountAsync());

        var response = await app.CreateBrowserLikeClient().PostFormAsync("/inscription-professionnelle", Registration(email));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("envoye=True", Case.Insensitive);
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(users);
        Mailbox.To(app, email).ShouldContain(m => m.Subject.Contains("déjà un compte", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Confirm_ForgedOrWrongCode_SaysTheLinkIsNotValidAndConfirmsNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        const string email = "forge@le-phare.example";
        var anonymous = app.CreateBrowserLikeClient();
        (await anonymous.PostFormAsync("/inscription-professionnelle", Registration(email))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        foreach (var code in new[] { "AAAA", "%%%", "bm9uLXZhbGlkZQ" })
        {
            var url = $"/inscription-professionnelle/confirmer?compte={userId}&code={Uri.EscapeDataString(code)}";
            var response = await anonymous.PostFormAsync(url, new() { ["compte"] = userId, ["code"] = code });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, code);
            System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Ce lien n’est pas valable");
        }

        (await anonymous.GetAsync("/inscription-professionnelle/confirmer")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email))).EmailConfirmed.ShouldBeFalse();
        Mailbox.To(app, Coordinator).ShouldNotContain(m => m.Body.Contains(email, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Refuse_PendingThenWithdrawValidated_ReasonRequiredPersonToldAndProfessionalViewGone(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        const string page = "/mon-espace/coordination/professionnels";
        var pendingId = await app.WithDbAsync(db => db.ProfessionalProfiles.Where(p => p.Status == ProfessionalStatus.Pending).Select(p => p.Id).SingleAsync());

        var noReason = await coordinator.PostFormAsync(page, new() { ["profileId"] = pendingId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = " " }, page + "?handler=Refuse");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Net.WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()).ShouldContain("Dites en une phrase pourquoi");
        (await app.WithDbAsync(db => db.ProfessionalProfiles.SingleAsync(p => p.Id == pendingId))).Status.ShouldBe(ProfessionalStatus.Pending);

        var refused = await coordinator.PostFormAsync(page, new() { ["profileId"] = pendingId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Association inconnue du réseau : appelez-nous." }, page + "?handler=Refuse");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Mailbox.To(app, "benevole@association.demo.reperes.example").ShouldContain(m => m.Body.Contains("Association inconnue du réseau", StringComparison.Ordinal));
        var again = await coordinator.PostFormAsync(page, new() { ["profileId"] = pendingId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Encore." }, page + "?handler=Refuse");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The refused person may ask again from Mon espace.
        var benevole = await PublicationWorkflowTests.AsAsync(app, "benevole@association.demo.reperes.example");
        (await TextAsync(benevole, "/mon-espace/professionnel")).ShouldContain("Association inconnue du réseau");
        var asked = await benevole.PostFormAsync("/mon-espace/professionnel", new() { ["Input.Workplace"] = "Secours populaire", ["Input.Kind"] = "Association", ["Input.JobTitle"] = "Bénévole" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ProfessionalProfiles.SingleAsync(p => p.Workplace == "Secours populaire"))).Status.ShouldBe(ProfessionalStatus.Pending);

        // Withdrawing a validation takes the professional view away at the next sign-in.
        const string nurse = "infirmier@equipe-mobile.demo.reperes.example";
        (await TextAsync(await PublicationWorkflowTests.AsAsync(app, nurse), Ozanam)).ShouldContain(OzanamContact);
        var nurseProfile = await app.WithDbAsync(db => db.ProfessionalProfiles.Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Id, u.Email }).Where(x => x.Email == nurse).Select(x => x.Id).SingleAsync());
        (await coordinator.PostFormAsync(page, new() { ["profileId"] = nurseProfile.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "A quitté l’équipe mobile." }, page + "?handler=Refuse"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextAsync(await PublicationWorkflowTests.AsAsync(app, nurse), Ozanam)).ShouldNotContain(OzanamContact);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Body_Domains_WebmailMalformedAndTakenDomainsRefusedGoodOnesSaved(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        const string page = "/mon-espace/coordination/professionnels";
        var cases = new (string Domains, string Message)[]
        {
            ("gmail.com", "messagerie ouverte à tous"),
            ("pas un domaine!", "n’est pas un nom de domaine"),
            ("cdas.demo.reperes.example", "valide déjà les comptes de"),
        };
        foreach (var (domains, message) in cases)
        {
            var response = await coordinator.PostFormAsync(page, new() { ["name"] = "Mission locale", ["kind"] = "Employment", ["domains"] = domains }, page + "?handler=Body");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, domains);
            System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message, Case.Sensitive, domains);
        }

        (await app.WithDbAsync(db => db.PartnerBodies.CountAsync())).ShouldBe(DemoPartners.Bodies.Count);
        var saved = await coordinator.PostFormAsync(page, new() { ["name"] = "Mission locale", ["kind"] = "Employment", ["domains"] = "@Mission-Locale.example  ml29.example" }, page + "?handler=Body");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var body = await app.WithDbAsync(db => db.PartnerBodies.SingleAsync(b => b.Name == "Mission locale"));
        body.DomainList.ShouldBe(["mission-locale.example", "ml29.example"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicData_ProfessionalInformation_NeverInPublicPagesApisOrExports(string engine)
    {
        await using var app = new ReperesApp(engine);
        var anonymous = app.CreateBrowserLikeClient();
        string[] secrets = [OzanamContact, "la bagagerie a 30 casiers", "Inscriptions hors campagne possibles", "Ressources sous le barème national des Restos"];
        string[] urls =
        [
            Ozanam, "/structure/restos-du-coeur-brest", "/recherche?q=bagagerie", "/recherche?q=colis", "/besoin/se-nourrir",
            "/api/v1/structures?per_page=100", "/api/v1/services?per_page=100", "/api/v1/search?q=bagagerie",
            "/api/hsds/services?per_page=100", "/api/hsds/organizations?per_page=100",
            "/api/v1/export/data-inclusion/structures", "/api/v1/export/data-inclusion/services",
        ];
        foreach (var url in urls)
        {
            var response = await anonymous.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var body = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            foreach (var secret in secrets)
            {
                body.ShouldNotContain(secret, Case.Sensitive, url);
            }
        }
    }
}
