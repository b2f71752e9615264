using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Translations;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Translations;

/// <summary>
/// Content translations end to end: a translator's draft then review (status, author), the French changed through the
/// structures' one write path and the publications' workflow marking translations outdated (still shown, with a notice),
/// machine drafts from a LibreTranslate-compatible server started here, and who may write what.
/// </summary>
public sealed class ContentTranslationTests
{
    public const string Translator = "traduction@demo.reperes.example";
    private const string Ozanam = "halte-accueil-ozanam";
    private const string SheetPage = "/mon-espace/structure/" + Ozanam + "/traductions?langue=en";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_TranslatorDraftThenReview_RecordsStatusAndAuthorAndTheEnglishSheetShowsIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        var structureId = await StructureIdAsync(app, Ozanam);

        var (_, page) = await translator.GetPageAsync(SheetPage);
        page.QuerySelectorAll("blockquote.translation-source[lang=fr]").Length.ShouldBeGreaterThan(3);
        page.QuerySelector("form[action*='handler=machine']").ShouldBeNull("no machine translation is configured");

        var draft = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre: breakfast, showers and laundry.");
        draft.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        draft.Headers.Location!.OriginalString.ShouldContain("fait=brouillon");
        var stored = await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary);
        stored.Status.ShouldBe(TranslationStatus.Draft);
        stored.AuthorName.ShouldBe("Nour (traduction)");
        stored.IsMachine.ShouldBeFalse();
        stored.ReviewerName.ShouldBeNull();

        var reviewed = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre: breakfast, showers and laundry.", review: true);
        reviewed.Headers.Location!.OriginalString.ShouldContain("fait=relue");
        stored = await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary);
        stored.Status.ShouldBe(TranslationStatus.Reviewed);
        stored.ReviewerName.ShouldBe("Nour (traduction)");
        stored.SourceHash.ShouldBe(TranslatableText.HashOf("Accueil de jour, petit-déjeuner, douches et laverie pour les personnes à la rue."));

        // An English visitor reads the translation, unmarked; the untranslated presentation stays French, marked so.
        var visitor = await EnglishVisitorAsync(app);
        var (_, sheet) = await visitor.GetPageAsync("/structure/" + Ozanam);
        var summary = sheet.QuerySelectorAll("article.sheet > p").Single(p => p.TextContent.Contains("Day centre", StringComparison.Ordinal));
        summary.HasAttribute("lang").ShouldBeFalse();
        summary.QuerySelector(".translation-mark").ShouldBeNull();
        sheet.QuerySelectorAll("[lang=fr]").Select(e => e.TextContent).ShouldContain(t => t.StartsWith("La Halte Accueil accueille sans condition", StringComparison.Ordinal));

        // A French visitor reads the French.
        (await app.CreateBrowserLikeClient().GetStringAsync("/structure/" + Ozanam)).ShouldNotContain("Day centre");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_BadInput_SaysWhyAndChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        var structureId = await StructureIdAsync(app, Ozanam);

        var empty = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "   ");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Écrivez la traduction avant de l’enregistrer.");

        var tooLong = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, new string('a', ContentTranslation.MaxTextLength + 1));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("20 000 caractères au plus");

        // A text that is not the sheet's, a language not offered.
        (await TranslateAsync(translator, TranslationSubject.Structure, structureId, "name", "Halte")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await translator.GetAsync("/mon-espace/structure/" + Ozanam + "/traductions?langue=xx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.ContentTranslations.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Follow_FrenchChangedThroughTheWritePath_TranslationsOutdatedShownWithANoticeAndCurrentOnceUpdated(string engine)
    {
        await using var app = new ReperesApp(engine);
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        var structureId = await StructureIdAsync(app, Ozanam);
        var serviceId = await app.WithDbAsync(db => db.Services.Where(s => s.StructureId == structureId && s.Name == "Accueil de jour").Select(s => s.Id).SingleAsync());
        await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre for people sleeping rough.", review: true);
        await TranslateAsync(translator, TranslationSubject.Service, serviceId, TranslatableFields.Description, "A warm place to sit down and have a coffee.", review: true);

        // The manager changes the summary through the sheet's one write path: only that text's translation is outdated.
        await WriteSheetAsync(app, Ozanam, s => s.Describe(s.Name, s.Kind, "Accueil de jour et petit-déjeuner, du lundi au samedi.", s.Description, s.NetworkList));
        var summary = await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary);
        summary.OutdatedSince.ShouldNotBeNull();
        summary.Status.ShouldBe(TranslationStatus.Reviewed);
        (await TranslationAsync(app, TranslationSubject.Service, serviceId, TranslatableFields.Description)).OutdatedSince.ShouldBeNull();

        // Still shown, with its notice; the translator's page says it.
        var visitor = await EnglishVisitorAsync(app);
        var (_, sheet) = await visitor.GetPageAsync("/structure/" + Ozanam);
        var shown = sheet.QuerySelectorAll("article.sheet > p").Single(p => p.TextContent.Contains("Day centre for people sleeping rough.", StringComparison.Ordinal));
        shown.QuerySelector(".translation-mark")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        (await translator.GetStringAsync(SheetPage)).ShouldContain("Le texte français a changé depuis");

        // Updated by the translator: current again.
        await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre and breakfast, Monday to Saturday.", review: true);
        (await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary)).OutdatedSince.ShouldBeNull();

        // A service removed through the write path takes its translations with it.
        await WriteSheetAsync(app, Ozanam, s => s.Services.Remove(s.Services.Single(v => v.Id == serviceId)));
        (await app.WithDbAsync(db => db.ContentTranslations.CountAsync(t => t.Subject == TranslationSubject.Service && t.SubjectId == serviceId))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Follow_PublicationEdited_TranslationOutdated(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "publish", new() { ["Input.Title"] = "Portes ouvertes", ["Input.Summary"] = "Venez visiter la halte." });
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        var page = $"/mon-espace/publications/{id}/traductions?langue=en";
        (await TranslateAsync(translator, TranslationSubject.Publication, id, TranslatableFields.Title, "Open day", page: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TranslateAsync(translator, TranslationSubject.Publication, id, TranslatableFields.Summary, "Come and visit the shelter.", page: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var visitor = await EnglishVisitorAsync(app);
        var (_, shown) = await visitor.GetPageAsync($"/publications/{id}");
        shown.QuerySelector("h1")!.TextContent.ShouldBe("Open day");
        shown.QuerySelector(".publication-body")!.GetAttribute("lang").ShouldBe("fr");

        var edited = await manager.PostFormAsync($"/mon-espace/publications/{id}/modifier", new()
        {
            ["Input.Title"] = "Portes ouvertes le samedi",
            ["Input.Summary"] = "Venez visiter la halte.",
            ["Input.Body"] = "Venez **nombreux** découvrir la halte.",
            ["action"] = "save",
        });
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TranslationAsync(app, TranslationSubject.Publication, id, TranslatableFields.Title)).OutdatedSince.ShouldNotBeNull();
        (await TranslationAsync(app, TranslationSubject.Publication, id, TranslatableFields.Summary)).OutdatedSince.ShouldBeNull();
        (_, shown) = await visitor.GetPageAsync($"/publications/{id}");
        shown.QuerySelector("h1 .translation-mark").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MachineDraft_LocalLibreTranslateServer_LabelledUntilReviewed(string engine)
    {
        await using var server = await LibreTranslateStub.StartAsync("cle-de-test");
        await using var app = new ReperesApp(engine)
        {
            Settings =
            {
                ["Reperes:MachineTranslation:Endpoint"] = server.Url,
                ["Reperes:MachineTranslation:ApiKey"] = "cle-de-test",
            },
        };
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        var structureId = await StructureIdAsync(app, Ozanam);
        var (_, page) = await translator.GetPageAsync(SheetPage);
        page.QuerySelectorAll("form[action*='handler=machine']").Length.ShouldBeGreaterThan(3);

        var machine = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, null, handler: "machine");
        machine.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        machine.Headers.Location!.OriginalString.ShouldContain("fait=automatique");
        var request = server.Requests.Single();
        request.GetProperty("q").GetString().ShouldBe("Accueil de jour, petit-déjeuner, douches et laverie pour les personnes à la rue.");
        request.GetProperty("source").GetString().ShouldBe("fr");
        request.GetProperty("target").GetString().ShouldBe("en");
        request.GetProperty("format").GetString().ShouldBe("text");
        var stored = await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary);
        stored.Text.ShouldBe("[en] Accueil de jour, petit-déjeuner, douches et laverie pour les personnes à la rue.");
        stored.IsMachine.ShouldBeTrue();
        stored.Status.ShouldBe(TranslationStatus.Draft);
        stored.AuthorId.ShouldBeNull();

        // Labelled as a machine's on the public sheet until a person reviews it.
        var visitor = await EnglishVisitorAsync(app);
        var (_, sheet) = await visitor.GetPageAsync("/structure/" + Ozanam);
        Marked(sheet, "[en] Accueil de jour").ShouldBeTrue();
        await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre, breakfast, showers and laundry for people sleeping rough.", review: true);
        stored = await TranslationAsync(app, TranslationSubject.Structure, structureId, TranslatableFields.Summary);
        stored.IsMachine.ShouldBeFalse();
        stored.Status.ShouldBe(TranslationStatus.Reviewed);
        (_, sheet) = await visitor.GetPageAsync("/structure/" + Ozanam);
        Marked(sheet, "Day centre, breakfast").ShouldBeFalse();

        // A reviewed current translation is never replaced by the machine; a machine down is said, nothing stored.
        var kept = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Summary, null, handler: "machine");
        kept.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        server.Failing = true;
        var down = await TranslateAsync(translator, TranslationSubject.Structure, structureId, TranslatableFields.Description, null, handler: "machine");
        down.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await down.Content.ReadAsStringAsync()).ShouldContain("La traduction automatique n’a pas répondu");
        (await app.WithDbAsync(db => db.ContentTranslations.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Rights_TranslatorManagersAndOthers_EachOnlyWhatIsTheirs(string engine)
    {
        await using var app = new ReperesApp(engine);
        var structureId = await StructureIdAsync(app, Ozanam);
        var restos = await StructureIdAsync(app, "restos-du-coeur-brest");
        var restosService = await app.WithDbAsync(db => db.Services.Where(s => s.StructureId == restos && s.Description != "").Select(s => s.Id).FirstAsync());

        // A structure's managers translate their own sheet (they write its French).
        var managerA = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        (await TranslateAsync(managerA, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Day centre.")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Not another structure's, neither through its page nor through their own page with the other's text.
        var managerB = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.OtherManager);
        (await managerB.GetAsync(SheetPage)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TranslateAsync(managerB, TranslationSubject.Structure, structureId, TranslatableFields.Summary, "Hacked.", formPage: "/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TranslateAsync(managerA, TranslationSubject.Service, restosService, TranslatableFields.Description, "Hacked.")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Editors and moderators do not translate.
        foreach (var email in new[] { "redaction.ozanam@demo.reperes.example", PublicationWorkflowTests.Moderator })
        {
            var client = await PublicationWorkflowTests.AsAsync(app, email);
            (await client.GetAsync(SheetPage)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
            (await client.GetAsync("/mon-espace/traductions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
        }

        // The translator translates any sheet but edits nothing else.
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        (await translator.GetAsync("/mon-espace/structure/restos-du-coeur-brest/traductions?langue=en")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await translator.GetAsync("/mon-espace/structure/" + Ozanam + "/modifier")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var summaryBefore = await app.WithDbAsync(db => db.Structures.Where(s => s.Id == structureId).Select(s => s.Summary).SingleAsync());
        (await translator.PostFormAsync("/mon-espace", new() { ["Input.Summary"] = "Piratée", ["Input.Name"] = "Piratée" }, "/mon-espace/structure/" + Ozanam + "/modifier")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Id == structureId).Select(s => s.Summary).SingleAsync())).ShouldBe(summaryBefore);
        (await app.WithDbAsync(db => db.ContentTranslations.Select(t => t.Text).ToListAsync())).ShouldBe(["Day centre."]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ResultCards_StaffsWordsOnAccess_TranslatedInTheWhoForLineElseMarkedFrench(string engine)
    {
        await using var app = new ReperesApp(engine);
        const string french = "sur dossier, selon le reste à vivre ; valable un semestre";
        var service = await app.WithDbAsync(db => db.Services.Where(v => v.AccessDetails != null && v.AccessDetails.StartsWith("Sur dossier, selon le reste à vivre"))
            .Select(v => new { v.Id, v.StructureId, v.AccessDetails }).FirstAsync());
        var visitor = await EnglishVisitorAsync(app);
        var (_, before) = await visitor.GetPageAsync("/recherche?q=manger");
        before.QuerySelectorAll("p.for [lang=fr]").Select(e => e.TextContent).ShouldContain(french);

        var slug = await app.WithDbAsync(db => db.Structures.Where(s => s.Id == service.StructureId).Select(s => s.Slug).SingleAsync());
        var translator = await PublicationWorkflowTests.AsAsync(app, Translator);
        (await TranslateAsync(translator, TranslationSubject.Service, service.Id, TranslatableFields.AccessDetails, "On application, depending on what is left to live on; valid for a term.", page: $"/mon-espace/structure/{slug}/traductions?langue=en"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, after) = await visitor.GetPageAsync("/recherche?q=manger");
        after.QuerySelectorAll("p.for").Select(e => e.TextContent).ShouldContain(t => t.Contains("On application, depending on what is left to live on; valid for a term", StringComparison.Ordinal));
        after.QuerySelectorAll("p.for [lang=fr]").Select(e => e.TextContent).ShouldNotContain(french);
    }

    public static Task<int> StructureIdAsync(ReperesApp app, string slug) =>
        app.WithDbAsync(db => db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    /// <summary>One text's form of a translation page, posted as a browser does (a draft, reviewed, or the machine's).</summary>
    public static Task<HttpResponseMessage> TranslateAsync(
        HttpClient client, TranslationSubject subject, int subjectId, string field, string? text, bool review = false, string page = SheetPage, string? handler = null, string? formPage = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Subject"] = ((int)subject).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SubjectId"] = subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Field"] = field,
        };
        if (text is not null)
        {
            fields["Input.Text"] = text;
        }

        if (review)
        {
            fields["Input.Review"] = "1";
        }

        return client.PostFormAsync(formPage ?? page, fields, handler is null ? page : $"{page}&handler={handler}");
    }

    private static Task<ContentTranslation> TranslationAsync(ReperesApp app, TranslationSubject subject, int subjectId, string field) =>
        app.WithDbAsync(db => db.ContentTranslations.AsNoTracking().SingleAsync(t => t.Subject == subject && t.SubjectId == subjectId && t.Field == field && t.Language == "en"));

    private static async Task<HttpClient> EnglishVisitorAsync(ReperesApp app)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/langue/en?returnUrl=/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static bool Marked(AngleSharp.Dom.IDocument sheet, string start) =>
        sheet.QuerySelectorAll("article.sheet > p").Single(p => p.TextContent.StartsWith(start, StringComparison.Ordinal)).QuerySelector(".translation-mark") is not null;

    /// <summary>Changes the sheet through the one write path, as its forms do.</summary>
    private static async Task WriteSheetAsync(ReperesApp app, string slug, Action<Structure> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
        var structure = await db.Structures.Include(s => s.Services).Include(s => s.Notices).AsSplitQuery().SingleAsync(s => s.Slug == slug);
        await writer.WriteAsync(new StructureAuthor("", "Test"), structure, UpdatedDate.Moves, () =>
        {
            change(structure);
            return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange(SheetFields.Summary, null, "changé")]);
        }, default);
    }
}
