using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using static Reperes.Web.Tests.Freshness.FreshnessTestData;

namespace Reperes.Web.Tests.Freshness;

/// <summary>A campaign over the demo data, as the coordinator runs it and the structures answer.</summary>
public sealed class CampaignTests
{
    private const string Coordinator = "coordination@demo.reperes.example";

    private static async Task<(int ToDo, int Started, int Done)> CountsAsync(HttpClient coordinator, string url)
    {
        var (response, page) = await coordinator.GetPageAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        int Count(string state) => int.Parse(page.QuerySelector($"a[href='?etat={state}']")!.TextContent.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (Count("a-faire"), Count("commence"), Count("fait"));
    }

    private static async Task<string> CreateAsync(HttpClient coordinator, Dictionary<string, string> fields)
    {
        var created = await coordinator.PostFormAsync("/mon-espace/coordination/campagnes/nouvelle", fields);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        return created.Headers.Location!.OriginalString.Split('?')[0];
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Campaign_OverTheDemoData_CountsFollowTheAnswers(string engine)
    {
        await using var app = new ReperesApp(engine);
        var online = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var url = await CreateAsync(coordinator, new()
        {
            ["Input.Name"] = "Fermetures d’été",
            ["Input.Message"] = "Êtes-vous fermés en août ?",
            ["Input.Sections"] = "fermetures",
            ["Input.Scope"] = "toutes",
            ["Input.StartsOn"] = "2026-11-24",
            ["Input.EndsOn"] = "2026-12-31",
        });
        (await CountsAsync(coordinator, url)).ShouldBe((online, 0, 0));

        // Sent: the two structures with a manager get a link; the others are to call.
        var sent = await coordinator.PostFormAsync(url, [], url + "?handler=Send");
        sent.Headers.Location!.OriginalString.ShouldEndWith($"fait=envoye&structures=2&sans={online - 2}");
        var mail = Mailbox.To(app, OzanamManager).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Repères – Fermetures d’été : merci de confirmer les informations de « Halte Accueil Frédéric Ozanam »");
        mail.Body.ShouldContain("Êtes-vous fermés en août ?");
        mail.Body.ShouldContain("les fermetures et informations temporaires");
        mail.Body.ShouldContain("valable jusqu’au 31 décembre 2026 inclus");
        Mailbox.To(app, RestosManager).ShouldHaveSingleItem();

        // Ozanam's manager opens the link: started; confirms: done, by link.
        var manager = app.CreateBrowserLikeClient();
        var link = LinkOf(mail);
        var (_, page) = await manager.GetPageAsync(link);
        page.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(["Fermetures et informations temporaires"]);
        page.QuerySelector("a[href='/mon-espace/structure/halte-accueil-ozanam/fermetures']")!.TextContent.ShouldBe("Mettre à jour");
        (await CountsAsync(coordinator, url)).ShouldBe((online - 1, 1, 0));
        (await manager.PostFormAsync(link, new() { ["section"] = "tout" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountsAsync(coordinator, url)).ShouldBe((online - 1, 0, 1));

        // Only the notices were confirmed: the sheet as a whole is not "verified" by this campaign.
        var ozanam = await app.WithDbAsync(db => db.Structures.SingleAsync(s => s.Slug == Ozanam));
        ozanam.VerifiedAt.ShouldNotBe(app.Clock.GetUtcNow());

        // The coordinator calls a structure without manager, an hour later.
        app.Clock.Now = app.Clock.Now.AddHours(1);
        var ccas = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "ccas-brest").Select(s => s.Id).SingleAsync());
        var recorded = await coordinator.PostFormAsync(url, new() { ["structureId"] = ccas.ToString(System.Globalization.CultureInfo.InvariantCulture), ["method"] = "telephone", ["note"] = "Ouvert tout l’été" }, url + "?handler=Record");
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountsAsync(coordinator, url)).ShouldBe((online - 2, 0, 2));
        var answers = await app.WithDbAsync(db => db.CampaignStructures.Where(t => t.Progress == CampaignProgress.Done).OrderBy(t => t.DoneAt).Select(t => t.AnsweredBy).ToListAsync());
        answers.ShouldBe([VerificationMethod.Link, VerificationMethod.Phone]);
        var call = await app.WithDbAsync(db => db.Verifications.SingleAsync(v => v.Method == VerificationMethod.Phone));
        (call.StructureId, call.Sections, call.Note).ShouldBe((ccas, SheetSections.Notices, "Ouvert tout l’été"));

        // The page lists the answer; resending goes to the Restos only (Ozanam answered).
        var (_, detail) = await coordinator.GetPageAsync(url + "?etat=fait");
        detail.QuerySelectorAll("li.result h3").Select(h => h.TextContent).ShouldBe(["CCAS de Brest", "Halte Accueil Frédéric Ozanam"], ignoreOrder: true);
        (await coordinator.PostFormAsync(url, [], url + "?handler=Resend")).Headers.Location!.OriginalString.ShouldContain("structures=1&");
        Mailbox.To(app, RestosManager).Count.ShouldBe(2);
        Mailbox.To(app, OzanamManager).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Campaign_ByCommuneOrNeed_TargetsOnlyThoseStructures(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var relecq = await CreateAsync(coordinator, new() { ["Input.Name"] = "Plan hiver", ["Input.Sections"] = "horaires", ["Input.Scope"] = "commune", ["Input.Commune"] = "29235", ["Input.StartsOn"] = "2026-11-24", ["Input.EndsOn"] = "2026-12-24" });
        var need = await app.WithDbAsync(db => db.Needs.OrderBy(n => n.Id).Select(n => new { n.Id, n.Code }).FirstAsync());
        var byNeed = await CreateAsync(coordinator, new() { ["Input.Name"] = "Par besoin", ["Input.Sections"] = "services", ["Input.Scope"] = "besoin", ["Input.Need"] = need.Code, ["Input.StartsOn"] = "2026-11-24", ["Input.EndsOn"] = "2026-12-24" });

        var expectedByNeed = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online && s.Services.Any(v => v.Category.NeedId == need.Id)));
        (await CountsAsync(coordinator, relecq)).ShouldBe((1, 0, 0));
        (await CountsAsync(coordinator, byNeed)).ShouldBe((expectedByNeed, 0, 0));
        expectedByNeed.ShouldBeGreaterThan(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NewCampaign_BadInput_ClearMessagesAndNothingCreated(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);

        var response = await coordinator.PostFormAsync("/mon-espace/coordination/campagnes/nouvelle", new()
        {
            ["Input.Name"] = "",
            ["Input.Scope"] = "commune",
            ["Input.Commune"] = "99999",
            ["Input.StartsOn"] = "2026-12-24",
            ["Input.EndsOn"] = "2026-11-30",
        });
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = page.QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("Donnez un nom à la campagne.");
        errors.ShouldContain("Choisissez au moins une partie de la fiche à confirmer.");
        errors.ShouldContain("Choisissez la commune dans la liste.");
        errors.ShouldContain("La campagne ne peut pas finir avant de commencer.");
        (await app.WithDbAsync(db => db.Campaigns.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Campaign_BeforeItsStartOrAfterItsEnd_SendsNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, Coordinator);
        var url = await CreateAsync(coordinator, new() { ["Input.Name"] = "Plus tard", ["Input.Sections"] = "horaires", ["Input.StartsOn"] = "2027-01-10", ["Input.EndsOn"] = "2027-02-10" });

        var early = await coordinator.PostFormAsync(url, [], url + "?handler=Send");

        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("Les liens ne s’envoient qu’entre le 10 janvier 2027 et le 10 février 2027");
        Mailbox.Read(app).ShouldBeEmpty();
    }
}
