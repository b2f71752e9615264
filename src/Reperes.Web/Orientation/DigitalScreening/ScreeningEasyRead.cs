namespace Reperes.Web.Orientation.DigitalScreening;

/// <summary>A screening question in easy-read French: the question, an optional help, and each answer's words.</summary>
public sealed record EasyQuestion(string Text, string? Help, IReadOnlyDictionary<string, string> Options);

/// <summary>
/// "Le numérique et moi" in easy-read French (FALC): short sentences, one idea each, common words, the abbreviations
/// people know (CAF) explained. Shown instead of the usual words when the reader chose "Facile à lire" (French only);
/// the pictograms are the questions' own.
/// </summary>
public static class ScreeningEasyRead
{
    private static readonly Dictionary<string, EasyQuestion> Questions = new(StringComparer.Ordinal)
    {
        [ScreeningQuestions.Equipment] = new("Avez-vous un appareil pour aller sur internet ?", "Vous pouvez cocher plusieurs réponses.", new Dictionary<string, string>
        {
            ["smartphone"] = "Un téléphone avec un écran tactile",
            ["ordinateur"] = "Un ordinateur",
            ["tablette"] = "Une tablette",
            ["aucun"] = "Je n’ai pas d’appareil",
        }),
        [ScreeningQuestions.Connection] = new("Avez-vous internet chez vous ?", null, new Dictionary<string, string>
        {
            ["oui"] = "Oui. J’ai le wifi chez moi.",
            ["telephone"] = "Oui. Mais seulement sur mon téléphone.",
            ["non"] = "Non. Je n’ai pas internet chez moi.",
        }),
        [ScreeningQuestions.Email] = new("Avez-vous une adresse e-mail ?", "Une adresse e-mail sert à recevoir des messages sur internet.", new Dictionary<string, string>
        {
            ["oui"] = "Oui. Je sais lire mes messages.",
            ["perdue"] = "Oui. Mais je n’arrive pas à lire mes messages.",
            ["non"] = "Non. Je n’ai pas d’adresse e-mail.",
        }),
        [ScreeningQuestions.Procedures] = new("Quels papiers devez-vous faire sur internet ?", "Vous pouvez cocher plusieurs réponses.", new Dictionary<string, string>
        {
            ["caf"] = "Les allocations familiales : la CAF",
            ["france-travail"] = "Chercher un travail : France Travail",
            ["ants"] = "Carte d’identité, passeport ou permis de conduire",
            ["impots"] = "Les impôts",
            ["ameli"] = "L’assurance maladie : être remboursé des soins",
            ["logement"] = "Le logement : demander un logement ou une aide",
            ["aucune"] = "Rien en ce moment",
        }),
        [ScreeningQuestions.Autonomy] = new("Pouvez-vous faire ces papiers sur internet ?", null, new Dictionary<string, string>
        {
            ["seul"] = "Oui. Je peux les faire seul.",
            ["avec-aide"] = "Oui. Mais j’ai besoin d’un peu d’aide.",
            ["pas-du-tout"] = "Non. Je n’y arrive pas.",
        }),
        [ScreeningQuestions.Learning] = new("Voulez-vous apprendre à utiliser internet ?", null, new Dictionary<string, string>
        {
            ["seul"] = "Oui. Seul, dans un lieu avec un ordinateur.",
            ["individuel"] = "Oui. Avec une personne juste pour moi.",
            ["atelier"] = "Oui. En groupe, avec d’autres personnes.",
            ["non"] = "Non. Je veux seulement être aidé.",
        }),
        [ScreeningQuestions.Paper] = new("Devez-vous imprimer ou scanner des papiers ?", "Scanner veut dire : copier un papier dans un ordinateur.", new Dictionary<string, string>
        {
            ["imprimer"] = "Oui. Je dois imprimer.",
            ["scanner"] = "Oui. Je dois scanner ou prendre en photo un papier.",
            ["aucun"] = "Non.",
        }),
        [ScreeningQuestions.Profile] = new("Quel âge avez-vous ?", "Certains lieux aident surtout les jeunes. D’autres lieux aident surtout les personnes âgées.", new Dictionary<string, string>
        {
            ["senior"] = "J’ai plus de 60 ans.",
            ["jeune"] = "J’ai moins de 26 ans.",
            ["aucun"] = "J’ai entre 26 et 60 ans.",
        }),
    };

    /// <summary>The question in easy-read French (every question of <see cref="ScreeningQuestions.All"/> has one: tested).</summary>
    public static EasyQuestion? For(string questionCode) => Questions.GetValueOrDefault(questionCode);
}
