using System.Globalization;
using Reperes.OpeningHours;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Reading;

/// <summary>One sentence of an easy-read text and the pictogram beside it (a symbol of pictos.svg).</summary>
public sealed record EasyLine(string Pictogram, string Text);

/// <summary>A need in easy-read French: a name in common words and short sentences, one idea each.</summary>
public sealed record EasyNeed(string Name, IReadOnlyList<string> Sentences);

/// <summary>
/// Easy-read French (FALC), following the European easy-to-read rules: short sentences, one idea per sentence, common
/// words, no abbreviation left unexplained, numbers in digits, a pictogram beside each idea. French only: these texts
/// are not translated (the switch is offered on French pages only).
/// </summary>
public static class EasyRead
{
    private static readonly Dictionary<string, EasyNeed> Needs = new(StringComparer.Ordinal)
    {
        ["se-nourrir"] = new("Manger", ["Manger un repas.", "Recevoir un colis de nourriture.", "Acheter à manger moins cher."]),
        ["avoir-un-toit"] = new("Dormir et se loger", ["Dormir à l’abri ce soir.", "Trouver un logement.", "Garder son logement."]),
        ["se-soigner"] = new("Se soigner", ["Voir un médecin, même sans argent.", "Soigner ses dents. Avoir des lunettes.", "Parler à quelqu’un quand on va mal."]),
        ["prendre-soin-de-soi"] = new("Se laver et s’habiller", ["Prendre une douche.", "Laver ses vêtements.", "Avoir des vêtements. Se faire couper les cheveux."]),
        ["poser-son-sac"] = new("Se reposer la journée", ["Des lieux pour se reposer le jour.", "Laisser ses affaires en sécurité.", "Rencontrer des gens."]),
        ["acceder-aux-droits"] = new("Papiers et droits", ["Être aidé pour ses papiers.", "Avoir des conseils sur ses droits.", "Avoir une adresse pour recevoir ses lettres."]),
        ["se-former"] = new("Apprendre et travailler", ["Apprendre le français.", "Apprendre à utiliser un ordinateur.", "Trouver un travail."]),
        ["se-deplacer"] = new("Se déplacer", ["Prendre le bus moins cher.", "Passer le permis de conduire.", "Avoir un vélo."]),
        ["acceder-aux-loisirs-et-a-la-culture"] = new("Sorties et culture", ["Faire du sport.", "Aller voir un spectacle. Lire des livres.", "Partir en vacances moins cher."]),
    };

    /// <summary>The need in easy-read French, or null for a need added later without its easy-read text.</summary>
    public static EasyNeed? Need(string code) => Needs.GetValueOrDefault(code);

    /// <summary>The needs that have an easy-read text (the nine of the guide).</summary>
    public static IReadOnlyCollection<string> NeedCodes => Needs.Keys;

    /// <summary>The home page's introduction.</summary>
    public static IReadOnlyList<EasyLine> Home { get; } =
    [
        new("mark", "Repères vous aide à trouver de l’aide près de chez vous."),
        new("main", "Touchez une image pour choisir ce dont vous avez besoin."),
        new("search", "Vous pouvez aussi écrire ce que vous cherchez."),
        new("gratuit", "Repères est gratuit. Vous n’avez pas besoin de compte."),
    ];

    /// <summary>"Open now, closes at 17 h 30", "closed, opens tomorrow at 9 h" in easy-read French.</summary>
    public static IReadOnlyList<string> OpenSentences(OpenState state, DateTimeOffset now)
    {
        if (state.Closure is { } closure)
        {
            var closed = $"C’est fermé jusqu’au {Date(closure.EndsOn)}.";
            return state.OpensAt is { } reopens ? [closed, $"Ça ouvre de nouveau {When(reopens, now)}."] : [closed];
        }

        if (!state.HoursKnown)
        {
            return ["Nous ne connaissons pas les horaires.", "Appelez avant de venir."];
        }

        return state.Status switch
        {
            OpeningStatus.Open when state.ClosesAt is { } closes => ["C’est ouvert maintenant.", $"Ça ferme {When(closes, now)}."],
            OpeningStatus.Open => ["C’est ouvert maintenant.", "C’est ouvert jour et nuit."],
            OpeningStatus.Closed when state.OpensAt is { } opens => ["C’est fermé maintenant.", $"Ça ouvre {When(opens, now)}."],
            OpeningStatus.Closed => ["C’est fermé maintenant."],
            OpeningStatus.Unknown => ["Les horaires ne sont pas sûrs.", "Appelez avant de venir."],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state.Status, null),
        };
    }

    /// <summary>How to be received, in easy-read French.</summary>
    public static string Access(AccessCondition access) => access switch
    {
        AccessCondition.Unconditional => "Vous pouvez venir sans rendez-vous.",
        AccessCondition.Appointment => "Il faut prendre un rendez-vous avant de venir.",
        AccessCondition.Registration => "Il faut vous inscrire avant de venir.",
        AccessCondition.ProfessionalOrientation => "Il faut venir de la part d’un travailleur social.",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    /// <summary>"à 17 h 30", "demain à 9 h", "lundi à 9 h", "le 3 décembre à 9 h".</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, HoursEvaluator.Zone);
        var time = Time(TimeOnly.FromDateTime(local.DateTime));
        var days = HoursEvaluator.LocalDate(at).DayNumber - HoursEvaluator.LocalDate(now).DayNumber;
        return days switch
        {
            <= 0 => $"aujourd’hui à {time}",
            1 => $"demain à {time}",
            <= 6 => $"{French.DateTimeFormat.GetDayName(local.DayOfWeek)} à {time}",
            _ => $"le {Date(DateOnly.FromDateTime(local.DateTime))} à {time}",
        };
    }

    /// <summary>"9 h", "17 h 30": the way the time is said.</summary>
    public static string Time(TimeOnly time) =>
        time.Minute == 0 ? $"{time.Hour} h" : string.Create(CultureInfo.InvariantCulture, $"{time.Hour} h {time.Minute:00}");

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static string Date(DateOnly date) =>
        date.Day == 1 ? "1er " + date.ToString("MMMM", French) : date.ToString("d MMMM", French);
}
