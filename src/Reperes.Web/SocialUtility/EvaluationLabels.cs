using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility;

/// <summary>French keys of the evaluation's labels (translated by the localizer where they are shown).</summary>
public static class EvaluationLabels
{
    public static string Level(IndicatorLevel level) => level switch
    {
        IndicatorLevel.Output => "Réalisation",
        IndicatorLevel.Result => "Résultat",
        IndicatorLevel.Impact => "Impact",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string ValueType(IndicatorValueType type) => type switch
    {
        IndicatorValueType.Count => "Nombre",
        IndicatorValueType.Percentage => "Pourcentage",
        IndicatorValueType.Scale => "Échelle",
        IndicatorValueType.YesNo => "Oui / non",
        IndicatorValueType.Text => "Texte",
        IndicatorValueType.Testimony => "Témoignages",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Aggregation(IndicatorAggregation aggregation) => aggregation switch
    {
        IndicatorAggregation.Sum => "Somme",
        IndicatorAggregation.Mean => "Moyenne",
        IndicatorAggregation.Last => "Dernière valeur",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
    };

    public static string Tool(CollectionTool tool) => tool switch
    {
        CollectionTool.Count => "Comptage",
        CollectionTool.Questionnaire => "Questionnaire",
        CollectionTool.ObservationGrid => "Grille d’observation",
        CollectionTool.Interview => "Entretien",
        CollectionTool.Testimony => "Témoignage",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    public static string Mapping(TemplateMapping mapping) => mapping switch
    {
        TemplateMapping.None => "Non rattaché au référentiel commun",
        TemplateMapping.Exact => "Identique",
        TemplateMapping.Convertible => "Convertible (avec un facteur)",
        TemplateMapping.QualitativeOnly => "Qualitatif seulement",
        _ => throw new ArgumentOutOfRangeException(nameof(mapping), mapping, null),
    };

    public static string Status(PeriodStatus status) => status switch
    {
        PeriodStatus.Open => "Ouverte à la saisie",
        PeriodStatus.Closed => "Close, à valider",
        PeriodStatus.Validated => "Validée",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Consent(TestimonyConsent consent) => consent switch
    {
        TestimonyConsent.Internal => "Interne à la structure",
        TestimonyConsent.Network => "Partagé avec le réseau",
        TestimonyConsent.Public => "Public",
        _ => throw new ArgumentOutOfRangeException(nameof(consent), consent, null),
    };

    public static string Polarity(CodingPolarity polarity) => polarity switch
    {
        CodingPolarity.Positive => "Montre le critère atteint",
        CodingPolarity.Negative => "Montre le critère non atteint",
        _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, null),
    };

    /// <summary>The self-assessment's four points, from 1.</summary>
    public static readonly IReadOnlyList<string> Ratings = ["Pas du tout", "Un peu", "En bonne partie", "Tout à fait"];
}
