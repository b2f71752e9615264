using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>Only an indicator nothing stands on leaves a framework: never observed, never versioned.</summary>
public sealed class IndicatorRemovalTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly IndicatorDefinition Sessions = new(
        "Séances tenues", IndicatorLevel.Output, IndicatorValueType.Count, "séances", IndicatorAggregation.Sum, null,
        CollectionTool.Count, null, TemplateMapping.None, null);

    private static Criterion NewCriterion() =>
        new Framework(1, "Référentiel", null, null, At).AddDimension("Lien social", null, At).AddCriterion("Liens noués", "Des liens se créent-ils ?", null);

    [Fact]
    public void RemoveIndicator_NeverObserved_LeavesTheCriterion()
    {
        var criterion = NewCriterion();
        var kept = criterion.AddIndicator(Sessions);
        var mistake = criterion.AddIndicator(Sessions with { Name = "Ajouté par erreur" });

        criterion.RemoveIndicator(mistake, hasObservations: false);

        criterion.Indicators.ShouldBe([kept]);
    }

    [Fact]
    public void RemoveIndicator_Observed_IsRefusedAndKept()
    {
        var criterion = NewCriterion();
        var observed = criterion.AddIndicator(Sessions);

        Should.Throw<InvalidOperationException>(() => criterion.RemoveIndicator(observed, hasObservations: true));

        criterion.Indicators.ShouldBe([observed]);
    }

    [Fact]
    public void RemoveIndicator_EitherVersionOfAnObservedSeries_IsRefused()
    {
        var criterion = NewCriterion();
        var first = criterion.AddIndicator(Sessions);
        var second = criterion.ChangeIndicator(first, Sessions with { Aggregation = IndicatorAggregation.Last }, hasObservations: true, At);

        Should.Throw<InvalidOperationException>(() => criterion.RemoveIndicator(second, hasObservations: false));
        Should.Throw<InvalidOperationException>(() => criterion.RemoveIndicator(first, hasObservations: false));

        criterion.Indicators.Count.ShouldBe(2);
    }

    [Fact]
    public void RemoveIndicator_OfAnotherCriterion_IsRefused()
    {
        var other = NewCriterion().AddIndicator(Sessions);

        Should.Throw<InvalidOperationException>(() => NewCriterion().RemoveIndicator(other, hasObservations: false));
    }
}
