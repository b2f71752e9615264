using Microsoft.EntityFrameworkCore;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>Frameworks: copied from the network's template with their mappings; an observed indicator frozen into versions.</summary>
public sealed class FrameworkTests
{
    private static readonly IndicatorDefinition Participants = new(
        "Participants aux ateliers", IndicatorLevel.Output, IndicatorValueType.Count, "personnes", IndicatorAggregation.Sum, null,
        CollectionTool.Count, null, TemplateMapping.None, null);

    private static readonly IndicatorDefinition Confidence = new(
        "Aisance déclarée avec l’ordinateur", IndicatorLevel.Result, IndicatorValueType.Scale, null, IndicatorAggregation.Mean,
        "Pas du tout | Un peu | Assez | Tout à fait", CollectionTool.Questionnaire, null, TemplateMapping.None, null);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CopyOf_NetworkTemplate_KeepsEveryCriterionAndIndicatorMappedExactly(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(71));
        var at = app.Clock.GetUtcNow();
        var templateId = await app.WithDbAsync(async db =>
        {
            var template = new Framework(null, "Référentiel commun du réseau", null, "Valeurs partagées", at);
            var esteem = template.AddDimension("Estime de soi", null, at);
            var confidence = esteem.AddCriterion("Confiance en soi", "Les participants osent-ils davantage ?", null);
            confidence.AddIndicator(Participants);
            confidence.AddIndicator(Confidence);
            template.AddDimension("Lien social", null, at).AddCriterion("Liens noués", "Des liens se créent-ils entre participants ?", null);
            db.Frameworks.Add(template);
            await db.SaveChangesAsync();
            return template.Id;
        });

        var (copyId, structureId) = await app.WithDbAsync(async db =>
        {
            var template = await LoadAsync(db, templateId);
            var structureId = await db.Structures.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var copy = Framework.CopyOf(template, structureId, "Notre référentiel", "Ateliers seniors", at);
            db.Frameworks.Add(copy);
            await db.SaveChangesAsync();
            return (copy.Id, structureId);
        });

        await app.WithDbAsync(async db =>
        {
            var template = await LoadAsync(db, templateId);
            var copy = await LoadAsync(db, copyId);
            copy.StructureId.ShouldBe(structureId);
            copy.TemplateId.ShouldBe(templateId);
            copy.Project.ShouldBe("Ateliers seniors");
            copy.Dimensions.Select(d => d.Name).ShouldBe(["Estime de soi", "Lien social"]);
            var templateCriteria = template.Dimensions.SelectMany(d => d.Criteria).OrderBy(c => c.Id).ToList();
            var copiedCriteria = copy.Dimensions.OrderBy(d => d.Position).SelectMany(d => d.Criteria.OrderBy(c => c.Position)).ToList();
            copiedCriteria.Select(c => c.TemplateCriterionId).ShouldBe(templateCriteria.Select(c => (int?)c.Id));
            copiedCriteria[0].Question.ShouldBe("Les participants osent-ils davantage ?");

            var templateIndicators = templateCriteria[0].Indicators.OrderBy(i => i.Position).ToList();
            var copiedIndicators = copiedCriteria[0].Indicators.OrderBy(i => i.Position).ToList();
            copiedIndicators.Count.ShouldBe(2);
            for (var i = 0; i < 2; i++)
            {
                copiedIndicators[i].Id.ShouldNotBe(templateIndicators[i].Id);
                copiedIndicators[i].TemplateIndicatorId.ShouldBe(templateIndicators[i].Id);
                copiedIndicators[i].Mapping.ShouldBe(TemplateMapping.Exact);
                copiedIndicators[i].TemplateFactor.ShouldBe(1m);
                copiedIndicators[i].ValueType.ShouldBe(templateIndicators[i].ValueType);
                copiedIndicators[i].Version.ShouldBe(1);
                copiedIndicators[i].SeriesKey.ShouldNotBe(templateIndicators[i].SeriesKey);
            }

            copiedIndicators[1].Definition.ScalePoints.ShouldBe(["Pas du tout", "Un peu", "Assez", "Tout à fait"]);
            return 0;
        });
    }

    [Fact]
    public void CopyOf_StructureFramework_IsRefused()
    {
        var own = new Framework(3, "Le nôtre", null, null, ReperesApp.DefaultNow);
        Should.Throw<InvalidOperationException>(() => Framework.CopyOf(own, 4, "Copie", null, ReperesApp.DefaultNow));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangeIndicator_OnceObserved_MakesANewVersionAndKeepsTheObservationsOnTheOld(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(72));
        var at = app.Clock.GetUtcNow();
        var (frameworkId, firstId, periodId) = await app.WithDbAsync(async db =>
        {
            var structureId = await db.Structures.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var framework = new Framework(structureId, "Référentiel", null, null, at);
            var indicator = framework.AddDimension("Lien social", null, at).AddCriterion("Liens", "Des liens se créent-ils ?", null).AddIndicator(Participants);
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync();
            var action = new EvaluatedAction(structureId, framework.Id, "Ateliers", null, at);
            var period = action.OpenPeriod("2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
            db.EvaluatedActions.Add(action);
            await db.SaveChangesAsync();

            // Not observed yet: a change stays in place.
            var criterion = framework.Dimensions[0].Criteria[0];
            criterion.ChangeIndicator(indicator, Participants with { Unit = "participants" }, hasObservations: false, at).ShouldBeSameAs(indicator);
            indicator.Version.ShouldBe(1);
            db.Observations.Add(Observation.Count(period.Id, indicator.Id, 12, null, new DateOnly(2026, 3, 2), "Anne", "user", at));
            await db.SaveChangesAsync();
            return (framework.Id, indicator.Id, period.Id);
        });

        await app.WithDbAsync(async db =>
        {
            var framework = await LoadAsync(db, frameworkId);
            var criterion = framework.Dimensions[0].Criteria[0];
            var first = criterion.Indicators.Single(i => i.Id == firstId);
            var observed = await db.Observations.AnyAsync(o => o.IndicatorId == first.Id);
            observed.ShouldBeTrue();

            // The same definition is no change at all.
            criterion.ChangeIndicator(first, first.Definition with { Name = " Participants aux ateliers " }, observed, at).ShouldBeSameAs(first);

            var next = criterion.ChangeIndicator(first, first.Definition with { Name = "Participants différents" }, observed, at.AddDays(1));
            next.ShouldNotBeSameAs(first);
            await db.SaveChangesAsync();
            return 0;
        });

        await app.WithDbAsync(async db =>
        {
            var versions = await db.Indicators.Where(i => i.CriterionId == db.Indicators.Where(f => f.Id == firstId).Select(f => f.CriterionId).Single())
                .OrderBy(i => i.Version).ToListAsync();
            versions.Count.ShouldBe(2);
            versions[0].Id.ShouldBe(firstId);
            versions[0].Name.ShouldBe("Participants aux ateliers");
            versions[0].IsCurrent.ShouldBeFalse();
            versions[1].Name.ShouldBe("Participants différents");
            versions[1].Version.ShouldBe(2);
            versions[1].IsCurrent.ShouldBeTrue();
            versions[1].SeriesKey.ShouldBe(versions[0].SeriesKey);
            versions[1].Position.ShouldBe(versions[0].Position);
            (await db.Observations.Where(o => o.PeriodId == periodId).Select(o => o.IndicatorId).SingleAsync()).ShouldBe(firstId);

            // A retired version cannot change.
            var framework = await LoadAsync(db, frameworkId);
            var criterion = framework.Dimensions[0].Criteria[0];
            Should.Throw<InvalidOperationException>(() => criterion.ChangeIndicator(criterion.Indicators.Single(i => i.Id == firstId), Participants, true, at));
            return 0;
        });
    }

    [Fact]
    public void PeriodTransitions_OpenClosedValidated_AreGuarded()
    {
        var action = new EvaluatedAction(1, 1, "Café numérique", null, ReperesApp.DefaultNow);
        var period = action.OpenPeriod("1er semestre", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
        Should.Throw<InvalidOperationException>(() => action.OpenPeriod("chevauche", new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 31)));
        Should.Throw<ArgumentException>(() => action.OpenPeriod("à l’envers", new DateOnly(2026, 9, 1), new DateOnly(2026, 8, 1)));

        period.AcceptsEntries.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => period.Validate("u", ReperesApp.DefaultNow));
        period.Close(ReperesApp.DefaultNow);
        period.AcceptsEntries.ShouldBeFalse();
        period.Reopen();
        period.Status.ShouldBe(PeriodStatus.Open);
        period.Close(ReperesApp.DefaultNow);
        period.Validate("u", ReperesApp.DefaultNow);
        period.Status.ShouldBe(PeriodStatus.Validated);
        Should.Throw<InvalidOperationException>(period.Reopen);
        Should.Throw<InvalidOperationException>(() => period.Close(ReperesApp.DefaultNow));
    }

    [Fact]
    public void Scale_AnswersPerPoint_GiveTheWeightedMeanAndSample()
    {
        var observation = Observation.Scale(1, 1, [1, 2, 3, 4], null, new DateOnly(2026, 3, 1), "Anne", "u", ReperesApp.DefaultNow);
        observation.SampleSize.ShouldBe(10);
        observation.Value.ShouldBe(3m); // (1·1 + 2·2 + 3·3 + 4·4) / 10
        observation.ScaleAnswers.ShouldBe([1, 2, 3, 4]);
        Should.Throw<ArgumentException>(() => Observation.Scale(1, 1, [0, 0, 0, 0], null, new DateOnly(2026, 3, 1), "Anne", "u", ReperesApp.DefaultNow));
        Should.Throw<ArgumentOutOfRangeException>(() => Observation.Percentage(1, 1, 120, 10, null, new DateOnly(2026, 3, 1), "Anne", "u", ReperesApp.DefaultNow));
    }

    private static Task<Framework> LoadAsync(Reperes.Web.Data.ReperesDbContext db, int id) =>
        db.Frameworks.Include(f => f.Dimensions).ThenInclude(d => d.Criteria).ThenInclude(c => c.Indicators).AsSplitQuery().SingleAsync(f => f.Id == id);
}
