using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Territory;

/// <summary>A template indicator across the territory: null figures when built from too few structures.</summary>
public sealed record TerritoryIndicator(
    int TemplateIndicatorId, string Dimension, string Criterion, string Name, IndicatorLevel Level, IndicatorValueType ValueType, string? Unit,
    IndicatorAggregation Aggregation, int ScalePoints, bool Suppressed, int? Structures, decimal? Value, int? Sample);

/// <summary>A template criterion across the territory: the coded testimonies that may be counted, the quotes that may be shown.</summary>
public sealed record TerritoryCriterion(
    int TemplateCriterionId, string Dimension, string Name, string Question, bool Suppressed, int? Structures, int? Positive, int? Negative,
    IReadOnlyList<string> Quotes);

/// <summary>The territory's figures of a year, as computed, stored and published.</summary>
public sealed record TerritoryFigures(int Year, int MinimumStructures, int Structures, IReadOnlyList<TerritoryIndicator> Indicators, IReadOnlyList<TerritoryCriterion> Criteria)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TerritoryFigures FromJson(string json) => JsonSerializer.Deserialize<TerritoryFigures>(json, Json)
        ?? throw new InvalidOperationException("A stored territory result could not be read.");
}

/// <summary>
/// Capitalisation across structures, honestly: for each indicator of the network template, only the figures of
/// structures' indicators mapped to it exactly or convertibly (times the factor), of the same value type, from
/// validated periods ending in the year; for each template criterion, the codings of testimonies whose consent
/// allows the network (never an internal one), quotes only from public consent. Any figure built from fewer than
/// <see cref="SocialUtilityOptions.MinimumStructures"/> structures is left out, its numbers included.
/// </summary>
public sealed class TerritoryAggregates(ReperesDbContext db, EvaluationAccess access, IOptions<SocialUtilityOptions> options)
{
    /// <summary>How many public quotes a criterion shows at most.</summary>
    public const int QuotesPerCriterion = 5;

    public async Task<TerritoryFigures> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        var minimum = Math.Max(1, options.Value.MinimumStructures);
        var template = await access.TemplateAsync(cancellationToken);
        if (template is null)
        {
            return new(year, minimum, 0, [], []);
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var observations = await (
                from o in db.Observations
                join p in db.ActionPeriods on o.PeriodId equals p.Id
                join a in db.EvaluatedActions on p.ActionId equals a.Id
                join i in db.Indicators on o.IndicatorId equals i.Id
                where p.Status == PeriodStatus.Validated && p.EndsOn >= first && p.EndsOn <= last
                    && i.TemplateIndicatorId != null && (i.Mapping == TemplateMapping.Exact || i.Mapping == TemplateMapping.Convertible)
                select new { a.StructureId, i.TemplateIndicatorId, i.ValueType, i.Mapping, i.Factor, o.Id, o.Value, o.SampleSize, o.ScaleCounts, o.CollectedOn })
            .ToListAsync(cancellationToken);
        var codings = await (
                from c in db.TestimonyCodings
                join t in db.Testimonies on c.TestimonyId equals t.Id
                join p in db.ActionPeriods on t.PeriodId equals p.Id
                join k in db.FrameworkCriteria on c.CriterionId equals k.Id
                where p.Status == PeriodStatus.Validated && p.EndsOn >= first && p.EndsOn <= last
                    && t.Consent != TestimonyConsent.Internal && k.TemplateCriterionId != null
                select new { t.StructureId, k.TemplateCriterionId, c.Polarity, c.Excerpt, t.Consent, t.Id })
            .ToListAsync(cancellationToken);

        var templateIndicators = template.Dimensions.SelectMany(d => d.Criteria.SelectMany(c => c.Indicators.Select(i => (Dimension: d, Criterion: c, Indicator: i)))).ToList();
        var seriesOf = templateIndicators.ToDictionary(t => t.Indicator.Id, t => t.Indicator.SeriesKey);
        var indicators = new List<TerritoryIndicator>();
        foreach (var (dimension, criterion, indicator) in templateIndicators
            .Where(t => t.Indicator.IsCurrent && IndicatorDefinition.IsNumeric(t.Indicator.ValueType))
            .OrderBy(t => t.Dimension.Position).ThenBy(t => t.Criterion.Position).ThenBy(t => t.Indicator.Position))
        {
            // A structure mapped to an earlier version of the template's indicator still counts in its series, if of the same type.
            var perStructure = observations
                .Where(o => seriesOf.TryGetValue(o.TemplateIndicatorId!.Value, out var series) && series == indicator.SeriesKey && o.ValueType == indicator.ValueType)
                .Where(o => o.Mapping == TemplateMapping.Exact || o.Factor is > 0)
                .GroupBy(o => o.StructureId)
                .Select(g => Figures.Combine(indicator.ValueType, indicator.Aggregation, g.Select(o => Figures.Converted(
                    new ObservedFigure(o.Id, o.Value, o.SampleSize, Observation.ParseScale(o.ScaleCounts), o.CollectedOn),
                    o.Mapping == TemplateMapping.Exact ? 1m : o.Factor!.Value)).ToList()))
                .Where(f => f.Value is not null)
                .ToList();
            var suppressed = perStructure.Count < minimum;
            var figure = suppressed ? CombinedFigure.None : Figures.AcrossStructures(indicator.ValueType, indicator.Aggregation, perStructure);
            indicators.Add(new(indicator.Id, dimension.Name, criterion.Name, indicator.Name, indicator.Level, indicator.ValueType, indicator.Unit, indicator.Aggregation,
                indicator.Definition.ScalePoints.Count, suppressed, suppressed ? null : perStructure.Count, figure.Value, figure.Sample));
        }

        var criteria = new List<TerritoryCriterion>();
        foreach (var (dimension, criterion) in template.Dimensions.OrderBy(d => d.Position).SelectMany(d => d.Criteria.OrderBy(c => c.Position).Select(c => (d, c))))
        {
            var coded = codings.Where(c => c.TemplateCriterionId == criterion.Id).ToList();
            var structures = coded.Select(c => c.StructureId).Distinct().Count();
            var suppressed = structures < minimum;
            var quotes = suppressed
                ? []
                : coded.Where(c => c.Consent == TestimonyConsent.Public && c.Excerpt is not null && c.Polarity == CodingPolarity.Positive)
                    .OrderBy(c => c.Id).Select(c => c.Excerpt!).Distinct().Take(QuotesPerCriterion).ToList();
            criteria.Add(new(criterion.Id, dimension.Name, criterion.Name, criterion.Question, suppressed, suppressed ? null : structures,
                suppressed ? null : coded.Count(c => c.Polarity == CodingPolarity.Positive),
                suppressed ? null : coded.Count(c => c.Polarity == CodingPolarity.Negative),
                quotes));
        }

        var contributing = observations.Select(o => o.StructureId).Concat(codings.Select(c => c.StructureId)).Distinct().Count();
        return new(year, minimum, contributing, indicators, criteria);
    }
}
