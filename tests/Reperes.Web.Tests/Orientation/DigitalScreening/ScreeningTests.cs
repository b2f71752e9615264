using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;
using Reperes.Web.Orientation.DigitalScreening;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation.DigitalScreening;

/// <summary>
/// "Le numérique et moi" through HTTP on both engines, over the places of <see cref="ScreeningFixture"/> (no demo data):
/// for each answer profile, the helps the rules give and, for each, exactly the places whose services offer it and open
/// in the coming seven days, nearest first (or soonest open first without a position); the questionnaire's steps; the
/// slip; the anonymous counts.
/// </summary>
public sealed class ScreeningTests
{
    private static readonly string Position = string.Create(CultureInfo.InvariantCulture, $"lat={ScreeningFixture.OriginLatitude}&lon={ScreeningFixture.OriginLongitude}");

    /// <summary>An answer profile, the helps it must give (in the rules file's order), and the remote lines it must add to Solidarité Numérique.</summary>
    public sealed record Profile(string Name, Dictionary<string, string[]> Answers, string[] Helps, string[] Lines);

    public static readonly IReadOnlyList<Profile> Profiles =
    [
        new("no equipment at all", new() { ["equipement"] = ["aucun"], ["connexion"] = ["non"] }, ["sans-appareil"], []),
        new("smartphone only and a CAF file", new() { ["equipement"] = ["smartphone"], ["connexion"] = ["telephone"], ["demarches"] = ["caf"], ["autonomie"] = ["seul"] }, ["smartphone-seulement"], ["caf"]),
        new("computer at home but no e-mail", new() { ["equipement"] = ["ordinateur"], ["connexion"] = ["oui"], ["courriel"] = ["non"] }, ["courriel"], []),
        new("wants a workshop", new() { ["equipement"] = ["smartphone", "ordinateur"], ["apprendre"] = ["atelier"] }, ["apprendre-atelier"], []),
        new("needs printing", new() { ["equipement"] = ["ordinateur"], ["papier"] = ["imprimer"] }, ["imprimer"], []),
        new("can do nothing alone with impôts", new() { ["demarches"] = ["impots"], ["autonomie"] = ["pas-du-tout"], ["apprendre"] = ["non"] }, ["demarches-accompagnees"], ["impots"]),
        new("prefers alone with a place to go", new() { ["apprendre"] = ["seul"] }, ["apprendre-seul"], []),
        new("a senior who wants a workshop", new() { ["apprendre"] = ["atelier"], ["profil"] = ["senior"] }, ["apprendre-atelier", "seniors"], []),
        new("young, France Travail with help, a document to scan", new() { ["demarches"] = ["france-travail"], ["autonomie"] = ["avec-aide"], ["papier"] = ["scanner"], ["profil"] = ["jeune"] },
            ["demarches-accompagnees", "emploi", "scanner", "jeunes"], ["france-travail"]),
        new("a smartphone but no connection", new() { ["equipement"] = ["smartphone"], ["connexion"] = ["non"] }, ["sans-connexion"], []),
        new("one-to-one learning", new() { ["apprendre"] = ["individuel"] }, ["apprendre-individuel"], []),
    ];

    private static string Query(Profile profile) =>
        string.Join('&', profile.Answers.SelectMany(a => a.Value.Select(v => $"{a.Key}={Uri.EscapeDataString(v)}")));

    /// <summary>What the test expects of a help: the fixture's places that offer it, that are public places to go to and open within seven days.</summary>
    private static List<FixturePlace> Expected(ScreeningRule rule, bool byDistance)
    {
        bool Offers(MediationOffer o) =>
            (rule.Services is not { Count: > 0 } || rule.Services.Intersect(o.Services).Any())
            && (rule.Support is not { Count: > 0 } || rule.Support.Intersect(o.Support).Any())
            && (rule.Equipment is not { Count: > 0 } || !rule.Equipment.Except(o.Equipment).Any())
            && (rule.Publics is not { Count: > 0 } || rule.Publics.Intersect(o.Publics).Any());
        var listed = ScreeningFixture.Places.Where(p => p.NextOpen is not null && Offers(p.Offer)).ToList();
        return (byDistance
                ? listed.OrderBy(p => p.Km is null).ThenBy(p => p.Km).ThenBy(p => p.NextOpen).ThenBy(p => p.Name, FrenchOrder.Comparer)
                : listed.OrderBy(p => p.NextOpen).ThenBy(p => p.Name, FrenchOrder.Comparer))
            .Take(ScreeningPlaces.PerHelp)
            .ToList();
    }

    private static List<string> Names(IElement section) =>
        section.QuerySelectorAll("ol.screening-places > li h3").Select(h => h.TextContent.Trim()).ToList();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Result_EachProfile_ExactlyTheMatchingPlacesOpenInTheComingDaysNearestFirst(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await ScreeningFixture.CreateAsync(app);
        var rules = app.Services.GetRequiredService<ScreeningRules>();
        var client = app.CreateBrowserLikeClient();
        Profiles.Count.ShouldBeGreaterThanOrEqualTo(8);

        foreach (var profile in Profiles)
        {
            foreach (var byDistance in new[] { true, false })
            {
                var url = "/numerique-et-moi/resultat?" + Query(profile) + (byDistance ? "&" + Position : "");
                var (response, page) = await client.GetPageAsync(url);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, url);

                var sections = page.QuerySelectorAll("section.screening-help");
                sections.Select(s => s.GetAttribute("aria-labelledby")!["aide-".Length..]).ShouldBe(profile.Helps, profile.Name);
                foreach (var section in sections)
                {
                    var rule = rules.Rules.Single(r => "aide-" + r.Code == section.GetAttribute("aria-labelledby"));
                    var expected = Expected(rule, byDistance);
                    Names(section).ShouldBe(expected.Select(p => p.Name).ToList(), $"{profile.Name}, {rule.Code}, {(byDistance ? "nearest first" : "soonest open first")}");
                    if (byDistance && expected.Count > 0 && expected[0].Km is { } km)
                    {
                        section.QuerySelector("ol.screening-places > li .meta")!.TextContent.ShouldContain($"à {km.ToString(km < 10 ? "0.0" : "0", CultureInfo.GetCultureInfo("fr-FR"))} km");
                    }
                }

                var lines = page.QuerySelectorAll(".screening-lines > li strong").Select(s => s.TextContent.Trim()).ToList();
                lines[0].ShouldBe("Solidarité Numérique");
                foreach (var code in profile.Lines)
                {
                    var name = rules.Remote.Single(r => r.Code == code).Name.Fr;
                    lines.ShouldContain(name, profile.Name);
                }

                rules.Remote.Where(r => r.When is { Count: > 0 } && !profile.Lines.Contains(r.Code)).Select(r => r.Name.Fr).ShouldAllBe(n => !lines.Contains(n), profile.Name);
            }
        }

        // Read back by hand for one profile, so that the expectation above is not only the rule's own logic.
        var (_, nothing) = await client.GetPageAsync("/numerique-et-moi/resultat?equipement=aucun&" + Position);
        Names(nothing.QuerySelector("section.screening-help")!).ShouldBe(["Cyber Bellevue", "Médiathèque du Centre", "Borne sans adresse précise"]);
        var (_, printing) = await client.GetPageAsync("/numerique-et-moi/resultat?papier=imprimer");
        Names(printing.QuerySelector("section.screening-help")!).ShouldBe(["Borne sans adresse précise", "Cyber Bellevue", "Espace emploi numérique"]);
        printing.QuerySelector("section.screening-help li .hours")!.TextContent.ShouldBe("Ouvert 24h/24");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Result_RemoteServicesOfTheGuide_ListedAtADistanceNotAsPlaces(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await ScreeningFixture.CreateAsync(app);
        var client = app.CreateBrowserLikeClient();

        var (_, page) = await client.GetPageAsync("/numerique-et-moi/resultat?demarches=caf&autonomie=avec-aide&" + Position);

        var remote = page.QuerySelector("section.screening-remote")!;
        remote.TextContent.ShouldContain("Ligne d’aide numérique du Finistère");
        remote.QuerySelector($"a[href='tel:{ScreeningFixture.RemotePhone.Replace(" ", "", StringComparison.Ordinal)}']").ShouldNotBeNull();
        page.QuerySelectorAll("section.screening-help h3").Select(h => h.TextContent.Trim()).ShouldNotContain("Ligne d’aide numérique du Finistère");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Steps_GetFormsCarryTheAnswers_BackLinkProgressAndAClearMessageForContradictions(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        var client = app.CreateBrowserLikeClient();

        var (first, step1) = await client.GetPageAsync("/numerique-et-moi");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        step1.QuerySelector(".screening-progress")!.TextContent.ShouldContain($"Question 1 sur {ScreeningQuestions.Count}");
        step1.QuerySelector("form.screening-form")!.GetAttribute("method").ShouldBe("get");
        step1.QuerySelector("fieldset legend")!.TextContent.ShouldBe("Qu’avez-vous pour aller sur internet ?");
        step1.QuerySelectorAll("fieldset input[type=checkbox]").Length.ShouldBe(4);

        var (_, step4) = await client.GetPageAsync("/numerique-et-moi?equipement=smartphone&connexion=non&courriel=oui&etape=4");
        step4.QuerySelector(".screening-progress")!.TextContent.ShouldContain($"Question 4 sur {ScreeningQuestions.Count}");
        step4.QuerySelectorAll("form.screening-form input[type=hidden]").Select(i => i.GetAttribute("name") + "=" + i.GetAttribute("value"))
            .ShouldBe(["equipement=smartphone", "connexion=non", "courriel=oui"]);
        step4.QuerySelector("button[name=etape]")!.GetAttribute("value").ShouldBe("5");
        var back = step4.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Question précédente", StringComparison.Ordinal)).GetAttribute("href")!;
        var (_, step3) = await client.GetPageAsync(back);
        step3.QuerySelector("fieldset legend")!.TextContent.ShouldBe("Avez-vous une adresse courriel que vous savez ouvrir ?");
        step3.QuerySelector("input#courriel-oui")!.HasAttribute("checked").ShouldBeTrue("the answer given is kept when going back");

        // "Nothing" ticked with a smartphone: the same question, said in words, nothing lost.
        var (contradiction, again) = await client.GetPageAsync("/numerique-et-moi?equipement=aucun&equipement=smartphone&etape=2");
        contradiction.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        again.QuerySelector("[role=alert]")!.TextContent.ShouldContain("« Rien de tout ça » ne va pas avec les autres réponses cochées : cochez l’un ou l’autre.");
        again.QuerySelector("fieldset legend")!.TextContent.ShouldBe("Qu’avez-vous pour aller sur internet ?");
        again.QuerySelector("input#equipement-smartphone")!.HasAttribute("checked").ShouldBeTrue();

        // Altered links: unknown answers and steps are ignored, never an error.
        var (altered, alteredPage) = await client.GetPageAsync("/numerique-et-moi?equipement=fusee&etape=99&inconnu=1");
        altered.StatusCode.ShouldBe(HttpStatusCode.OK);
        alteredPage.QuerySelector(".screening-progress")!.TextContent.ShouldContain($"Question {ScreeningQuestions.Count} sur {ScreeningQuestions.Count}");
        alteredPage.QuerySelector("form.screening-form")!.GetAttribute("method").ShouldBe("post");
        var (badPosition, badPage) = await client.GetPageAsync("/numerique-et-moi/resultat?equipement=aucun&lat=abc&lon=2");
        badPosition.StatusCode.ShouldBe(HttpStatusCode.OK);
        badPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Votre position n’a pas pu être lue : tapez plutôt votre commune.");
        var (_, unknownCommune) = await client.GetPageAsync("/numerique-et-moi/resultat?equipement=aucun&commune=Zzzyxville");
        unknownCommune.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Commune inconnue : « Zzzyxville ».");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LastStep_WithAgreement_CountsTheAnswersOfTheDayAndNothingElse_WithoutNothingIsStored(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        var client = app.CreateBrowserLikeClient();
        var last = $"/numerique-et-moi?equipement=aucun&demarches=impots&autonomie=pas-du-tout&etape={ScreeningQuestions.Count}";

        var refused = await client.PostFormAsync(last, new() { ["equipement"] = "aucun", ["demarches"] = "impots", ["autonomie"] = "pas-du-tout", ["profil"] = "senior" }, "/numerique-et-moi");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldBe("/numerique-et-moi/resultat?equipement=aucun&demarches=impots&autonomie=pas-du-tout&profil=senior");
        (await app.WithDbAsync(db => db.ScreeningCounts.CountAsync())).ShouldBe(0, "no agreement, nothing stored");

        for (var i = 0; i < 2; i++)
        {
            var agreed = await client.PostFormAsync(last, new() { ["equipement"] = "aucun", ["demarches"] = "impots", ["autonomie"] = "pas-du-tout", ["accord"] = "oui" }, "/numerique-et-moi");
            agreed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            agreed.Headers.Location!.OriginalString.ShouldStartWith("/numerique-et-moi/resultat?");
            agreed.Headers.Contains("Set-Cookie").ShouldBeFalse("no cookie about the person");
        }

        var counts = await app.WithDbAsync(db => db.ScreeningCounts.AsNoTracking().ToListAsync());
        counts.ShouldAllBe(c => c.Day == new DateOnly(2026, 11, 24) && c.Total == 2);
        counts.Select(c => c.Question + "=" + c.Answer).Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "aide=demarches-accompagnees", "aide=sans-appareil", "apprendre=sans-reponse", "autonomie=pas-du-tout", "connexion=sans-reponse",
            "courriel=sans-reponse", "demarches=impots", "equipement=aucun", "papier=sans-reponse", "profil=sans-reponse", "questionnaire=termine",
        }.Order(StringComparer.Ordinal));

        // Without the antiforgery token: refused, nothing counted.
        var forged = await client.PostAsync("/numerique-et-moi", new FormUrlEncodedContent(new Dictionary<string, string> { ["equipement"] = "aucun", ["accord"] = "oui" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.ScreeningCounts.SumAsync(c => c.Total))).ShouldBe(22);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Slip_FromTheResult_TheListedPlacesWithTheirFittingServicesThenThePrintView(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await ScreeningFixture.CreateAsync(app);
        var client = app.CreateBrowserLikeClient();
        var (_, result) = await client.GetPageAsync("/numerique-et-moi/resultat?equipement=aucun&papier=imprimer&" + Position);
        var listed = result.QuerySelectorAll("section.screening-help h3").Select(h => h.TextContent.Trim()).Distinct().ToList();
        listed.ShouldBe(["Cyber Bellevue", "Médiathèque du Centre", "Borne sans adresse précise", "Espace emploi numérique"]);

        var form = result.QuerySelector("section.screening-slip form")!;
        var response = await client.SubmitAsync(form, [new("suite", "imprimer")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/fiche-orientation/imprimer");
        var (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).ShouldBe(listed);
        var ids = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Name == "Cyber Bellevue").Select(v => new { v.Id, v.StructureId }).SingleAsync());
        SlipForms.Ticked(slip, ids.StructureId).ShouldBe([ids.Id]);
        var (_, print) = await client.GetPageAsync("/fiche-orientation/imprimer");
        print.QuerySelectorAll("article.slip-place h2").Select(h => h.TextContent.Trim()).ShouldBe(listed);

        // The same places added again do not double; answers that find no place say so.
        await client.SubmitAsync(form, [new("suite", "fiche")]);
        (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).ShouldBe(listed);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var nothing = await client.PostAsync("/numerique-et-moi/resultat?handler=Slip", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["courriel"] = "oui",
            ["suite"] = "fiche",
        }));
        nothing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await nothing.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Aucun lieu à mettre sur la fiche.");
        (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).ShouldBe(listed);
    }
}
