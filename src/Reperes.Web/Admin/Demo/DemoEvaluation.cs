using Reperes.Web.Core.Hours;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.Admin.Demo;

/// <summary>A demo structure that evaluates one action: its slug, the action, and how much it records.</summary>
public sealed record DemoEvaluated(string Slug, string Action, string Description, bool Rich, bool ConvertsHours);

/// <summary>
/// The network's template (after the 2014 Brest approach: self-esteem, social ties, the capacity to act) and a year of
/// evaluation by demo structures: two that record everything (observations of every kind, coded testimonies,
/// self-assessments, period by period over the last five quarters), three lighter ones so that the territory's figures
/// pass the five-structure threshold. Deterministic (a fixed seed), only with <c>Reperes:DemoEvaluation</c>.
/// </summary>
public static class DemoEvaluation
{
    public static readonly IReadOnlyList<DemoEvaluated> Structures =
    [
        new("halte-accueil-ozanam", "Petits-déjeuners et ateliers de l’accueil de jour", "Un accueil chaleureux chaque matin, puis des ateliers (cuisine, écriture, jeux) où chacun peut proposer et animer.", true, false),
        new("centre-social-kerourien", "Atelier numérique du mercredi", "Des habitants du quartier apprennent à se servir d’un ordinateur et d’un téléphone, accompagnés par des jeunes du quartier.", true, true),
        new("centre-social-keredern", "Café des habitants", "Un café ouvert à tous, où se préparent les fêtes de quartier.", false, false),
        new("gem-brest", "Atelier d’expression", "Un atelier d’écriture et de théâtre animé par et pour les adhérents.", false, false),
        new("office-des-retraites-brestois", "Atelier multimédia des seniors", "Des retraités apprennent à échanger avec leurs proches par la vidéo et les courriels.", false, true),
    ];

    private static readonly string[] Scale = ["Pas du tout", "Un peu", "Assez", "Tout à fait"];

    private static readonly (string Words, string Excerpt, string Criterion, CodingPolarity Polarity, TestimonyConsent Consent)[] Sayings =
    [
        ("Avant je n’osais pas demander, maintenant je pose des questions au guichet.", "maintenant je pose des questions au guichet", "Confiance en soi", CodingPolarity.Positive, TestimonyConsent.Public),
        ("Ici j’ai retrouvé des gens à qui parler, on se voit aussi le samedi.", "on se voit aussi le samedi", "Liens noués", CodingPolarity.Positive, TestimonyConsent.Public),
        ("J’ai envoyé ma première photo à ma petite-fille, toute seule.", "toute seule", "Autonomie", CodingPolarity.Positive, TestimonyConsent.Network),
        ("J’ai animé l’atelier cuisine la semaine dernière, j’étais fier.", "j’ai animé l’atelier cuisine", "Participation", CodingPolarity.Positive, TestimonyConsent.Public),
        ("Je viens, mais je ne parle encore à personne.", "je ne parle encore à personne", "Liens noués", CodingPolarity.Negative, TestimonyConsent.Internal),
        ("Je me sens moins bête devant l’ordinateur.", "moins bête devant l’ordinateur", "Confiance en soi", CodingPolarity.Positive, TestimonyConsent.Network),
    ];

    private static readonly string[] Pseudonyms = ["Mireille", "Yann", "Soazig", "Karim", "Odette", "Loïc", "Nadia", "Gwen"];

    /// <summary>The network's template, as the coordination keeps it.</summary>
    public static Framework Template(DateTimeOffset at)
    {
        var template = new Framework(null, "Référentiel commun du réseau", null,
            "Les valeurs que les structures du réseau partagent, avec leurs critères et des indicateurs communs : chaque structure les reprend et les adapte, le réseau additionne ce qui peut l’être.", at);
        var esteem = template.AddDimension("Estime de soi", "Se sentir capable et reconnu.", at);
        var confidence = esteem.AddCriterion("Confiance en soi", "Les personnes osent-elles davantage : prendre la parole, essayer, demander ?", null);
        confidence.AddIndicator(new("Aisance déclarée", IndicatorLevel.Result, IndicatorValueType.Scale, null, IndicatorAggregation.Mean, string.Join('|', Scale), CollectionTool.Questionnaire, null, TemplateMapping.None, null));
        confidence.AddIndicator(new("Paroles sur la confiance", IndicatorLevel.Impact, IndicatorValueType.Testimony, null, IndicatorAggregation.Sum, null, CollectionTool.Testimony, null, TemplateMapping.None, null));
        var autonomy = esteem.AddCriterion("Autonomie", "Les personnes font-elles seules ce qu’elles ne faisaient pas ?", null);
        autonomy.AddIndicator(new("Part des participants qui font une démarche seuls", IndicatorLevel.Result, IndicatorValueType.Percentage, null, IndicatorAggregation.Mean, null, CollectionTool.ObservationGrid, null, TemplateMapping.None, null));
        var ties = template.AddDimension("Lien social", "Ne plus être seul, connaître des gens et des lieux.", at);
        var links = ties.AddCriterion("Liens noués", "Des liens se créent-ils entre participants et avec le quartier ?", null);
        links.AddIndicator(new("Participations aux séances", IndicatorLevel.Output, IndicatorValueType.Count, "participations", IndicatorAggregation.Sum, null, CollectionTool.Count, null, TemplateMapping.None, null));
        links.AddIndicator(new("Personnes revenues au moins trois fois", IndicatorLevel.Result, IndicatorValueType.Count, "personnes", IndicatorAggregation.Sum, null, CollectionTool.Count, null, TemplateMapping.None, null));
        var acting = template.AddDimension("Capacité d’agir et vivre ensemble", "Prendre part à la vie collective.", at);
        var participation = acting.AddCriterion("Participation", "Les personnes prennent-elles part à la vie collective ?", null);
        participation.AddIndicator(new("Personnes qui ont pris une responsabilité", IndicatorLevel.Impact, IndicatorValueType.Count, "personnes", IndicatorAggregation.Sum, null, CollectionTool.Interview, null, TemplateMapping.None, null));
        participation.AddIndicator(new("Un participant a animé une séance", IndicatorLevel.Output, IndicatorValueType.YesNo, null, IndicatorAggregation.Last, null, CollectionTool.ObservationGrid, null, TemplateMapping.None, null));
        return template;
    }

    /// <summary>
    /// The structure's framework copied from the template; a structure that counts hours of workshop instead of
    /// participations maps that indicator convertibly (a session lasts two hours: 0.5 participation an hour).
    /// </summary>
    public static Framework FrameworkOf(Framework template, DemoEvaluated demo, int structureId, DateTimeOffset at)
    {
        var framework = Framework.CopyOf(template, structureId, "Notre référentiel d’utilité sociale", demo.Action, at);
        if (demo.ConvertsHours)
        {
            var links = framework.Dimensions.SelectMany(d => d.Criteria).Single(c => c.Name == "Liens noués");
            var participations = links.Indicators.Single(i => i.Name == "Participations aux séances");
            links.ChangeIndicator(participations, participations.Definition with
            {
                Name = "Heures d’atelier suivies",
                Unit = "heures",
                Mapping = TemplateMapping.Convertible,
                Factor = 0.5m,
            }, hasObservations: false, at);
        }

        return framework;
    }

    /// <summary>The last five calendar quarters up to today: the first three validated, the fourth closed, the current one open.</summary>
    public static IReadOnlyList<(string Label, DateOnly Start, DateOnly End)> Quarters(DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        var current = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        return Enumerable.Range(0, 5).Select(i => current.AddMonths(3 * (i - 4)))
            .Select(start => ($"{(start.Month + 2) / 3}{(start.Month == 1 ? "er" : "e")} trimestre {start.Year}", start, start.AddMonths(3).AddDays(-1)))
            .ToList();
    }

    /// <summary>Observations, testimonies and self-assessments of one period of a demo action (the framework and action saved).</summary>
    public static void Record(Random random, DemoEvaluated demo, Framework framework, EvaluatedAction action, ActionPeriod period, int index, string recordedById, string collector,
        ICollection<Observation> observations, ICollection<Testimony> testimonies, ICollection<SelfAssessment> assessments, DateTimeOffset at)
    {
        // Things get better over the year, a little.
        var progress = index / 4.0;
        var day = period.StartsOn.AddDays(40);
        foreach (var indicator in framework.Dimensions.SelectMany(d => d.Criteria).SelectMany(c => c.Indicators).Where(i => i.IsCurrent))
        {
            switch (indicator.ValueType)
            {
                case IndicatorValueType.Count:
                    var sessions = demo.Rich ? 3 : 1;
                    for (var s = 0; s < sessions; s++)
                    {
                        var baseline = indicator.Name switch
                        {
                            "Participations aux séances" => 14,
                            "Heures d’atelier suivies" => 22,
                            "Personnes revenues au moins trois fois" => 3,
                            _ => 1,
                        };
                        observations.Add(Observation.Count(period.Id, indicator.Id, baseline + random.Next(4) + (int)(baseline * progress / 2), null, day.AddDays(s * 21), collector, recordedById, at));
                    }

                    break;
                case IndicatorValueType.Percentage:
                    var sample = 8 + random.Next(6);
                    observations.Add(Observation.Percentage(period.Id, indicator.Id, Math.Round((decimal)(30 + (progress * 30) + random.Next(10)), 0), sample, null, day, collector, recordedById, at));
                    break;
                case IndicatorValueType.Scale:
                    var answers = 8 + random.Next(6);
                    var high = (int)Math.Round(answers * (0.3 + (progress * 0.4)));
                    var low = Math.Max(0, (answers - high) / 3);
                    observations.Add(Observation.Scale(period.Id, indicator.Id, [low, answers - high - low, high - (high / 3), high / 3], demo.Rich ? "Questionnaire rempli en fin de séance." : null, day, collector, recordedById, at));
                    break;
                case IndicatorValueType.YesNo:
                    observations.Add(Observation.YesNo(period.Id, indicator.Id, index >= 2, null, day.AddDays(30), collector, recordedById, at));
                    break;
                case IndicatorValueType.Text:
                    observations.Add(Observation.Written(period.Id, indicator.Id, "Ambiance détendue, deux nouvelles personnes.", day, collector, recordedById, at));
                    break;
                case IndicatorValueType.Testimony:
                    break;
                default:
                    throw new InvalidDataException($"Unknown value type {indicator.ValueType}.");
            }
        }

        var criteria = framework.Dimensions.SelectMany(d => d.Criteria).ToDictionary(c => c.Name);
        var count = demo.Rich ? 3 : 1;
        for (var t = 0; t < count; t++)
        {
            var (words, excerpt, criterion, polarity, consent) = Sayings[(index + t + demo.Slug.Length) % Sayings.Length];
            var testimony = new Testimony(action.StructureId, action.Id, period.Id, Pseudonyms[(index * 3 + t) % Pseudonyms.Length], words, consent,
                period.EndsOn.AddMonths(24), day.AddDays(t * 7), collector, recordedById, at);
            testimony.Code(criteria[criterion].Id, polarity, excerpt);
            testimonies.Add(testimony);
        }

        if (demo.Rich)
        {
            var assessment = new SelfAssessment(period.Id, period.EndsOn.AddDays(-5), "L’équipe et deux bénévoles", recordedById, at);
            foreach (var criterion in criteria.Values)
            {
                assessment.Rate(criterion.Id, Math.Clamp(2 + (int)Math.Round(progress + (random.NextDouble() - 0.5)), 1, 4),
                    index == 3 && criterion.Name == "Liens noués" ? "Les habitués s’entraident ; les nouveaux restent à l’écart." : null);
            }

            assessments.Add(assessment);
        }
    }
}
