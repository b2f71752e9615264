using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Freshness.FreshnessTestData;

namespace Reperes.Web.Tests.Freshness;

/// <summary>The link of a reminder: one click without login, once, for 30 days; opening it confirms nothing.</summary>
public sealed class UpdateLinkTests
{
    private static async Task<(ReperesApp App, string Link, DateTimeOffset SentAt)> ReminderAsync(string engine)
    {
        var app = new ReperesApp(engine);
        app.Clock.Now = (await DueAtAsync(app, Ozanam)).AddHours(2);
        (await RunRemindersAsync(app)).Sent.ShouldBe(1);
        return (app, LinkOf(RemindersTo(app, OzanamManager).Single()), app.Clock.GetUtcNow());
    }

    private static Task<int> VerificationsAsync(ReperesApp app) => app.WithDbAsync(db => db.Verifications.CountAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_OneClickWithoutLogin_ConfirmsTheWholeSheet(string engine)
    {
        var (app, link, sentAt) = await ReminderAsync(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();

        // Opening the link (as a mail scanner would) confirms nothing.
        var (page, document) = await client.GetPageAsync(link);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Les informations de « Halte Accueil Frédéric Ozanam » sont-elles à jour ?");
        document.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(["Coordonnées", "Adresse", "Horaires", "Services proposés", "Fermetures et informations temporaires"]);
        document.QuerySelector("a[href='/mon-espace/structure/halte-accueil-ozanam/modifier']")!.TextContent.ShouldBe("Mettre à jour");
        (await VerificationsAsync(app)).ShouldBe(0);

        app.Clock.Now = sentAt.AddDays(3);
        var confirmed = await client.PostFormAsync(link, new() { ["section"] = "tout" });

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.OriginalString.ShouldBe("/mise-a-jour/merci");
        var (_, thanks) = await client.GetPageAsync("/mise-a-jour/merci");
        thanks.QuerySelector("[role=status]")!.TextContent.ShouldContain("Les informations de « Halte Accueil Frédéric Ozanam » sont confirmées.");
        var (structure, verification) = await app.WithDbAsync(async db => (
            await db.Structures.SingleAsync(s => s.Slug == Ozanam),
            await db.Verifications.SingleAsync()));
        structure.VerifiedAt.ShouldBe(app.Clock.GetUtcNow());
        FreshnessRules.StateOf(structure, app.Clock.GetUtcNow()).ShouldBe(FreshnessState.Fresh);
        verification.Method.ShouldBe(VerificationMethod.Link);
        verification.Sections.ShouldBe(SheetSections.All);
        verification.ByEmail.ShouldBe(OzanamManager);
        verification.ByUserId.ShouldNotBeNull();

        // The public sheet says so.
        var (_, sheet) = await client.GetPageAsync("/structure/" + Ozanam);
        sheet.QuerySelector("p.updated")!.TextContent.ShouldContain("Informations vérifiées le " + app.Clock.GetUtcNow().ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr")));
        sheet.QuerySelectorAll(".freshness").ShouldBeEmpty("fresh again: no warning");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_Reused_IsRefusedClearlyAndChangesNothing(string engine)
    {
        var (app, link, _) = await ReminderAsync(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();
        (await client.PostFormAsync(link, new() { ["section"] = "tout" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (again, document) = await client.GetPageAsync(link);
        var (_, login) = await client.GetPageAsync("/connexion");
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var repost = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["section"] = "tout", ["__RequestVerificationToken"] = token }));

        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Ce lien a déjà servi");
        document.QuerySelector("main")!.TextContent.ShouldContain("connectez-vous à votre espace");
        repost.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await VerificationsAsync(app)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_AfterThirtyDays_IsRefusedAsExpired(string engine)
    {
        var (app, link, sentAt) = await ReminderAsync(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();

        app.Clock.Now = sentAt.AddDays(30).AddMinutes(1);
        var (expired, document) = await client.GetPageAsync(link);

        expired.StatusCode.ShouldBe(HttpStatusCode.Gone);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Ce lien a expiré");
        document.QuerySelectorAll("form button").ShouldBeEmpty();
        (await VerificationsAsync(app)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_UnknownOrTampered_IsNotFoundWithWhatToDo(string engine)
    {
        var (app, link, _) = await ReminderAsync(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();

        var (tampered, document) = await client.GetPageAsync(link[..^2] + "xx");
        var (missing, _) = await client.GetPageAsync("/mise-a-jour");

        tampered.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Ce lien n’est pas valable");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_PostWithoutAntiforgery_IsRefusedAndConfirmsNothing(string engine)
    {
        var (app, link, _) = await ReminderAsync(engine);
        await using var _ = app;

        var forged = await app.CreateBrowserLikeClient().PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["section"] = "tout" }));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await VerificationsAsync(app)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Link_SectionBySection_VerifiesTheSheetOnceAllAreConfirmed(string engine)
    {
        var (app, link, _) = await ReminderAsync(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();
        var before = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.VerifiedAt).SingleAsync());

        var hours = await client.PostFormAsync(link, new() { ["section"] = "horaires" });
        var (_, document) = await client.GetPageAsync(hours.Headers.Location!.OriginalString);
        var unknown = await client.PostFormAsync(link, new() { ["section"] = "horaires" });

        hours.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        document.QuerySelector("[role=status]")!.TextContent.ShouldBe("Merci : « Horaires » est confirmé. Il reste à relire : Coordonnées, Adresse, Services proposés, Fermetures et informations temporaires.");
        document.QuerySelectorAll("button").Select(b => b.TextContent).ShouldNotContain("Rien n’a changé : Horaires");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "already confirmed");
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.VerifiedAt).SingleAsync())).ShouldBe(before);

        (await client.PostFormAsync(link, new() { ["section"] = "tout" })).Headers.Location!.OriginalString.ShouldBe("/mise-a-jour/merci");
        var sections = await app.WithDbAsync(db => db.Verifications.OrderBy(v => v.Id).Select(v => v.Sections).ToListAsync());
        sections.ShouldBe([SheetSections.Hours, SheetSections.Contact | SheetSections.Address | SheetSections.Services | SheetSections.Notices]);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.VerifiedAt).SingleAsync())).ShouldBe(app.Clock.GetUtcNow());
    }
}
