using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using static Reperes.Web.Tests.Freshness.FreshnessTestData;

namespace Reperes.Web.Tests.Freshness;

/// <summary>What the public sees of freshness, and the frequency in the edit forms.</summary>
public sealed class FreshnessPagesTests
{
    private const string EditOzanam = "/mon-espace/structure/halte-accueil-ozanam/modifier";

    /// <summary>The form as the page gives it, with some fields changed, posted back.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string formSelector, Dictionary<string, string> changes)
    {
        var (_, page) = await client.GetPageAsync(url);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", page.QuerySelector($"{formSelector} input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        };
        foreach (var input in page.QuerySelectorAll($"{formSelector} input, {formSelector} textarea, {formSelector} select"))
        {
            var name = input.GetAttribute("name");
            if (name is null or "__RequestVerificationToken" || changes.ContainsKey(name))
            {
                continue;
            }

            var type = input.GetAttribute("type");
            var value = input.TagName switch
            {
                "TEXTAREA" => input.TextContent,
                "SELECT" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                _ => type is "checkbox" or "radio" && !input.HasAttribute("checked") ? null : input.GetAttribute("value") ?? "",
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        fields.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Key, c.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicSheet_StaleFreshOrUnverified_SaysSoHonestly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var (_, ozanam) = await client.GetPageAsync("/structure/" + Ozanam);
        var (_, restos) = await client.GetPageAsync("/structure/" + Restos);
        var (_, unverified) = await client.GetPageAsync("/structure/roul-age");

        // Ozanam: verified 188 days ago, every 6 months.
        ozanam.QuerySelector(".freshness")!.TextContent.ShouldBe("Ces informations datent de plus de 6 mois : appelez avant de vous déplacer.");
        ozanam.QuerySelector("p.updated")!.TextContent.ShouldContain("Informations vérifiées le 20 mai 2026.");
        ozanam.QuerySelector("p.updated")!.TextContent.ShouldContain("Mise à jour demandée tous les 6 mois.");
        restos.QuerySelector(".freshness").ShouldBeNull();
        unverified.QuerySelector(".freshness")!.TextContent.ShouldStartWith("Informations non confirmées : malgré nos demandes, la structure n’a pas confirmé cette fiche depuis le");

        // In search results too.
        var (_, results) = await client.GetPageAsync("/recherche?q=roul%27%C3%A2ge");
        var hit = results.QuerySelectorAll("li.result").Single(li => li.QuerySelector("a[href='/structure/roul-age']") is not null);
        hit.TextContent.ShouldContain("Informations non confirmées par la structure : appelez avant de vous déplacer.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicSheet_ServiceWithItsOwnShorterFrequency_IsFlaggedAlone(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.Include(s => s.Services).SingleAsync(s => s.Slug == Restos);
            structure.Services[0].SetUpdateFrequency(1);
            return await db.SaveChangesAsync();
        });

        var (_, page) = await app.CreateBrowserLikeClient().GetPageAsync("/structure/" + Restos);

        page.QuerySelector(".freshness").ShouldBeNull();
        page.QuerySelectorAll(".services .alert").Select(p => p.TextContent).ShouldContain("Les informations de ce service datent de plus de 1 mois : appelez avant de vous déplacer.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_NewFrequencySaved_IsRecordedAndTheSheetCountsAsVerified(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, OzanamManager);

        var saved = await SubmitAsync(manager, EditOzanam, "form.sheet-form", new() { ["Input.UpdateFrequency"] = "3", ["action"] = "save" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (structure, verification, change) = await app.WithDbAsync(async db => (
            await db.Structures.SingleAsync(s => s.Slug == Ozanam),
            await db.Verifications.SingleAsync(),
            await db.SheetRevisions.OrderByDescending(r => r.Id).Select(r => r.Changes).FirstAsync()));
        structure.UpdateFrequencyMonths.ShouldBe(3);
        structure.VerifiedAt.ShouldBe(app.Clock.GetUtcNow());
        (verification.Method, verification.Sections).ShouldBe((VerificationMethod.Edit, SheetSections.All));
        change.ShouldContain("\"Before\":\"6 mois\",\"After\":\"3 mois\"");

        // Verified now: no reminder is due any more.
        (await RunRemindersAsync(app)).Sent.ShouldBe(0);
        var (_, form) = await manager.GetPageAsync(EditOzanam);
        form.QuerySelector("#frequency option[selected]")!.GetAttribute("value").ShouldBe("3");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditForms_FrequencyNotInTheList_AreRefusedWithAClearMessage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, OzanamManager);
        var serviceId = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam).Select(v => v.Id).FirstAsync());
        var serviceUrl = $"/mon-espace/structure/{Ozanam}/services/{serviceId}";

        var sheet = await SubmitAsync(manager, EditOzanam, "form.sheet-form", new() { ["Input.UpdateFrequency"] = "5", ["action"] = "save" });
        var service = await SubmitAsync(manager, serviceUrl, "form.service-form", new() { ["Input.UpdateFrequency"] = "24", ["action"] = "save" });
        var serviceOwn = await SubmitAsync(manager, serviceUrl, "form.service-form", new() { ["Input.UpdateFrequency"] = "1", ["action"] = "save" });

        sheet.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await sheet.Content.ReadAsStringAsync()).ShouldContain("Choisissez la fréquence de mise à jour dans la liste : 1, 3, 6 ou 12 mois.");
        service.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await service.Content.ReadAsStringAsync()).ShouldContain("Choisissez la fréquence de mise à jour dans la liste : 1, 3, 6 ou 12 mois.");
        serviceOwn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (structure, frequencies) = await app.WithDbAsync(async db => (
            await db.Structures.SingleAsync(s => s.Slug == Ozanam),
            await db.Services.Where(v => v.Id == serviceId).Select(v => v.UpdateFrequencyMonths).SingleAsync()));
        structure.UpdateFrequencyMonths.ShouldBe(6);
        frequencies.ShouldBe(1);
        (await app.WithDbAsync(db => db.Verifications.CountAsync())).ShouldBe(0, "a refused form confirms nothing; a service's form is not the whole sheet");
    }
}
