namespace Reperes.Web.SocialUtility.Model;

/// <summary>What an indicator measures: what the action produces, the result for people, or its lasting impact.</summary>
public enum IndicatorLevel
{
    Output = 0,
    Result = 1,
    Impact = 2,
}

/// <summary>The kind of value an observation of the indicator carries.</summary>
public enum IndicatorValueType
{
    /// <summary>A number of people, sessions… (whole, ≥ 0).</summary>
    Count = 0,

    /// <summary>A share from 0 to 100, of a sample whose size is given.</summary>
    Percentage = 1,

    /// <summary>Answers on a scale with labelled points (counts per point; the mean is computed).</summary>
    Scale = 2,

    /// <summary>Yes or no.</summary>
    YesNo = 3,

    /// <summary>A written observation.</summary>
    Text = 4,

    /// <summary>Gathered as testimonies (entered as testimonies, counted when coded).</summary>
    Testimony = 5,
}

/// <summary>How the observations of a period add up.</summary>
public enum IndicatorAggregation
{
    /// <summary>Added up (people met, sessions held).</summary>
    Sum = 0,

    /// <summary>Averaged, weighted by the samples' sizes when they are given.</summary>
    Mean = 1,

    /// <summary>The latest observation stands (a state at the end of the period).</summary>
    Last = 2,
}

/// <summary>The tool the structure collects the indicator with.</summary>
public enum CollectionTool
{
    Count = 0,
    Questionnaire = 1,
    ObservationGrid = 2,
    Interview = 3,
    Testimony = 4,
}

/// <summary>How a structure's indicator relates to the network template's indicator it is mapped to.</summary>
public enum TemplateMapping
{
    /// <summary>Not mapped.</summary>
    None = 0,

    /// <summary>The same measure: its figures add up with the template's as they are.</summary>
    Exact = 1,

    /// <summary>The same measure in another unit or base: its figures count multiplied by the factor.</summary>
    Convertible = 2,

    /// <summary>Related, but its figures cannot be added: it informs, it never counts.</summary>
    QualitativeOnly = 3,
}

/// <summary>Everything that defines an indicator; two versions differ by at least one of these.</summary>
public sealed record IndicatorDefinition(
    string Name,
    IndicatorLevel Level,
    IndicatorValueType ValueType,
    string? Unit,
    IndicatorAggregation Aggregation,
    string? ScaleLabels,
    CollectionTool Tool,
    int? TemplateIndicatorId,
    TemplateMapping Mapping,
    decimal? Factor)
{
    /// <summary>Labels of the scale's points, from the lowest ("Pas du tout|Un peu|Assez|Tout à fait").</summary>
    public IReadOnlyList<string> ScalePoints =>
        ValueType == IndicatorValueType.Scale && ScaleLabels is { } labels
            ? labels.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>Whether figures of this kind can be added up across structures.</summary>
    public static bool IsNumeric(IndicatorValueType type) => type switch
    {
        IndicatorValueType.Count or IndicatorValueType.Percentage or IndicatorValueType.Scale or IndicatorValueType.YesNo => true,
        IndicatorValueType.Text or IndicatorValueType.Testimony => false,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>
/// An indicator of a criterion, in one version. Once observed it is frozen (see <see cref="Criterion.ChangeIndicator"/>):
/// its versions share a <see cref="SeriesKey"/>, and only the latest is current.
/// </summary>
public sealed class Indicator
{
    private Indicator() { }

    internal Indicator(Guid seriesKey, int version, int position, IndicatorDefinition definition)
    {
        SeriesKey = seriesKey;
        Version = version;
        Position = position;
        Redefine(definition);
    }

    public int Id { get; private set; }
    public int CriterionId { get; private set; }
    public Guid SeriesKey { get; private set; }
    public int Version { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public IndicatorLevel Level { get; private set; }
    public IndicatorValueType ValueType { get; private set; }
    public string? Unit { get; private set; }
    public IndicatorAggregation Aggregation { get; private set; }
    public string? ScaleLabels { get; private set; }
    public CollectionTool Tool { get; private set; }

    /// <summary>The network template's indicator it is mapped to, if any.</summary>
    public int? TemplateIndicatorId { get; private set; }
    public TemplateMapping Mapping { get; private set; }

    /// <summary>For a convertible mapping: what one unit of this indicator is worth in the template's.</summary>
    public decimal? Factor { get; private set; }

    /// <summary>When a newer version replaced it.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsCurrent => RetiredAt is null;

    public IndicatorDefinition Definition => new(Name, Level, ValueType, Unit, Aggregation, ScaleLabels, Tool, TemplateIndicatorId, Mapping, Factor);

    /// <summary>The factor its figures count with in the template's indicator; none when they do not count.</summary>
    public decimal? TemplateFactor => Mapping switch
    {
        TemplateMapping.Exact => 1m,
        TemplateMapping.Convertible => Factor,
        TemplateMapping.None or TemplateMapping.QualitativeOnly => null,
        _ => throw new InvalidOperationException($"Unknown mapping {Mapping}."),
    };

    /// <summary>The definition as it is stored: trimmed, scale labels only for a scale, a factor only when convertible.</summary>
    public static IndicatorDefinition Normalize(IndicatorDefinition definition)
    {
        var mapping = definition.TemplateIndicatorId is null ? TemplateMapping.None : definition.Mapping;
        return definition with
        {
            Name = definition.Name.Trim(),
            Unit = string.IsNullOrWhiteSpace(definition.Unit) ? null : definition.Unit.Trim(),
            ScaleLabels = definition.ValueType == IndicatorValueType.Scale && !string.IsNullOrWhiteSpace(definition.ScaleLabels)
                ? string.Join('|', definition.ScaleLabels.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                : null,
            TemplateIndicatorId = mapping == TemplateMapping.None ? null : definition.TemplateIndicatorId,
            Mapping = mapping,
            Factor = mapping == TemplateMapping.Convertible ? definition.Factor : null,
        };
    }

    internal void Redefine(IndicatorDefinition definition)
    {
        var normal = Normalize(definition);
        Name = normal.Name;
        Level = normal.Level;
        ValueType = normal.ValueType;
        Unit = normal.Unit;
        Aggregation = normal.Aggregation;
        ScaleLabels = normal.ScaleLabels;
        Tool = normal.Tool;
        TemplateIndicatorId = normal.TemplateIndicatorId;
        Mapping = normal.Mapping;
        Factor = normal.Factor;
    }

    internal void Retire(DateTimeOffset at) => RetiredAt = at;
}
