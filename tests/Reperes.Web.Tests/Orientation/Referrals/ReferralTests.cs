using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Orientation.Referrals;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Orientation.Referrals;

/// <summary>
/// Referral requests: sent by a professional from a service that accepts them, answered once by the structure (by
/// its e-mail's link or in its space), reminded, expired and erased as the clock moves, with the counts kept.
/// </summary>
public sealed partial class ReferralTests
{
    public const string Professional = "assistante.sociale@cdas.demo.reperes.example";
    public const string Colleague = "educateur@cdas.demo.reperes.example";
    public const string OtherProfessional = "infirmier@equipe-mobile.demo.reperes.example";
    public const string ManagerA = "gestion.ozanam@demo.reperes.example";
    public const string EditorA = "redaction.ozanam@demo.reperes.example";
    public const string ManagerB = "gestion.restos@demo.reperes.example";
    public const string Coordinator = "coordination@demo.reperes.example";

    /// <summary>A small real PDF (the sniffer reads its signature).</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>The id of Ozanam's "Bagagerie", which accepts referrals (housing, availability, contact way).</summary>
    public static Task<int> BagagerieAsync(ReperesApp app) => app.WithDbAsync(db =>
        db.Services.Where(v => v.Structure.Slug == "halte-accueil-ozanam" && v.Name == "Bagagerie").Select(v => v.Id).SingleAsync());

    /// <summary>The form's fields of a complete request (consent given today, the professional's contact).</summary>
    public static Dictionary<string, string> ValidForm(ReperesApp app) => new()
    {
        ["Situation[logement]"] = "À la rue",
        ["Situation[disponibilites]"] = "Les matins sauf le mercredi",
        ["Situation[contact]"] = "Par mon intermédiaire",
        ["Initials"] = "M. D.",
        ["Message"] = "Deux sacs à laisser pendant ses démarches.",
        ["ConsentGiven"] = "true",
        ["ConsentBy"] = "Claire Le Gall",
        ["ConsentOn"] = Reperes.Web.Core.Hours.HoursEvaluator.LocalDate(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["ContactEmail"] = Professional,
        ["ContactPhone"] = "02 98 00 11 22",
    };

    /// <summary>Posts the referral form as a browser does (multipart, with the page's antiforgery token and an optional file).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, int serviceId, Dictionary<string, string> fields, (byte[] Content, string Name, string Type)? file = null)
    {
        var url = $"/mon-espace/adressages/nouveau/{serviceId}";
        var (_, page) = await client.GetPageAsync(url);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(f.Type);
            content.Add(part, "Document", f.Name);
        }

        return await client.PostAsync(url, content);
    }

    public static int IdOf(HttpResponseMessage response) =>
        int.Parse(RequestId().Match(response.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The answer link of the last request mail to Ozanam's manager (the first link of the message).</summary>
    private static string AnswerLinkOf(ReperesApp app, string subjectPart = "demande d’adressage") =>
        Mailbox.To(app, ManagerA).Last(m => m.Subject.Contains(subjectPart, StringComparison.Ordinal)).FirstLink;

    private static Task<Referral> ReferralAsync(ReperesApp app, int id) => app.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private static Task<ReferralSweep> SweepAsync(ReperesApp app) => app.Services.GetRequiredService<ReferralJob>().RunOnceAsync(default);

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string link, string handler, string? text = null)
    {
        // The antiforgery token of a page the client can open (a spent link's page has no form).
        return await client.PostFormAsync("/recherche?q=douche", text is null ? [] : new() { ["AnswerText"] = text }, $"{link}?handler={handler}");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Referral_SentThenAcceptedByTheLink_ProfessionalToldAndTheLinkSpent(string engine)
    {
        await using var app = new ReperesApp(engine);
        var service = await BagagerieAsync(app);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);

        // The sheet offers the referral to a professional, never to the public.
        (await professional.GetStringAsync("/structure/halte-accueil-ozanam")).ShouldContain($"/mon-espace/adressages/nouveau/{service}");
        (await app.CreateClient().GetStringAsync("/structure/halte-accueil-ozanam")).ShouldNotContain("/mon-espace/adressages/nouveau/");

        var form = await professional.GetStringAsync($"/mon-espace/adressages/nouveau/{service}");
        form.ShouldContain("Personnes sans domicile suivies par un travailleur social.");
        form.ShouldContain("N’écrivez rien sur la santé");
        form.ShouldContain("name=\"Situation[logement]\"");
        form.ShouldNotContain("name=\"Situation[ressources]\"");
        var english = await professional.GetStringAsync($"/mon-espace/adressages/nouveau/{service}?lang=en");
        english.ShouldContain("Refer a person: Bagagerie");
        english.ShouldContain("On the street");
        english.ShouldContain("The person has given their consent");

        var fields = ValidForm(app);
        fields["Situation[ressources]"] = "Aucune ressource"; // not asked by the service: ignored
        var sent = await SendAsync(professional, service, fields, (Pdf, "attestation.pdf", "application/pdf"));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var id = IdOf(sent);
        var stored = await ReferralAsync(app, id);
        stored.State.ShouldBe(ReferralState.Sent);
        stored.Situation.ShouldBe("logement=À la rue\ndisponibilites=Les matins sauf le mercredi\ncontact=Par mon intermédiaire\n");
        stored.ConsentBy.ShouldBe("Claire Le Gall");
        stored.TokenHash!.Length.ShouldBe(64);
        File.Exists(Path.Combine(app.DataDirectory, "referrals", stored.DocumentFile!)).ShouldBeTrue();

        // Every member of the structure is mailed the link; the mail carries nothing of the situation.
        var mail = Mailbox.To(app, EditorA).Single(m => m.Subject.Contains("demande d’adressage", StringComparison.Ordinal));
        mail.Body.ShouldNotContain("À la rue");
        mail.Body.ShouldNotContain("Deux sacs");
        var link = AnswerLinkOf(app);
        link.ShouldStartWith("/adressage/");

        // The link opens the request without an account; an acceptance needs its next step.
        var structure = app.CreateBrowserLikeClient();
        var page = await structure.GetStringAsync(link);
        page.ShouldContain("À la rue");
        page.ShouldContain("Claire Le Gall");
        var document = await structure.GetAsync(link + "?handler=Document");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await document.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        (await AnswerAsync(structure, link, "Accept", "")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.Sent);

        var accepted = await AnswerAsync(structure, link, "Accept", "Rendez-vous mardi à 10 h avec Yann, à l’accueil.");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var answered = await ReferralAsync(app, id);
        answered.State.ShouldBe(ReferralState.Accepted);
        answered.AnswerText.ShouldBe("Rendez-vous mardi à 10 h avec Yann, à l’accueil.");
        answered.AnsweredAt.ShouldBe(app.Clock.GetUtcNow());

        // Spent: read again or answered again, it says so (410), shows nothing and changes nothing.
        var again = await structure.GetAsync(link);
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var againText = await again.Content.ReadAsStringAsync();
        againText.ShouldContain("déjà reçu une réponse");
        againText.ShouldNotContain("À la rue");
        (await structure.GetAsync(link + "?handler=Document")).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await AnswerAsync(structure, link, "Refuse", "Plus de place")).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.Accepted);

        // The professional is told and reads the answer.
        Mailbox.To(app, Professional).ShouldContain(m => m.Subject.Contains("acceptée", StringComparison.Ordinal));
        var mine = await professional.GetStringAsync($"/mon-espace/adressages/{id}");
        mine.ShouldContain("Rendez-vous mardi à 10 h");
        (await professional.GetStringAsync("/mon-espace/adressages")).ShouldContain("acceptée");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Referral_ForgedOrMalformedLinks_NotFoundAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var id = IdOf(await SendAsync(professional, await BagagerieAsync(app), ValidForm(app)));
        var client = app.CreateBrowserLikeClient();
        foreach (var forged in new[] { "/adressage/AAAAAAAAAAAAAAAAAAAAAA", "/adressage/court", "/adressage/" + new string('x', 300), "/adressage/%2e%2e%2fadmin" })
        {
            var response = await client.GetAsync(forged);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, forged);
            (await response.Content.ReadAsStringAsync()).ShouldContain("ne correspond à aucune demande");
            (await AnswerAsync(client, forged, "Accept", "Piraté")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        }

        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.Sent);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Referral_ContactMeByLinkThenRefusedInTheSpace_ReasonRequiredAndProfessionalTold(string engine)
    {
        await using var app = new ReperesApp(engine);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var id = IdOf(await SendAsync(professional, await BagagerieAsync(app), ValidForm(app)));
        var link = AnswerLinkOf(app);
        var structure = app.CreateBrowserLikeClient();
        (await AnswerAsync(structure, link, "Contact")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.ContactRequested);
        (await structure.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        Mailbox.To(app, Professional).ShouldContain(m => m.Subject.Contains("la structure vous contactera", StringComparison.Ordinal));
        (await professional.GetStringAsync($"/mon-espace/adressages/{id}")).ShouldContain("la structure vous contactera");

        // After the call, the editor of the structure refuses in their space: a reason is required.
        var editor = await PublicationWorkflowTests.AsAsync(app, EditorA);
        (await editor.GetStringAsync("/mon-espace/adressages")).ShouldContain($"/mon-espace/adressages/{id}");
        var page = $"/mon-espace/adressages/{id}";
        (await editor.PostFormAsync(page, new() { ["AnswerText"] = " " }, page + "?handler=Refuse")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.ContactRequested);
        (await editor.PostFormAsync(page, new() { ["AnswerText"] = "La bagagerie est complète jusqu’en janvier." }, page + "?handler=Refuse")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await ReferralAsync(app, id);
        refused.State.ShouldBe(ReferralState.Refused);
        refused.AnswerText.ShouldBe("La bagagerie est complète jusqu’en janvier.");
        Mailbox.To(app, Professional).ShouldContain(m => m.Subject.Contains("refusée", StringComparison.Ordinal));

        // The sender reads but does not answer.
        (await professional.PostFormAsync("/mon-espace", new() { ["AnswerText"] = "Acceptée par moi" }, page + "?handler=Accept")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.Refused);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sweep_ClockMovedForward_RemindedOnceAtDayTenExpiredAtDayThirtyErasedAfterTwelveMonths(string engine)
    {
        await using var app = new ReperesApp(engine);
        var service = await BagagerieAsync(app);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var waiting = IdOf(await SendAsync(professional, service, ValidForm(app), (Pdf, "attestation.pdf", "application/pdf")));
        var answered = IdOf(await SendAsync(professional, service, ValidForm(app)));
        var start = app.Clock.Now;

        // Day 9: nothing. Day 10: one reminder to each member, with a link of its own, once however many runs.
        app.Clock.Now = start.AddDays(9);
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0));
        app.Clock.Now = start.AddDays(10);
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(2, 0, 0));
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0));
        app.Clock.Now = start.AddDays(11);
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0));
        var reminders = Mailbox.To(app, ManagerA).Where(m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal)).ToList();
        reminders.Count.ShouldBe(2);
        (await ReferralAsync(app, waiting)).RemindedAt.ShouldBe(start.AddDays(10).ToUniversalTime());

        // A reminder's link answers its request.
        var structure = app.CreateBrowserLikeClient();
        (await AnswerAsync(structure, reminders[0].FirstLink, "Accept", "Venez jeudi matin.")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var states = await app.WithDbAsync(db => db.Referrals.AsNoTracking().OrderBy(r => r.Id).Select(r => r.State).ToListAsync());
        states.Count(s => s == ReferralState.Accepted).ShouldBe(1);
        var stillWaiting = await app.WithDbAsync(db => db.Referrals.AsNoTracking().Where(r => r.State == ReferralState.Sent).Select(r => r.Id).SingleAsync());

        // Day 30 without an answer: expired, the professional told, once.
        app.Clock.Now = start.AddDays(30);
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 1, 0));
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0));
        (await ReferralAsync(app, stillWaiting)).State.ShouldBe(ReferralState.Expired);
        Mailbox.To(app, Professional).Count(m => m.Subject.Contains("expirée", StringComparison.Ordinal)).ShouldBe(1);

        // Twelve months after closing: personal data erased, the document's file deleted, the counts unchanged.
        var documentFile = (await ReferralAsync(app, waiting)).DocumentFile;
        var countsBefore = await app.WithDbAsync(db => ReferralCounts.ForAsync(db, null, default));
        app.Clock.Now = start.AddDays(11).AddMonths(12).AddDays(-1);
        (await SweepAsync(app)).Erased.ShouldBe(0);
        app.Clock.Now = start.AddDays(30).AddMonths(12).AddDays(1);
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 2));
        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0));
        foreach (var id in new[] { waiting, answered })
        {
            var erased = await ReferralAsync(app, id);
            erased.ErasedAt.ShouldNotBeNull();
            erased.Situation.ShouldBe("");
            erased.Message.ShouldBe("");
            erased.Initials.ShouldBeNull();
            erased.ConsentBy.ShouldBe("");
            erased.ContactEmail.ShouldBe("");
            erased.ContactPhone.ShouldBeNull();
            erased.SenderLabel.ShouldBe("");
            erased.SenderId.ShouldBeNull();
            erased.AnswerText.ShouldBeNull();
            erased.DocumentFile.ShouldBeNull();
            erased.TokenHash.ShouldBeNull();
        }

        documentFile.ShouldNotBeNull();
        File.Exists(Path.Combine(app.DataDirectory, "referrals", documentFile)).ShouldBeFalse();
        var counts = await app.WithDbAsync(db => ReferralCounts.ForAsync(db, null, default));
        counts.ShouldBe(countsBefore);
        var bagagerie = counts.Single(c => c.ServiceName == "Bagagerie");
        (bagagerie.Requests, bagagerie.Accepted, bagagerie.Expired, bagagerie.AcceptanceRate).ShouldBe((2, 1, 1, 1.0));
        bagagerie.MedianDaysToAnswer.ShouldBe(11);

        // Erased requests are nobody's to read any more; the coordinator still reads the counts.
        professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        (await professional.GetAsync($"/mon-espace/adressages/{waiting}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var countsPage = await coordinator.GetStringAsync("/mon-espace/coordination/adressages");
        countsPage.ShouldContain("Bagagerie");
        countsPage.ShouldContain("100");
    }

    public static TheoryData<string, string, string, string> BadInputs()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (string engine in Engines.All)
        {
            data.Add(engine, "ContactPhone", "12ab", "Ce numéro de téléphone n’est pas valide");
            data.Add(engine, "ContactPhone", "02 98", "Ce numéro de téléphone n’est pas valide");
            data.Add(engine, "ContactEmail", "pas-une-adresse@", "Cette adresse électronique n’est pas valide.");
            data.Add(engine, "ContactEmail", "", "Indiquez votre adresse électronique");
            data.Add(engine, "ConsentGiven", "", "Cochez « La personne a donné son accord »");
            data.Add(engine, "ConsentBy", " ", "Dites qui a recueilli l’accord de la personne.");
            data.Add(engine, "ConsentOn", "2030-01-01", "La date de l’accord doit être aujourd’hui ou dans les trois derniers mois.");
            data.Add(engine, "Situation[logement]", "Château", "Choisissez une réponse de la liste pour « Situation de logement ».");
            data.Add(engine, "Situation[disponibilites]", new string('a', 201), "« Disponibilités pour un rendez-vous » est trop long : 200 caractères au plus.");
            data.Add(engine, "Message", new string('a', 501), "Le message est trop long : 500 caractères au plus.");
            data.Add(engine, "Initials", "Marie Dupont", "Les initiales tiennent en 5 caractères au plus");
            data.Add(engine, "file:oversized", "", "Le document est trop lourd : 5 Mo au plus.");
            data.Add(engine, "file:text-named-pdf", "", "Ce fichier n’est pas un document PDF ni une photo JPEG ou PNG");
            data.Add(engine, "file:pdf-named-jpg", "", "Le nom du fichier ne correspond pas à son contenu (un fichier PDF)");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SendForm_BadInput_ClearMessageAndNothingStored(string engine, string field, string value, string message)
    {
        await using var app = new ReperesApp(engine);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var fields = ValidForm(app);
        (byte[], string, string)? file = null;
        switch (field)
        {
            case "file:oversized":
                var big = new byte[(5 * 1024 * 1024) + 1];
                Pdf.CopyTo(big, 0);
                file = (big, "dossier.pdf", "application/pdf");
                break;
            case "file:text-named-pdf":
                file = ("Bonjour, ceci est un simple texte et non un PDF."u8.ToArray(), "attestation.pdf", "application/pdf");
                break;
            case "file:pdf-named-jpg":
                file = (Pdf, "photo.jpg", "image/jpeg");
                break;
            case "ConsentGiven":
                fields.Remove(field);
                break;
            default:
                fields[field] = value;
                break;
        }

        var response = await SendAsync(professional, await BagagerieAsync(app), fields, file);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain(message);
        page.ShouldContain("La demande n’est pas envoyée");
        (await app.WithDbAsync(db => db.Referrals.CountAsync())).ShouldBe(0);
        var folder = Path.Combine(app.DataDirectory, "referrals");
        (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).ShouldBeEmpty();
        Mailbox.To(app, ManagerA).ShouldNotContain(m => m.Subject.Contains("demande d’adressage", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SendForm_PhotoDocument_ReencodedWithoutMetadataAndServedAsDownload(string engine)
    {
        await using var app = new ReperesApp(engine);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==");
        var response = await SendAsync(professional, await BagagerieAsync(app), ValidForm(app), (png, "scan.png", "image/png"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = IdOf(response);
        var document = await professional.GetAsync($"/mon-espace/adressages/{id}/document");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        document.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var bytes = await document.Content.ReadAsByteArrayAsync();
        Reperes.Media.MediaSniffer.Identify(bytes).Format.ShouldBeOneOf("png", "jpeg");

        // Never under a public address: the data directory's folder is not served.
        var stored = (await ReferralAsync(app, id)).DocumentFile!;
        (await app.CreateClient().GetAsync("/referrals/" + stored)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync("/media/" + stored)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Request_OthersThanSenderAndMembers_NotFoundCoordinatorSeesCountsOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var service = await BagagerieAsync(app);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        var id = IdOf(await SendAsync(professional, service, ValidForm(app), (Pdf, "attestation.pdf", "application/pdf")));
        var page = $"/mon-espace/adressages/{id}";

        foreach (var email in new[] { Colleague, OtherProfessional, ManagerB, Coordinator })
        {
            var client = await PublicationWorkflowTests.AsAsync(app, email);
            (await client.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            (await client.GetAsync(page + "/document")).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            (await client.PostFormAsync("/mon-espace", new() { ["AnswerText"] = "Acceptée par un intrus" }, page + "?handler=Accept")).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            (await client.PostFormAsync("/mon-espace", [], page + "?handler=Contact")).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            var list = await client.GetStringAsync("/mon-espace/adressages");
            list.ShouldNotContain(page);
            list.ShouldNotContain("Bagagerie");
        }

        var anonymous = app.CreateBrowserLikeClient();
        (await anonymous.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync(page + "/document")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync($"/mon-espace/adressages/nouveau/{service}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReferralAsync(app, id)).State.ShouldBe(ReferralState.Sent);

        // The coordinator reads the network's counts, never a request's content.
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var counts = await coordinator.GetStringAsync("/mon-espace/coordination/adressages");
        counts.ShouldContain("Bagagerie");
        counts.ShouldNotContain("À la rue");
        counts.ShouldNotContain("Deux sacs");
        counts.ShouldNotContain("Claire Le Gall");
        counts.ShouldNotContain(page);

        // The structure's members read it and their structure's counts; the manager of another structure reads neither.
        var manager = await PublicationWorkflowTests.AsAsync(app, ManagerA);
        (await manager.GetStringAsync(page)).ShouldContain("Deux sacs");
        var managerList = await manager.GetStringAsync("/mon-espace/adressages");
        managerList.ShouldContain(page);
        managerList.ShouldContain("Chiffres de mes structures");

        // A service that takes no referral has no form.
        var other = await app.WithDbAsync(db => db.Services.Where(v => !v.AcceptsReferrals).Select(v => v.Id).FirstAsync());
        (await professional.GetAsync($"/mon-espace/adressages/nouveau/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sweep_StrayDocuments_DeletedAfterADayOthersKept(string engine)
    {
        await using var app = new ReperesApp(engine);
        var folder = app.Services.GetRequiredService<ReferralDocuments>().Folder;
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".pdf");
        var fresh = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".pdf");
        var foreign = Path.Combine(folder, "lisez-moi.txt");
        foreach (var file in new[] { old, fresh, foreign })
        {
            await File.WriteAllTextAsync(file, "%PDF-1.4");
            File.SetLastWriteTimeUtc(file, app.Clock.GetUtcNow().UtcDateTime.AddDays(-2));
        }

        File.SetLastWriteTimeUtc(fresh, app.Clock.GetUtcNow().UtcDateTime.AddHours(-1));

        (await SweepAsync(app)).ShouldBe(new ReferralSweep(0, 0, 0, 1));

        File.Exists(old).ShouldBeFalse("no request names it and it is two days old");
        File.Exists(fresh).ShouldBeTrue("a request being sent may not be saved yet");
        File.Exists(foreign).ShouldBeTrue("not a name the store makes");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sweep_SeveralInstancesAtOnce_EachRequestRemindedOnce(string engine)
    {
        await using var app = new ReperesApp(engine);
        var service = await BagagerieAsync(app);
        var professional = await PublicationWorkflowTests.AsAsync(app, Professional);
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(professional, service, ValidForm(app))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // Four runs at once, each with its own database connection, as four instances of the application would.
        app.Clock.Now = app.Clock.Now.AddDays(10);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<ReferralSweeper>().RunAsync(app.Clock.GetUtcNow());
            }
            catch (DbUpdateException)
            {
                // SQLite may refuse a second writer ("database is locked"): that run stops; what it saved, it mailed.
                return new ReferralSweep(0, 0, 0);
            }
        }));

        // A run cut short by a locked database leaves the rest to the next one: never a reminder twice.
        await SweepAsync(app);
        runs.Sum(r => r.Reminded).ShouldBeGreaterThan(0);
        Mailbox.To(app, ManagerA).Count(m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal)).ShouldBe(3);
        (await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.RemindedAt != null))).ShouldBe(3);
    }

    [GeneratedRegex(@"/mon-espace/adressages/(\d+)")]
    private static partial Regex RequestId();
}
