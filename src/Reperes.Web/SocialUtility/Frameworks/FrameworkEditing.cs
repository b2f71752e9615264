using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>A framework's title, project and description (posted as Input.Title…).</summary>
public sealed class FrameworkInput
{
    public string? Title { get; set; }
    public string? Project { get; set; }
    public string? Description { get; set; }

    public static FrameworkInput From(Framework framework) => new() { Title = framework.Title, Project = framework.Project, Description = framework.Description };
}

/// <summary>A value (dimension) of a framework.</summary>
public sealed class DimensionInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    public static DimensionInput From(Dimension dimension) => new() { Name = dimension.Name, Description = dimension.Description };
}

/// <summary>A criterion: its name, its evaluative question, the template's criterion it stands for (an id, or empty).</summary>
public sealed class CriterionInput
{
    public string? Name { get; set; }
    public string? Question { get; set; }
    public string? TemplateCriterion { get; set; }

    public static CriterionInput From(Criterion criterion) => new()
    {
        Name = criterion.Name,
        Question = criterion.Question,
        TemplateCriterion = criterion.TemplateCriterionId?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Every field of an indicator as typed (strings, so that anything posted gets a message in words rather than a
/// binding error); scale points one per line; the factor with a comma or a point.
/// </summary>
public sealed class IndicatorInput
{
    public string? Name { get; set; }
    public string? Level { get; set; }
    public string? ValueType { get; set; }
    public string? Unit { get; set; }
    public string? Aggregation { get; set; }
    public string? ScaleLabels { get; set; }
    public string? Tool { get; set; }
    public string? TemplateIndicator { get; set; }
    public string? Mapping { get; set; }
    public string? Factor { get; set; }

    public static IndicatorInput Blank() => new()
    {
        Level = nameof(IndicatorLevel.Output),
        ValueType = nameof(IndicatorValueType.Count),
        Aggregation = nameof(IndicatorAggregation.Sum),
        Tool = nameof(CollectionTool.Count),
        Mapping = nameof(TemplateMapping.None),
    };

    public static IndicatorInput From(Indicator indicator) => new()
    {
        Name = indicator.Name,
        Level = indicator.Level.ToString(),
        ValueType = indicator.ValueType.ToString(),
        Unit = indicator.Unit,
        Aggregation = indicator.Aggregation.ToString(),
        ScaleLabels = indicator.ScaleLabels?.Replace("|", "\n", StringComparison.Ordinal),
        Tool = indicator.Tool.ToString(),
        TemplateIndicator = indicator.TemplateIndicatorId?.ToString(CultureInfo.InvariantCulture),
        Mapping = indicator.Mapping.ToString(),
        Factor = indicator.Factor?.ToString("0.######", CultureInfo.CurrentCulture),
    };
}

/// <summary>A template's criterion a structure's criterion can stand for.</summary>
public sealed record TemplateCriterionOption(int Id, string Name, string Dimension);

/// <summary>A template's indicator a structure's indicator can be mapped to (a retired one only when already mapped).</summary>
public sealed record TemplateIndicatorOption(int Id, string Name, IndicatorValueType ValueType, int Version, bool IsCurrent, string Criterion);

/// <summary>What an edit came to: not found (404), refused with messages in words (400), or done (a redirect).</summary>
public sealed record EditResult(bool Missing, IReadOnlyList<string> Errors, string Done, string Anchor, int? Version = null)
{
    public static readonly EditResult NotFound = new(true, [], "", "");

    public static EditResult Refused(IReadOnlyList<string> errors) => new(false, errors, "", "");

    public static EditResult Succeeded(string done, string anchor, int? version = null) => new(false, [], done, anchor, version);
}

/// <summary>
/// The one editor of frameworks, for a structure's and for the network's template alike: validates what was typed
/// (in words, in the person's language) and applies it through the model, versioning an indicator once it is in use.
/// </summary>
public sealed class FrameworkEditing(ReperesDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    public const int MaxFactor = 1_000_000;

    public async Task<IReadOnlyList<TemplateCriterionOption>> TemplateCriteriaAsync(Framework framework, CancellationToken cancellationToken)
    {
        if (framework.IsTemplate || await TemplateIdAsync(cancellationToken) is not { } templateId)
        {
            return [];
        }

        return await (from c in db.FrameworkCriteria
                      join d in db.FrameworkDimensions on c.DimensionId equals d.Id
                      where d.FrameworkId == templateId
                      orderby d.Position, c.Position
                      select new TemplateCriterionOption(c.Id, c.Name, d.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TemplateIndicatorOption>> TemplateIndicatorsAsync(Framework framework, CancellationToken cancellationToken)
    {
        if (framework.IsTemplate || await TemplateIdAsync(cancellationToken) is not { } templateId)
        {
            return [];
        }

        var mapped = AllIndicators(framework).Where(i => i.TemplateIndicatorId is not null).Select(i => i.TemplateIndicatorId!.Value).Distinct().ToList();
        return await (from i in db.Indicators
                      join c in db.FrameworkCriteria on i.CriterionId equals c.Id
                      join d in db.FrameworkDimensions on c.DimensionId equals d.Id
                      where d.FrameworkId == templateId && (i.RetiredAt == null || mapped.Contains(i.Id))
                      orderby d.Position, c.Position, i.Position, i.Version
                      select new TemplateIndicatorOption(i.Id, i.Name, i.ValueType, i.Version, i.RetiredAt == null, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How many figures stand on each indicator of the framework: its own observations for a structure's, the
    /// observations of the structures' indicators mapped to it for the template's.
    /// </summary>
    public async Task<Dictionary<int, int>> ObservationCountsAsync(Framework framework, CancellationToken cancellationToken)
    {
        var ids = AllIndicators(framework).Select(i => i.Id).ToList();
        if (framework.IsTemplate)
        {
            return await (from o in db.Observations
                          join i in db.Indicators on o.IndicatorId equals i.Id
                          where i.TemplateIndicatorId != null && ids.Contains(i.TemplateIndicatorId.Value)
                          group o by i.TemplateIndicatorId!.Value into g
                          select new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        return await db.Observations.Where(o => ids.Contains(o.IndicatorId)).GroupBy(o => o.IndicatorId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>For the template: how many structures' indicators are mapped to each of its indicators.</summary>
    public async Task<Dictionary<int, int>> MappedCountsAsync(Framework framework, CancellationToken cancellationToken)
    {
        if (!framework.IsTemplate)
        {
            return [];
        }

        var ids = AllIndicators(framework).Select(i => i.Id).ToList();
        return await db.Indicators.Where(i => i.TemplateIndicatorId != null && ids.Contains(i.TemplateIndicatorId.Value))
            .GroupBy(i => i.TemplateIndicatorId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public async Task<EditResult> RenameAsync(Framework framework, FrameworkInput input, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var title = Required(input.Title, 200, "Donnez un titre au référentiel.", "Le titre du référentiel ne dépasse pas {0} caractères.", errors);
        Optional(input.Project, 200, "Le nom du projet ne dépasse pas {0} caractères.", errors);
        Optional(input.Description, 4000, "La présentation du référentiel ne dépasse pas {0} caractères.", errors);
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        framework.Rename(title, input.Project, input.Description, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("referentiel", "referentiel");
    }

    public async Task<EditResult> AddDimensionAsync(Framework framework, DimensionInput input, CancellationToken cancellationToken)
    {
        if (ValidateDimension(input, out var name) is { Count: > 0 } errors)
        {
            return EditResult.Refused(errors);
        }

        var dimension = framework.AddDimension(name, input.Description, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("valeur", $"valeur-{dimension.Id}");
    }

    public async Task<EditResult> ChangeDimensionAsync(Framework framework, int dimensionId, DimensionInput input, CancellationToken cancellationToken)
    {
        if (framework.Dimensions.FirstOrDefault(d => d.Id == dimensionId) is not { } dimension)
        {
            return EditResult.NotFound;
        }

        if (ValidateDimension(input, out var name) is { Count: > 0 } errors)
        {
            return EditResult.Refused(errors);
        }

        dimension.Rename(name, input.Description);
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("valeur", $"valeur-{dimension.Id}");
    }

    public async Task<EditResult> AddCriterionAsync(Framework framework, int dimensionId, CriterionInput input, CancellationToken cancellationToken)
    {
        if (framework.Dimensions.FirstOrDefault(d => d.Id == dimensionId) is not { } dimension)
        {
            return EditResult.NotFound;
        }

        var (errors, name, question, templateCriterionId) = await ValidateCriterionAsync(framework, input, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var criterion = dimension.AddCriterion(name, question, templateCriterionId);
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("critere", $"critere-{criterion.Id}");
    }

    public async Task<EditResult> ChangeCriterionAsync(Framework framework, int criterionId, CriterionInput input, CancellationToken cancellationToken)
    {
        if (Criteria(framework).FirstOrDefault(c => c.Id == criterionId) is not { } criterion)
        {
            return EditResult.NotFound;
        }

        var (errors, name, question, templateCriterionId) = await ValidateCriterionAsync(framework, input, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        criterion.Change(name, question, templateCriterionId);
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("critere", $"critere-{criterion.Id}");
    }

    public async Task<EditResult> AddIndicatorAsync(Framework framework, int criterionId, IndicatorInput input, CancellationToken cancellationToken)
    {
        if (Criteria(framework).FirstOrDefault(c => c.Id == criterionId) is not { } criterion)
        {
            return EditResult.NotFound;
        }

        var (errors, definition) = await ValidateIndicatorAsync(framework, input, cancellationToken);
        if (definition is null)
        {
            return EditResult.Refused(errors);
        }

        var indicator = criterion.AddIndicator(definition);
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("indicateur", $"indicateur-{indicator.Id}");
    }

    /// <summary>
    /// Changes an indicator in place while nothing stands on it; once in use (observed, or for the template's, taken
    /// up by a structure) the model retires it and makes a new version, and the earlier figures keep the earlier one.
    /// </summary>
    public async Task<EditResult> ChangeIndicatorAsync(Framework framework, int indicatorId, IndicatorInput input, CancellationToken cancellationToken)
    {
        if (FindIndicator(framework, indicatorId) is not ({ } criterion, { } indicator))
        {
            return EditResult.NotFound;
        }

        if (!indicator.IsCurrent)
        {
            return EditResult.Refused([localizer["Cette version a été remplacée : modifiez la version en vigueur."]]);
        }

        var (errors, definition) = await ValidateIndicatorAsync(framework, input, cancellationToken);
        if (definition is null)
        {
            return EditResult.Refused(errors);
        }

        if (indicator.Definition == Indicator.Normalize(definition))
        {
            return EditResult.Succeeded("inchange", $"indicateur-{indicator.Id}");
        }

        var inUse = await InUseAsync(framework, indicator.Id, cancellationToken);
        var standing = criterion.ChangeIndicator(indicator, definition, inUse, clock.GetUtcNow());
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return standing == indicator
            ? EditResult.Succeeded("indicateur", $"indicateur-{indicator.Id}")
            : EditResult.Succeeded("version", $"indicateur-{standing.Id}", standing.Version);
    }

    public async Task<EditResult> RemoveIndicatorAsync(Framework framework, int indicatorId, CancellationToken cancellationToken)
    {
        if (FindIndicator(framework, indicatorId) is not ({ } criterion, { } indicator))
        {
            return EditResult.NotFound;
        }

        if (indicator.Version > 1 || !indicator.IsCurrent)
        {
            return EditResult.Refused([localizer["Cet indicateur a déjà plusieurs versions : il reste, pour que ses séries restent lisibles. Modifiez-le plutôt."]]);
        }

        if (framework.IsTemplate && await db.Indicators.AnyAsync(i => i.TemplateIndicatorId == indicator.Id, cancellationToken))
        {
            return EditResult.Refused([localizer["Des structures ont repris cet indicateur dans leur référentiel : il reste au référentiel commun. Modifiez-le plutôt."]]);
        }

        if (await InUseAsync(framework, indicator.Id, cancellationToken))
        {
            return EditResult.Refused([localizer["Cet indicateur a déjà des observations : il reste, pour que les chiffres recueillis gardent leur sens. Modifiez-le (une nouvelle version sera créée) ou gardez-le."]]);
        }

        criterion.RemoveIndicator(indicator, hasObservations: false);
        framework.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return EditResult.Succeeded("retrait", $"critere-{criterion.Id}");
    }

    /// <summary>Validates an indicator as typed; returns its definition, or none with the reasons in words.</summary>
    public async Task<(List<string> Errors, IndicatorDefinition? Definition)> ValidateIndicatorAsync(Framework framework, IndicatorInput input, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var name = Required(input.Name, 200, "Donnez un nom à l’indicateur.", "Le nom de l’indicateur ne dépasse pas {0} caractères.", errors);
        var level = Choice<IndicatorLevel>(input.Level, "Choisissez le niveau de l’indicateur dans la liste.", errors);
        var type = Choice<IndicatorValueType>(input.ValueType, "Choisissez le type de valeur dans la liste.", errors);
        var aggregation = Choice<IndicatorAggregation>(input.Aggregation, "Choisissez comment les observations s’additionnent dans la liste.", errors);
        var tool = Choice<CollectionTool>(input.Tool, "Choisissez l’outil de collecte dans la liste.", errors);
        Optional(input.Unit, 60, "L’unité ne dépasse pas {0} caractères.", errors);

        string? scale = null;
        if (type == IndicatorValueType.Scale)
        {
            var points = (input.ScaleLabels ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (points.Length < 2)
            {
                errors.Add(localizer["Une échelle a au moins deux points : écrivez-en un par ligne, du plus bas au plus haut (par exemple « Pas du tout », « Un peu », « Assez », « Tout à fait »)."]);
            }
            else if (points.Any(p => p.Contains('|', StringComparison.Ordinal)))
            {
                errors.Add(localizer["Un point de l’échelle ne contient pas le caractère « | »."]);
            }
            else if (points.Length > 10 || string.Join('|', points).Length > 500)
            {
                errors.Add(localizer["Une échelle a au plus 10 points, de 500 caractères en tout."]);
            }
            else
            {
                scale = string.Join('|', points);
            }
        }

        var mapping = TemplateMapping.None;
        int? templateIndicatorId = null;
        decimal? factor = null;
        var mappingChosen = !string.IsNullOrWhiteSpace(input.Mapping) && input.Mapping != nameof(TemplateMapping.None);
        if (framework.IsTemplate)
        {
            if (!string.IsNullOrWhiteSpace(input.TemplateIndicator) || mappingChosen)
            {
                errors.Add(localizer["Le référentiel commun n’est rattaché à aucun autre : il n’a pas de correspondance."]);
            }
        }
        else
        {
            mapping = Choice<TemplateMapping>(string.IsNullOrWhiteSpace(input.Mapping) ? nameof(TemplateMapping.None) : input.Mapping, "Choisissez la correspondance dans la liste.", errors);
            if (!string.IsNullOrWhiteSpace(input.TemplateIndicator))
            {
                var options = await TemplateIndicatorsAsync(framework, cancellationToken);
                var target = int.TryParse(input.TemplateIndicator, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? options.FirstOrDefault(o => o.Id == id) : null;
                if (target is null)
                {
                    errors.Add(localizer["Choisissez l’indicateur du référentiel commun dans la liste."]);
                }
                else if (mapping == TemplateMapping.None)
                {
                    errors.Add(localizer["Dites comment cet indicateur correspond à « {0} » du référentiel commun : identique, convertible ou qualitatif seulement.", target.Name]);
                }
                else
                {
                    templateIndicatorId = target.Id;
                    if (mapping is TemplateMapping.Exact or TemplateMapping.Convertible)
                    {
                        if (!IndicatorDefinition.IsNumeric(type))
                        {
                            errors.Add(localizer["Seuls les chiffres s’additionnent : un indicateur de type « {0} » ne peut correspondre au référentiel commun que « qualitatif seulement ».", localizer[EvaluationLabels.ValueType(type)]]);
                        }
                        else if (target.ValueType != type)
                        {
                            errors.Add(localizer["Une correspondance identique ou convertible demande le même type de valeur : « {0} » est de type « {1} », cet indicateur de type « {2} ». Choisissez « qualitatif seulement » ou le même type.", target.Name, localizer[EvaluationLabels.ValueType(target.ValueType)], localizer[EvaluationLabels.ValueType(type)]]);
                        }
                    }

                    if (mapping == TemplateMapping.Convertible)
                    {
                        factor = ParseFactor(input.Factor);
                        if (factor is not { } f || f <= 0 || f > MaxFactor)
                        {
                            errors.Add(localizer["Une correspondance convertible demande un facteur supérieur à zéro (par exemple 0,5 si une séance de cet indicateur vaut une demi-séance du référentiel commun)."]);
                        }
                    }
                }
            }
            else if (mappingChosen)
            {
                errors.Add(localizer["Choisissez l’indicateur du référentiel commun auquel il correspond, ou « non rattaché »."]);
            }
        }

        if (errors.Count > 0)
        {
            return (errors, null);
        }

        return (errors, new IndicatorDefinition(name, level, type, input.Unit, aggregation, scale, tool, templateIndicatorId, mapping, factor is { } value ? Math.Round(value, 6) : null));
    }

    /// <summary>A factor typed the French way (0,5) or the other (0.5).</summary>
    public static decimal? ParseFactor(string? text) =>
        decimal.TryParse((text ?? "").Replace(',', '.').Replace(" ", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal),
            NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static IEnumerable<Criterion> Criteria(Framework framework) => framework.Dimensions.SelectMany(d => d.Criteria);

    public static IEnumerable<Indicator> AllIndicators(Framework framework) => Criteria(framework).SelectMany(c => c.Indicators);

    private static (Criterion Criterion, Indicator Indicator)? FindIndicator(Framework framework, int indicatorId) =>
        Criteria(framework).SelectMany(c => c.Indicators.Select(i => (c, i))).Where(x => x.i.Id == indicatorId).Select(x => ((Criterion, Indicator)?)x).FirstOrDefault();

    /// <summary>A structure's indicator is in use once observed; the template's once a structure's indicator is mapped to it.</summary>
    private Task<bool> InUseAsync(Framework framework, int indicatorId, CancellationToken cancellationToken) =>
        framework.IsTemplate
            ? db.Indicators.AnyAsync(i => i.TemplateIndicatorId == indicatorId, cancellationToken)
            : db.Observations.AnyAsync(o => o.IndicatorId == indicatorId, cancellationToken);

    private Task<int?> TemplateIdAsync(CancellationToken cancellationToken) =>
        db.Frameworks.Where(f => f.StructureId == null).OrderBy(f => f.Id).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);

    private List<string> ValidateDimension(DimensionInput input, out string name)
    {
        var errors = new List<string>();
        name = Required(input.Name, 200, "Donnez un nom à la valeur.", "Le nom de la valeur ne dépasse pas {0} caractères.", errors);
        Optional(input.Description, 2000, "La présentation de la valeur ne dépasse pas {0} caractères.", errors);
        return errors;
    }

    private async Task<(List<string> Errors, string Name, string Question, int? TemplateCriterionId)> ValidateCriterionAsync(Framework framework, CriterionInput input, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var name = Required(input.Name, 200, "Donnez un nom au critère.", "Le nom du critère ne dépasse pas {0} caractères.", errors);
        var question = Required(input.Question, 500, "Écrivez la question évaluative du critère (par exemple « Les participants osent-ils davantage prendre la parole ? »).", "La question évaluative ne dépasse pas {0} caractères.", errors);
        int? templateCriterionId = null;
        if (!string.IsNullOrWhiteSpace(input.TemplateCriterion))
        {
            if (framework.IsTemplate)
            {
                errors.Add(localizer["Le référentiel commun n’est rattaché à aucun autre : il n’a pas de correspondance."]);
            }
            else
            {
                var options = await TemplateCriteriaAsync(framework, cancellationToken);
                var target = int.TryParse(input.TemplateCriterion, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? options.FirstOrDefault(o => o.Id == id) : null;
                if (target is null)
                {
                    errors.Add(localizer["Choisissez le critère du référentiel commun dans la liste."]);
                }
                else
                {
                    templateCriterionId = target.Id;
                }
            }
        }

        return (errors, name, question, templateCriterionId);
    }

    private string Required(string? value, int max, string missing, string tooLong, List<string> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(localizer[missing]);
        }
        else if (text.Length > max)
        {
            errors.Add(localizer[tooLong, max]);
        }

        return text;
    }

    private void Optional(string? value, int max, string tooLong, List<string> errors)
    {
        if ((value?.Trim().Length ?? 0) > max)
        {
            errors.Add(localizer[tooLong, max]);
        }
    }

    private T Choice<T>(string? value, string message, List<string> errors)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors.Add(localizer[message]);
        return default;
    }
}
