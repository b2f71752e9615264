using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Reperes.Web.Orientation.DigitalScreening;

/// <summary>One possible answer: a stable code (in URLs, rules and counts), its French words (the translation key) and pictogram.</summary>
public sealed record ScreeningOption(string Code, string LabelFr, string Pictogram)
{
    /// <summary>An answer that excludes the others of a multiple-choice question ("none").</summary>
    public bool Exclusive { get; init; }
}

/// <summary>A question of "Le numérique et moi": its code (the query parameter), its words, and its answers.</summary>
public sealed record ScreeningQuestion(string Code, string TextFr, string? HelpFr, bool Multiple, IReadOnlyList<ScreeningOption> Options)
{
    public ScreeningOption? Option(string code) => Options.FirstOrDefault(o => o.Code == code);
}

/// <summary>
/// The questions of "Le numérique et moi", in order: at most eight, in plain words, each answered by a tap. The
/// French words are the keys of their translations (SharedResource.en.resx); the codes are what the rules file
/// (screening-rules.json) and the anonymous counts name.
/// </summary>
public static class ScreeningQuestions
{
    public const string Equipment = "equipement";
    public const string Connection = "connexion";
    public const string Email = "courriel";
    public const string Procedures = "demarches";
    public const string Autonomy = "autonomie";
    public const string Learning = "apprendre";
    public const string Paper = "papier";
    public const string Profile = "profil";

    public static readonly IReadOnlyList<ScreeningQuestion> All =
    [
        new(Equipment, "Qu’avez-vous pour aller sur internet ?", "Cochez tout ce que vous avez.", Multiple: true,
        [
            new("smartphone", "Un smartphone (téléphone tactile)", "smartphone"),
            new("ordinateur", "Un ordinateur", "ordinateur"),
            new("tablette", "Une tablette", "tablette"),
            new("aucun", "Rien de tout ça", "aucun") { Exclusive = true },
        ]),
        new(Connection, "Avez-vous internet chez vous ?", null, Multiple: false,
        [
            new("oui", "Oui, une box ou le wifi", "wifi"),
            new("telephone", "Seulement avec mon téléphone", "smartphone"),
            new("non", "Non, pas chez moi", "aucun"),
        ]),
        new(Email, "Avez-vous une adresse courriel que vous savez ouvrir ?", "Une adresse e-mail, par exemple prenom.nom@exemple.fr.", Multiple: false,
        [
            new("oui", "Oui, je sais l’ouvrir", "courriel"),
            new("perdue", "J’en ai une, mais je n’arrive pas à l’ouvrir", "cadenas"),
            new("non", "Non, je n’en ai pas", "aucun"),
        ]),
        new(Procedures, "Quelles démarches devez-vous faire en ce moment ?", "Cochez toutes celles qui vous concernent.", Multiple: true,
        [
            new("caf", "CAF (allocations, RSA, APL)", "dossier"),
            new("france-travail", "France Travail (emploi, chômage)", "dossier"),
            new("ants", "Papiers d’identité, permis, carte grise (ANTS)", "dossier"),
            new("impots", "Impôts", "dossier"),
            new("ameli", "Assurance maladie (Ameli)", "dossier"),
            new("logement", "Logement (demande, aides)", "dossier"),
            new("aucune", "Aucune en ce moment", "aucun") { Exclusive = true },
        ]),
        new(Autonomy, "Ces démarches sur internet, vous pouvez les faire…", null, Multiple: false,
        [
            new("seul", "Seul", "seul"),
            new("avec-aide", "Avec un peu d’aide", "ensemble"),
            new("pas-du-tout", "Je n’y arrive pas du tout", "aucun"),
        ]),
        new(Learning, "Comment aimeriez-vous apprendre ?", null, Multiple: false,
        [
            new("seul", "Seul, avec un lieu où venir et du matériel", "seul"),
            new("individuel", "Avec une personne rien que pour moi", "ensemble"),
            new("atelier", "En atelier, avec d’autres personnes", "atelier"),
            new("non", "Je ne veux pas apprendre, seulement être aidé", "main"),
        ]),
        new(Paper, "Devez-vous imprimer ou scanner des papiers ?", "Par exemple un justificatif pour votre dossier.", Multiple: true,
        [
            new("imprimer", "Imprimer", "imprimante"),
            new("scanner", "Scanner ou photographier un document", "scanner"),
            new("aucun", "Non, pas besoin", "aucun") { Exclusive = true },
        ]),
        new(Profile, "Êtes-vous dans l’une de ces situations ?", "Certains lieux accueillent spécialement ces personnes.", Multiple: false,
        [
            new("senior", "J’ai plus de 60 ans", "seniors"),
            new("jeune", "J’ai moins de 26 ans", "jeunes"),
            new("aucun", "Ni l’un ni l’autre", "aucun"),
        ]),
    ];

    public static int Count => All.Count;

    public static ScreeningQuestion? Find(string code) => All.FirstOrDefault(q => q.Code == code);
}

/// <summary>
/// The answers given so far, question by question (codes only): what travels in the questionnaire's links and forms
/// from page to page. Nothing else about the person.
/// </summary>
public sealed class ScreeningAnswers
{
    private readonly Dictionary<string, IReadOnlyList<string>> answers;

    private ScreeningAnswers(Dictionary<string, IReadOnlyList<string>> answers) => this.answers = answers;

    public static ScreeningAnswers Empty => new([]);

    /// <summary>The answer codes of a question (empty: not answered).</summary>
    public IReadOnlyList<string> this[string question] => answers.TryGetValue(question, out var values) ? values : [];

    public bool Has(string question, string option) => this[question].Contains(option);

    public bool IsEmpty => answers.Count == 0;

    /// <summary>
    /// Reads the answers from query or form values; unknown questions and answers are dropped (a link altered by hand),
    /// a single-choice question keeps its first known answer, and an exclusive answer ("none") chosen with others is
    /// reported in <paramref name="conflicts"/> and not kept.
    /// </summary>
    public static ScreeningAnswers Read(Func<string, StringValues> values, out List<ScreeningQuestion> conflicts)
    {
        conflicts = [];
        var read = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in ScreeningQuestions.All)
        {
            var chosen = values(question.Code)
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(v => question.Option(v) is not null)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (chosen.Count == 0)
            {
                continue;
            }

            if (!question.Multiple)
            {
                chosen = [chosen[0]];
            }
            else if (chosen.Count > 1 && chosen.Any(c => question.Option(c)!.Exclusive))
            {
                conflicts.Add(question);
                chosen = chosen.Where(c => !question.Option(c)!.Exclusive).ToList();
            }

            // Kept in the question's order, whatever the order given.
            read[question.Code] = question.Options.Where(o => chosen.Contains(o.Code)).Select(o => o.Code).ToList();
        }

        return new ScreeningAnswers(read);
    }

    public static ScreeningAnswers Read(Func<string, StringValues> values) => Read(values, out _);

    /// <summary>Answers given in code, for tests and previews: question code → answer codes.</summary>
    public static ScreeningAnswers Of(IReadOnlyDictionary<string, string[]> given) =>
        Read(code => given.TryGetValue(code, out var values) ? new StringValues(values) : StringValues.Empty);

    /// <summary>The answers as query parameters (one per answer), for links and hidden fields; in the questions' order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Pairs() =>
        ScreeningQuestions.All.SelectMany(q => this[q.Code].Select(a => new KeyValuePair<string, string>(q.Code, a)));

    /// <summary>The pairs of the questions before step <paramref name="step"/> (1-based) only: what a step's form carries.</summary>
    public IEnumerable<KeyValuePair<string, string>> PairsBefore(int step) =>
        ScreeningQuestions.All.Take(step - 1).SelectMany(q => this[q.Code].Select(a => new KeyValuePair<string, string>(q.Code, a)));

    /// <summary>"equipement=smartphone&amp;demarches=caf…", escaped.</summary>
    public string QueryString(IEnumerable<KeyValuePair<string, string>>? extra = null) =>
        string.Join('&', Pairs().Concat(extra ?? []).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    public static string StepNumber(int step) => step.ToString(CultureInfo.InvariantCulture);
}
