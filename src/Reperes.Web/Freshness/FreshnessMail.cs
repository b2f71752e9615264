using System.Globalization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Freshness;

/// <summary>
/// The e-mails of fresh data, in French (they are sent by the job, outside any request, to the structures' staff):
/// an honest subject, the link, what it does, and how to stop receiving them.
/// </summary>
public static class FreshnessMail
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string LinkUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/mise-a-jour?code={code}";

    public static (string Subject, string Body) Reminder(string recipientName, string structureName, string slug, DateTimeOffset lastConfirmed, int months, int step, string baseUrl, string code)
    {
        var next = ReminderSchedule.IntervalDays[Math.Min(step, ReminderSchedule.IntervalDays.Count - 1)];
        var subject = $"Repères : les informations de « {structureName} » sont-elles toujours à jour ?";
        var body = $"""
            Bonjour {recipientName},

            Vous gérez la fiche de « {structureName} » sur Repères, le guide des services sociaux du territoire. Ses informations ont été confirmées ou modifiées pour la dernière fois le {Date(lastConfirmed)} : cela fait plus de {months} mois, la fréquence de mise à jour choisie pour cette fiche.

            Les personnes qui utilisent le guide se déplacent sur la foi de ces informations. Pourriez-vous les relire ?

            {LinkUrl(baseUrl, code)}

            Ce lien ouvre la fiche sans mot de passe. Il sert une seule fois et reste valable 30 jours.
            - « Rien n’a changé » : un clic confirme toute la fiche (ou une partie à la fois si vous préférez).
            - « Mettre à jour » : vous modifiez la fiche après vous être connecté(e) à votre espace.

            Sans réponse, un nouveau rappel partira dans {next} jours. Les rappels s’arrêtent dès que la fiche est confirmée ou mise à jour. Si vous ne vous occupez plus de cette structure, quittez son équipe depuis votre espace ({baseUrl.TrimEnd('/')}/mon-espace/structure/{slug}/quitter) ou répondez à ce message pour prévenir la coordination.

            L’équipe Repères
            """;
        return (subject, body);
    }

    public static (string Subject, string Body) Campaign(string recipientName, Campaign campaign, string structureName, string slug, string baseUrl, string code)
    {
        var subject = $"Repères – {campaign.Name} : merci de confirmer les informations de « {structureName} »";
        var message = string.IsNullOrWhiteSpace(campaign.Message) ? "" : campaign.Message.Trim() + "\n\n";
        var body = $"""
            Bonjour {recipientName},

            La coordination du réseau Repères mène la campagne « {campaign.Name} », du {Date(campaign.StartsOn)} au {Date(campaign.EndsOn)}.

            {message}Elle vous demande de confirmer, pour « {structureName} » : {SectionList(campaign.Sections)}.

            {LinkUrl(baseUrl, code)}

            Ce lien ouvre la fiche sans mot de passe. Il sert une seule fois et reste valable jusqu’au {Date(campaign.EndsOn)} inclus.
            - « Rien n’a changé » : un clic confirme (ou une partie à la fois si vous préférez).
            - « Mettre à jour » : vous modifiez la fiche après vous être connecté(e) à votre espace.

            Une fois votre réponse reçue, vous ne recevrez plus de message pour cette campagne. Si vous ne vous occupez plus de cette structure, quittez son équipe depuis votre espace ({baseUrl.TrimEnd('/')}/mon-espace/structure/{slug}/quitter) ou répondez à ce message pour prévenir la coordination.

            L’équipe Repères
            """;
        return (subject, body);
    }

    /// <summary>The sections in words, for a sentence ("les horaires et les services").</summary>
    public static string SectionList(SheetSections sections)
    {
        var words = sections.Each().Select(s => s switch
        {
            SheetSections.Contact => "les coordonnées",
            SheetSections.Address => "l’adresse",
            SheetSections.Hours => "les horaires",
            SheetSections.Services => "les services proposés",
            SheetSections.Notices => "les fermetures et informations temporaires",
            _ => s.ToString(),
        }).ToList();
        return words.Count <= 1 ? string.Join("", words) : string.Join(", ", words[..^1]) + " et " + words[^1];
    }

    /// <summary>The instant a link of a campaign stops working: the end of its last day, in Brest.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => ParisTime.ToInstant(day.AddDays(1), TimeOnly.MinValue);

    private static string Date(DateTimeOffset instant) => HoursEvaluator.LocalDate(instant).ToString("d MMMM yyyy", French);

    private static string Date(DateOnly day) => day.ToString("d MMMM yyyy", French);
}
