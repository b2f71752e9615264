using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.SocialUtility;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>
/// The territory's capitalisation: figures computed by hand here equal the coordinator's page; a figure from fewer than
/// five structures is hidden; an internal testimony never leaves its structure (pages and exports).
/// </summary>
public sealed class TerritoryTests
{
    private const int Year = 2024;
    private const string InternalWords = "Personne ne doit lire ceci hors de la structure";
    private const string NetworkWords = "Je viens pour les autres maintenant";
    private const string PublicWords = "Je suis fière de moi";

    // Per structure: counts of people (the 5th and 6th count half-days, converted at 0.5 a person), the share of
    // participants more at ease and its sample.
    private static readonly (int[] Counts, decimal Share, int Sample)[] Figures =
    [
        ([10, 5], 50, 10),
        ([20], 80, 20),
        ([7], 40, 5),
        ([13], 100, 5),
        ([30], 60, 10),
        ([9], 25, 4),
    ];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Coordination_SixStructuresExactAndConvertible_ShowsTheFiguresComputedByHand(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(74));
        await ArrangeAsync(app, structures: 6);

        // By hand: 10 + 5 + 20 + 7 + 13 + 0.5 × 30 + 0.5 × 9 = 74.5 people; shares weighted by their samples:
        // (0.5 × 10 + 0.8 × 20 + 0.4 × 5 + 1 × 5 + 0.6 × 10 + 0.25 × 4) / 54 = 35 / 54 = 64.81 %.
        var figures = await app.Services.CreateScope().ServiceProvider.GetRequiredService<Reperes.Web.SocialUtility.Territory.TerritoryAggregates>().ComputeAsync(Year, default);
        var people = figures.Indicators.Single(i => i.Name == "Personnes accompagnées (test)");
        people.Suppressed.ShouldBeFalse();
        people.Structures.ShouldBe(6);
        people.Value.ShouldBe(74.5m);
        var share = figures.Indicators.Single(i => i.Name == "Plus à l’aise (test)");
        share.Value.ShouldBe(Math.Round(35m * 100 / 54, 2));
        share.Sample.ShouldBe(54);
        var links = figures.Criteria.Single(c => c.Name == "Liens noués (test)");
        links.Suppressed.ShouldBeFalse();
        links.Positive.ShouldBe(6);
        links.Negative.ShouldBe(1);
        links.Quotes.ShouldBe([PublicWords]);

        var coordinator = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Coordinator);
        var page = await coordinator.GetStringAsync($"/mon-espace/coordination/utilite-sociale?annee={Year}");
        page.ShouldContain("74,5 personnes");
        page.ShouldContain("64,8 % (sur 54)");
        page.ShouldContain(PublicWords);
        page.ShouldNotContain(InternalWords);
        page.ShouldNotContain(NetworkWords);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Coordination_FourStructures_HidesTheFigures(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(75));
        await ArrangeAsync(app, structures: 4);

        var figures = await app.Services.CreateScope().ServiceProvider.GetRequiredService<Reperes.Web.SocialUtility.Territory.TerritoryAggregates>().ComputeAsync(Year, default);
        var people = figures.Indicators.Single(i => i.Name == "Personnes accompagnées (test)");
        people.Suppressed.ShouldBeTrue();
        people.Value.ShouldBeNull();
        people.Structures.ShouldBeNull();
        figures.Criteria.Single(c => c.Name == "Liens noués (test)").Positive.ShouldBeNull();

        var coordinator = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Coordinator);
        var page = await coordinator.GetStringAsync($"/mon-espace/coordination/utilite-sociale?annee={Year}");
        page.ShouldContain("moins de 5 structures : non montré");
        page.ShouldNotContain("55 personnes"); // 10 + 5 + 20 + 7 + 13
        page.ShouldNotContain(PublicWords);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task InternalTestimony_NeverInNetworkOrPublicResults_PagesAndExports(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(76));
        await ArrangeAsync(app, structures: 6);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Coordinator);
        var page = $"/mon-espace/coordination/utilite-sociale?annee={Year}";
        (await coordinator.PostFormAsync(page, new() { ["annee"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/mon-espace/coordination/utilite-sociale?handler=Keep"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Kept but not published: no public page, no public CSV.
        var anonymous = app.CreateBrowserLikeClient();
        (await anonymous.GetAsync($"/utilite-sociale/{Year}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/utilite-sociale/{Year}.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await coordinator.PostFormAsync(page, new() { ["annee"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/mon-espace/coordination/utilite-sociale?handler=Publish"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var publicPage = await anonymous.GetStringAsync($"/utilite-sociale/{Year}");
        var publicCsv = await anonymous.GetStringAsync($"/utilite-sociale/{Year}.csv");
        var otherStructure = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.OtherManager);
        var networkPage = await otherStructure.GetStringAsync($"/mon-espace/utilite-sociale/territoire?annee={Year}");
        var coordinationPage = await coordinator.GetStringAsync(page);
        foreach (var (name, text) in new[] { ("public page", publicPage), ("public CSV", publicCsv), ("network page", networkPage), ("coordination page", coordinationPage) })
        {
            text.ShouldContain(PublicWords, customMessage: name);
            text.ShouldNotContain(InternalWords, customMessage: name);
            text.ShouldNotContain(NetworkWords, customMessage: name);
        }

        publicPage.ShouldContain("74,5 personnes");
        publicCsv.ShouldContain("74.5");

        // Another structure's member never reads the structure's own results.
        var (slug, actionId) = await app.WithDbAsync(async db =>
        {
            var action = await db.EvaluatedActions.OrderBy(a => a.Id).FirstAsync(a => a.Title == "Atelier (test)");
            return (await db.Structures.Where(s => s.Id == action.StructureId).Select(s => s.Slug).SingleAsync(), action.Id);
        });
        (await otherStructure.GetAsync($"/mon-espace/structure/{slug}/utilite-sociale/actions/{actionId}/resultats")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The template (the network's, or a new one) gains a test value with its criterion and two indicators; the first
    /// <paramref name="structures"/> demo structures (other than the one of manager B) copy it, the 5th and 6th convert
    /// half-days, and each records a validated period of <see cref="Year"/>, plus figures that must not count.
    /// </summary>
    internal static async Task ArrangeAsync(ReperesApp app, int structures)
    {
        var at = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            var access = new EvaluationAccess(db, null!);
            var template = await access.TemplateAsync(default);
            if (template is null)
            {
                template = new Framework(null, "Référentiel commun", null, null, at);
                db.Frameworks.Add(template);
            }

            var criterion = template.AddDimension("Capacité d’agir (test)", null, at).AddCriterion("Liens noués (test)", "Des liens se créent-ils ?", null);
            criterion.AddIndicator(new("Personnes accompagnées (test)", IndicatorLevel.Output, IndicatorValueType.Count, "personnes", IndicatorAggregation.Sum, null, CollectionTool.Count, null, TemplateMapping.None, null));
            criterion.AddIndicator(new("Plus à l’aise (test)", IndicatorLevel.Result, IndicatorValueType.Percentage, null, IndicatorAggregation.Mean, null, CollectionTool.Questionnaire, null, TemplateMapping.None, null));
            await db.SaveChangesAsync();
            template = (await access.TemplateAsync(default))!;

            var restos = await db.Structures.Where(s => s.Slug == "restos-du-coeur-brest").Select(s => s.Id).FirstOrDefaultAsync();
            var ids = await db.Structures.Where(s => s.Id != restos).OrderBy(s => s.Id).Select(s => s.Id).Take(structures).ToListAsync();
            ids.Count.ShouldBe(structures);
            for (var k = 0; k < structures; k++)
            {
                var copy = Framework.CopyOf(template, ids[k], "Notre référentiel (test)", null, at);
                var localCriterion = copy.Dimensions.SelectMany(d => d.Criteria).Single(c => c.Name == "Liens noués (test)");
                var people = localCriterion.Indicators.Single(i => i.Name == "Personnes accompagnées (test)");
                var share = localCriterion.Indicators.Single(i => i.Name == "Plus à l’aise (test)");
                if (k >= 4)
                {
                    people = localCriterion.ChangeIndicator(people, people.Definition with
                    {
                        Name = "Demi-journées de présence (test)",
                        Unit = "demi-journées",
                        Mapping = TemplateMapping.Convertible,
                        Factor = 0.5m,
                    }, hasObservations: false, at);
                }

                // A qualitative-only indicator never counts, whatever it says.
                var qualitative = localCriterion.AddIndicator(people.Definition with { Name = "Qualitatif (test)", Mapping = TemplateMapping.QualitativeOnly });
                db.Frameworks.Add(copy);
                await db.SaveChangesAsync();

                var action = new EvaluatedAction(ids[k], copy.Id, "Atelier (test)", null, at);
                var period = action.OpenPeriod("Année 2024", new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
                var open = action.OpenPeriod("Début 2025", new DateOnly(Year + 1, 1, 1), new DateOnly(Year + 1, 3, 31));
                db.EvaluatedActions.Add(action);
                await db.SaveChangesAsync();

                var (counts, percentage, sample) = Figures[k];
                foreach (var count in counts)
                {
                    db.Observations.Add(Observation.Count(period.Id, people.Id, count, null, new DateOnly(Year, 6, 1), "Anne", "u", at));
                }

                db.Observations.Add(Observation.Percentage(period.Id, share.Id, percentage, sample, null, new DateOnly(Year, 6, 1), "Anne", "u", at));
                db.Observations.Add(Observation.Count(period.Id, qualitative.Id, 1000, null, new DateOnly(Year, 6, 1), "Anne", "u", at));
                db.Observations.Add(Observation.Count(open.Id, people.Id, 500, null, new DateOnly(Year + 1, 2, 1), "Anne", "u", at));

                // Each structure: a testimony shared with the network coded positively; the first adds an internal one
                // (coded, never counted nor quoted) and a public one; the second a negative one.
                var consent = k == 0 ? TestimonyConsent.Public : TestimonyConsent.Network;
                var shared = new Testimony(ids[k], action.Id, period.Id, "P" + k, k == 0 ? PublicWords + ", vraiment." : NetworkWords, consent, new DateOnly(2030, 1, 1), new DateOnly(Year, 5, 1), "Anne", "u", at);
                shared.Code(localCriterion.Id, CodingPolarity.Positive, k == 0 ? PublicWords : NetworkWords);
                db.Testimonies.Add(shared);
                if (k == 0)
                {
                    var secret = new Testimony(ids[k], action.Id, period.Id, "Q", InternalWords, TestimonyConsent.Internal, new DateOnly(2030, 1, 1), new DateOnly(Year, 5, 1), "Anne", "u", at);
                    secret.Code(localCriterion.Id, CodingPolarity.Positive, InternalWords);
                    db.Testimonies.Add(secret);
                }

                if (k == 1)
                {
                    var negative = new Testimony(ids[k], action.Id, period.Id, "R", "Je reste seul", TestimonyConsent.Network, new DateOnly(2030, 1, 1), new DateOnly(Year, 5, 1), "Anne", "u", at);
                    negative.Code(localCriterion.Id, CodingPolarity.Negative, "Je reste seul");
                    db.Testimonies.Add(negative);
                }

                period.Close(at);
                period.Validate("u", at);
                await db.SaveChangesAsync();
            }

            return 0;
        });
    }
}
