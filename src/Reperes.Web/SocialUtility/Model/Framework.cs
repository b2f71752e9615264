namespace Reperes.Web.SocialUtility.Model;

/// <summary>
/// A frame of reference (référentiel) for evaluating social utility: values (dimensions) → criteria → indicators.
/// A structure builds its own, for itself or for one of its projects, from scratch or copied from the network's
/// template (a framework with no structure, kept by the coordinator).
/// </summary>
public sealed class Framework
{
    private readonly List<Dimension> dimensions = [];

    private Framework() { }

    public Framework(int? structureId, string title, string? project, string? description, DateTimeOffset at)
    {
        StructureId = structureId;
        Title = title.Trim();
        Project = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        CreatedAt = at;
        UpdatedAt = at;
    }

    public int Id { get; private set; }

    /// <summary>The structure whose frame it is; none for the network's template.</summary>
    public int? StructureId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The project of the structure it evaluates, when not the structure as a whole.</summary>
    public string? Project { get; private set; }
    public string? Description { get; private set; }

    /// <summary>The template it was copied from.</summary>
    public int? TemplateId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<Dimension> Dimensions => dimensions;

    public bool IsTemplate => StructureId is null;

    public void Rename(string title, string? project, string? description, DateTimeOffset at)
    {
        Title = title.Trim();
        Project = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = at;
    }

    public Dimension AddDimension(string name, string? description, DateTimeOffset at)
    {
        var dimension = new Dimension(name, description, dimensions.Count == 0 ? 1 : dimensions.Max(d => d.Position) + 1);
        dimensions.Add(dimension);
        UpdatedAt = at;
        return dimension;
    }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    /// <summary>
    /// A structure's copy of the network's template: the same values, criteria and indicators, each criterion and
    /// indicator mapped exactly to the one it was copied from (the structure may then adapt them). The template must be
    /// loaded with its dimensions, criteria and current indicators.
    /// </summary>
    public static Framework CopyOf(Framework template, int structureId, string title, string? project, DateTimeOffset at)
    {
        if (!template.IsTemplate)
        {
            throw new InvalidOperationException("Only the network's template can be copied.");
        }

        var copy = new Framework(structureId, title, project, template.Description, at) { TemplateId = template.Id };
        foreach (var dimension in template.Dimensions.OrderBy(d => d.Position))
        {
            var local = copy.AddDimension(dimension.Name, dimension.Description, at);
            foreach (var criterion in dimension.Criteria.OrderBy(c => c.Position))
            {
                var localCriterion = local.AddCriterion(criterion.Name, criterion.Question, criterion.Id);
                foreach (var indicator in criterion.Indicators.Where(i => i.IsCurrent).OrderBy(i => i.Position))
                {
                    localCriterion.AddIndicator(indicator.Definition with
                    {
                        TemplateIndicatorId = indicator.Id,
                        Mapping = TemplateMapping.Exact,
                        Factor = null,
                    });
                }
            }
        }

        return copy;
    }
}

/// <summary>A value the structure's action serves (self-esteem, social ties, the capacity to act…).</summary>
public sealed class Dimension
{
    private readonly List<Criterion> criteria = [];

    private Dimension() { }

    internal Dimension(string name, string? description, int position)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Position = position;
    }

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public int Position { get; private set; }
    public IReadOnlyList<Criterion> Criteria => criteria;

    public void Rename(string name, string? description)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public Criterion AddCriterion(string name, string question, int? templateCriterionId)
    {
        var criterion = new Criterion(name, question, criteria.Count == 0 ? 1 : criteria.Max(c => c.Position) + 1, templateCriterionId);
        criteria.Add(criterion);
        return criterion;
    }
}

/// <summary>A criterion of a value, with its evaluative question ("Les participants osent-ils davantage… ?").</summary>
public sealed class Criterion
{
    private readonly List<Indicator> indicators = [];

    private Criterion() { }

    internal Criterion(string name, string question, int position, int? templateCriterionId)
    {
        Name = name.Trim();
        Question = question.Trim();
        Position = position;
        TemplateCriterionId = templateCriterionId;
    }

    public int Id { get; private set; }
    public int DimensionId { get; private set; }
    public string Name { get; private set; } = "";
    public string Question { get; private set; } = "";
    public int Position { get; private set; }

    /// <summary>The template's criterion it stands for, so that coded testimonies count across structures.</summary>
    public int? TemplateCriterionId { get; private set; }
    public IReadOnlyList<Indicator> Indicators => indicators;

    public void Change(string name, string question, int? templateCriterionId)
    {
        Name = name.Trim();
        Question = question.Trim();
        TemplateCriterionId = templateCriterionId;
    }

    public Indicator AddIndicator(IndicatorDefinition definition)
    {
        var indicator = new Indicator(Guid.NewGuid(), 1, indicators.Count == 0 ? 1 : indicators.Max(i => i.Position) + 1, definition);
        indicators.Add(indicator);
        return indicator;
    }

    /// <summary>
    /// Removes an indicator added by mistake: only one that was never observed and has no earlier version (an observed
    /// series is kept: change it into a new version instead), so that no collected figure ever loses its definition.
    /// </summary>
    public void RemoveIndicator(Indicator indicator, bool hasObservations)
    {
        if (!indicators.Contains(indicator))
        {
            throw new InvalidOperationException("This indicator belongs to another criterion.");
        }

        if (hasObservations || indicator.Version > 1 || !indicator.IsCurrent)
        {
            throw new InvalidOperationException("An observed indicator, or one with earlier versions, is kept: change it into a new version instead.");
        }

        indicators.Remove(indicator);
    }

    /// <summary>
    /// Changes an indicator. One with no observation changes in place; one already observed is frozen: it is retired
    /// and a new version takes its place (same series, version + 1), so that the figures already collected keep the
    /// definition they were collected under. Returns the indicator that now stands (the same or the new version).
    /// </summary>
    public Indicator ChangeIndicator(Indicator indicator, IndicatorDefinition definition, bool hasObservations, DateTimeOffset at)
    {
        if (!indicators.Contains(indicator))
        {
            throw new InvalidOperationException("This indicator belongs to another criterion.");
        }

        if (!indicator.IsCurrent)
        {
            throw new InvalidOperationException("A retired version cannot change; change the current one.");
        }

        if (indicator.Definition == Indicator.Normalize(definition))
        {
            return indicator;
        }

        if (!hasObservations)
        {
            indicator.Redefine(definition);
            return indicator;
        }

        indicator.Retire(at);
        var next = new Indicator(indicator.SeriesKey, indicator.Version + 1, indicator.Position, definition);
        indicators.Add(next);
        return next;
    }
}
