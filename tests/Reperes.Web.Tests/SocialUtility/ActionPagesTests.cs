using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.SocialUtility.EvaluationForms;
using Workflow = Reperes.Web.Tests.Publishing.Publications.PublicationWorkflowTests;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>An action through its pages: its services (only the structure's), its periods and their transitions.</summary>
public sealed class ActionPagesTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Periods_ThroughTheForms_OpenCloseReopenValidateAndRefusedStepsSayWhy(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(111));
        var manager = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, _, _) = await BlankFrameworkAsync(app, manager);
        var (actionId, periodId) = await ActionWithPeriodAsync(app, manager, frameworkId);
        var url = ActionUrl(Ozanam, actionId);
        async Task<PeriodStatus> StatusAsync() => await app.WithDbAsync(db => db.ActionPeriods.Where(p => p.Id == periodId).Select(p => p.Status).SingleAsync());

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(url));
        page.ShouldContain("Ouverte à la saisie");
        page.ShouldContain($"{url}/periodes/{periodId}");
        page.ShouldContain($"{url}/periodes/{periodId}/temoignages");
        page.ShouldContain($"{url}/periodes/{periodId}/auto-evaluation");
        page.ShouldContain($"{url}/resultats");

        // An open period cannot be validated straight away: said in words, nothing changes.
        var early = await PostAsync(manager, url, $"handler=validate&periodId={periodId}", []);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()).ShouldContain("Fermez d’abord la période « 2026 » à la saisie, puis validez-la.");
        (await StatusAsync()).ShouldBe(PeriodStatus.Open);

        (await PostAsync(manager, url, $"handler=close&periodId={periodId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync()).ShouldBe(PeriodStatus.Closed);
        (await PostAsync(manager, url, $"handler=reopen&periodId={periodId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync()).ShouldBe(PeriodStatus.Open);
        (await PostAsync(manager, url, $"handler=close&periodId={periodId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var validated = await PostAsync(manager, url, $"handler=validate&periodId={periodId}", []);
        validated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var period = await app.WithDbAsync(db => db.ActionPeriods.SingleAsync(p => p.Id == periodId));
        period.Status.ShouldBe(PeriodStatus.Validated);
        period.ValidatedById.ShouldBe(await app.WithDbAsync(db => db.Users.Where(u => u.Email == ManagerA).Select(u => u.Id).SingleAsync()));
        WebUtility.HtmlDecode(await manager.GetStringAsync(validated.Headers.Location!.OriginalString)).ShouldContain("Période validée : ses chiffres sont définitifs");

        // A validated period is final.
        foreach (var handler in new[] { "reopen", "close", "validate" })
        {
            var refused = await PostAsync(manager, url, $"handler={handler}&periodId={periodId}", []);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, handler);
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("La période « 2026 » est validée : ses chiffres sont définitifs et ne changent plus.");
        }

        (await StatusAsync()).ShouldBe(PeriodStatus.Validated);

        // A period of another action: 404.
        var (otherAction, otherPeriod) = await ActionWithPeriodAsync(app, manager, frameworkId);
        (await PostAsync(manager, url, $"handler=close&periodId={otherPeriod}", [])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        otherAction.ShouldNotBe(actionId);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OpenPeriod_OverlappingOrBackwards_RefusedInWordsAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(112));
        var manager = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, _, _) = await BlankFrameworkAsync(app, manager);
        var (actionId, _) = await ActionWithPeriodAsync(app, manager, frameworkId);
        var url = ActionUrl(Ozanam, actionId);
        var before = await FingerprintAsync(app);

        var overlapping = await PostAsync(manager, url, "handler=openPeriod", new() { ["Input.Label"] = "Été 2026", ["Input.StartsOn"] = "2026-07-01", ["Input.EndsOn"] = "2026-08-31" });
        overlapping.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await overlapping.Content.ReadAsStringAsync());
        html.ShouldContain("Ces dates chevauchent la période « 2026 » (1 janvier 2026 – 31 décembre 2026) : les périodes d’une action ne se recouvrent pas.");
        html.ShouldContain("value=\"Été 2026\"");

        var backwards = await PostAsync(manager, url, "handler=openPeriod", new() { ["Input.Label"] = "2027", ["Input.StartsOn"] = "2027-12-31", ["Input.EndsOn"] = "2027-01-01" });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()).ShouldContain("La période se termine avant de commencer : vérifiez les dates.");

        var missing = await PostAsync(manager, url, "handler=openPeriod", new() { ["Input.Label"] = "", ["Input.StartsOn"] = "demain", ["Input.EndsOn"] = "" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var words = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        words.ShouldContain("Donnez un nom à la période");
        words.ShouldContain("Indiquez la date de début de la période.");
        words.ShouldContain("Indiquez la date de fin de la période.");
        (await FingerprintAsync(app)).ShouldBe(before);

        (await PostAsync(manager, url, "handler=openPeriod", new() { ["Input.Label"] = "2027", ["Input.StartsOn"] = "2027-01-01", ["Input.EndsOn"] = "2027-12-31" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ActionPeriods.Where(p => p.ActionId == actionId).OrderBy(p => p.StartsOn).Select(p => p.Label).ToListAsync())).ShouldBe(["2026", "2027"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Services_OnlyTheStructuresOwn_AnotherStructuresServiceRefused(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(113));
        var manager = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, _, _) = await BlankFrameworkAsync(app, manager);
        var (own, others) = await app.WithDbAsync(async db => (
            await db.Services.Where(s => s.Structure.Slug == Ozanam).OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(),
            await db.Services.Where(s => s.Structure.Slug == Restos).Select(s => s.Id).FirstAsync()));
        own.Count.ShouldBe(2);
        var before = await FingerprintAsync(app);

        var refused = await manager.PostFormAsync(HomeUrl(Ozanam), new()
        {
            ["Input.Title"] = "Action détournée",
            ["Input.Framework"] = frameworkId.ToString(CultureInfo.InvariantCulture),
            ["Input.Services"] = others.ToString(CultureInfo.InvariantCulture),
        }, $"{HomeUrl(Ozanam)}?handler=action");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Choisissez seulement des services de la structure.");
        (await FingerprintAsync(app)).ShouldBe(before);

        var created = await manager.PostAsync($"{HomeUrl(Ozanam)}?handler=action", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await TokenAsync(manager, HomeUrl(Ozanam))),
            new("Input.Title", "Bagagerie et accueil"),
            new("Input.Framework", frameworkId.ToString(CultureInfo.InvariantCulture)),
            new("Input.Services", own[0].ToString(CultureInfo.InvariantCulture)),
            new("Input.Services", own[1].ToString(CultureInfo.InvariantCulture)),
        ]));
        var actionId = IdOf(created);
        async Task<List<int>> LinkedAsync() => await app.WithDbAsync(db => db.EvaluatedActions.Where(a => a.Id == actionId).SelectMany(a => a.Services).Select(s => s.ServiceId).OrderBy(s => s).ToListAsync());
        (await LinkedAsync()).ShouldBe(own);

        var url = ActionUrl(Ozanam, actionId);
        before = await FingerprintAsync(app);
        var mixed = await manager.PostAsync($"{url}?handler=services", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await TokenAsync(manager, url)),
            new("services", own[0].ToString(CultureInfo.InvariantCulture)),
            new("services", others.ToString(CultureInfo.InvariantCulture)),
        ]));
        mixed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FingerprintAsync(app)).ShouldBe(before);

        (await PostAsync(manager, url, "handler=services", new() { ["services"] = own[1].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LinkedAsync()).ShouldBe([own[1]]);

        // An editor of A reads the action and its links, without the managers' forms; a write is refused.
        var editor = await Workflow.AsAsync(app, EditorA);
        var read = WebUtility.HtmlDecode(await editor.GetStringAsync(url));
        read.ShouldContain("Bagagerie et accueil");
        read.ShouldNotContain("handler=services");
        read.ShouldNotContain("handler=openPeriod");
        before = await FingerprintAsync(app);
        (await editor.PostFormAsync("/mon-espace", new() { ["services"] = own[0].ToString(CultureInfo.InvariantCulture) }, $"{url}?handler=services")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await FingerprintAsync(app)).ShouldBe(before);
    }

    private static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var (_, page) = await client.GetPageAsync(pageUrl);
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}
