using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility;

/// <summary>An observation as figures: its value, its sample, its answers per scale point, when it was collected.</summary>
public sealed record ObservedFigure(int Id, decimal? Value, int? Sample, IReadOnlyList<int> Scale, DateOnly CollectedOn)
{
    public static ObservedFigure Of(Observation o) => new(o.Id, o.Value, o.SampleSize, o.ScaleAnswers, o.CollectedOn);
}

/// <summary>
/// Observations combined into one figure: a count's sum, mean or last value; a percentage weighted by its samples;
/// a scale's answers added up point by point and their mean; for yes/no, the share of yes (in %) over the answers.
/// </summary>
public sealed record CombinedFigure(decimal? Value, int Observations, int? Sample, IReadOnlyList<int> Scale)
{
    public static readonly CombinedFigure None = new(null, 0, null, []);
}

/// <summary>How observations add up, in a period of one structure and across the structures of the territory.</summary>
public static class Figures
{
    /// <summary>The observations of one indicator (one structure, one period or one year) as one figure.</summary>
    public static CombinedFigure Combine(IndicatorValueType type, IndicatorAggregation aggregation, IReadOnlyList<ObservedFigure> observed)
    {
        if (observed.Count == 0)
        {
            return CombinedFigure.None;
        }

        if (!IndicatorDefinition.IsNumeric(type))
        {
            return new(null, observed.Count, null, []);
        }

        if (aggregation == IndicatorAggregation.Last)
        {
            var last = observed.OrderBy(o => o.CollectedOn).ThenBy(o => o.Id).Last();

            // Yes or no stays a share (100 % or 0 %), so that structures' answers average into the share of yes.
            return type == IndicatorValueType.YesNo
                ? new(last.Value is { } yes ? (yes > 0 ? 100 : 0) : null, observed.Count, 1, [])
                : new(last.Value, observed.Count, last.Sample, last.Scale);
        }

        var values = observed.Where(o => o.Value is not null).ToList();
        if (values.Count == 0)
        {
            return new(null, observed.Count, null, []);
        }

        switch (type)
        {
            case IndicatorValueType.Count:
                return aggregation == IndicatorAggregation.Sum
                    ? new(values.Sum(o => o.Value!.Value), observed.Count, null, [])
                    : new(Round(values.Average(o => o.Value!.Value)), observed.Count, null, []);
            case IndicatorValueType.Percentage:
                return Weighted(values, observed.Count);
            case IndicatorValueType.Scale:
                var points = values.Max(o => o.Scale.Count);
                if (points > 0 && values.All(o => o.Scale.Count == points))
                {
                    var merged = Enumerable.Range(0, points).Select(i => values.Sum(o => o.Scale[i])).ToList();
                    var total = merged.Sum();
                    var mean = total == 0 ? (decimal?)null : Round(merged.Select((count, i) => (decimal)count * (i + 1)).Sum() / total);
                    return new(mean, observed.Count, total, merged);
                }

                return Weighted(values, observed.Count);
            case IndicatorValueType.YesNo:
                return new(Round(100m * values.Count(o => o.Value > 0) / values.Count), observed.Count, values.Count, []);
            case IndicatorValueType.Text:
            case IndicatorValueType.Testimony:
                return new(null, observed.Count, null, []);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    /// <summary>
    /// The structures' figures of one template indicator as the territory's: counts added up (sum) or averaged (mean,
    /// last); percentages, scales and yes/no weighted by their samples when every structure gives one, else averaged.
    /// </summary>
    public static CombinedFigure AcrossStructures(IndicatorValueType type, IndicatorAggregation aggregation, IReadOnlyList<CombinedFigure> structures)
    {
        var values = structures.Where(s => s.Value is not null).ToList();
        if (values.Count == 0)
        {
            return CombinedFigure.None;
        }

        var observations = values.Sum(s => s.Observations);
        if (type == IndicatorValueType.Count)
        {
            return aggregation == IndicatorAggregation.Sum
                ? new(values.Sum(s => s.Value!.Value), observations, null, [])
                : new(Round(values.Average(s => s.Value!.Value)), observations, null, []);
        }

        if (values.All(s => s.Sample is > 0))
        {
            var sample = values.Sum(s => s.Sample!.Value);
            return new(Round(values.Sum(s => s.Value!.Value * s.Sample!.Value) / sample), observations, sample, []);
        }

        return new(Round(values.Average(s => s.Value!.Value)), observations, null, []);
    }

    /// <summary>A figure counted in the template's unit: multiplied by the mapping's factor (a scale's answers per point no longer apply).</summary>
    public static ObservedFigure Converted(ObservedFigure figure, decimal factor) =>
        factor == 1m ? figure : figure with { Value = figure.Value * factor, Scale = [] };

    private static CombinedFigure Weighted(IReadOnlyList<ObservedFigure> values, int observations)
    {
        if (values.All(o => o.Sample is > 0))
        {
            var sample = values.Sum(o => o.Sample!.Value);
            return new(Round(values.Sum(o => o.Value!.Value * o.Sample!.Value) / sample), observations, sample, []);
        }

        return new(Round(values.Average(o => o.Value!.Value)), observations, null, []);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
