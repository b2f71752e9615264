using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;

namespace Reperes.Web.Guide.Hours;

/// <summary>
/// An open state in words, in the person's language: "Ouvert · ferme à 17:30", "Fermé · ouvre lundi à 9:00",
/// "Fermé jusqu’au 3 décembre inclus · rouvre le 4 décembre à 9:00", and for a place "Maraude du samu social : fermé ·
/// ouvre à 20:00" (the service the state is about, when it is not the structure's own hours).
/// </summary>
public static class OpenStateText
{
    /// <summary>The headline of a place: its state, preceded by the service it is about.</summary>
    public static string Headline(PlaceOpenState place, DateTimeOffset now, IStringLocalizer l, CultureInfo culture)
    {
        var state = Describe(place.Headline, now, l, culture);
        return place.About is { } service ? l["{0} : {1}", service.Name, LowerFirst(state, culture)] : state;
    }

    /// <summary>The headline as pages and answers show it.</summary>
    public static HoursStatus HeadlineStatus(PlaceOpenState place, DateTimeOffset now, IStringLocalizer l, CultureInfo culture) =>
        HoursStatus.Of(place.Headline, Headline(place, now, l, culture));

    /// <summary>One state as pages and answers show it.</summary>
    public static HoursStatus Status(OpenState state, DateTimeOffset now, IStringLocalizer l, CultureInfo culture) =>
        HoursStatus.Of(state, Describe(state, now, l, culture));

    /// <summary>One state in one line.</summary>
    public static string Describe(OpenState state, DateTimeOffset now, IStringLocalizer l, CultureInfo culture)
    {
        if (state.Closure is { } closure)
        {
            var until = l["Fermé jusqu’au {0} inclus", closure.EndsOn.ToString("d MMMM", culture)].Value;
            return state.OpensAt is { } reopens ? l["{0} · rouvre {1}", until, When(reopens, now, l, culture)] : until;
        }

        if (!state.HoursKnown)
        {
            return l["Horaires non renseignés"];
        }

        var comment = string.IsNullOrWhiteSpace(state.Comment) ? null : state.Comment.Trim();
        switch (state.Status)
        {
            case OpeningStatus.Open:
                {
                    var text = state.ClosesAt is { } closes ? l["Ouvert · ferme {0}", When(closes, now, l, culture)].Value : l["Ouvert 24h/24"].Value;
                    return comment is null ? text : $"{text} ({comment})";
                }

            case OpeningStatus.Unknown when comment == OpeningHoursText.OpenEndComment:
                return l["Ouvert · heure de fermeture non précisée"];
            case OpeningStatus.Unknown when comment is not null:
                return char.ToUpper(comment[0], culture) + comment[1..];
            case OpeningStatus.Unknown:
                return l["Horaires incertains"];
            case OpeningStatus.Closed:
                return state.OpensAt is { } opens ? l["Fermé · ouvre {0}", When(opens, now, l, culture)] : l["Fermé"];
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state.Status, null);
        }
    }

    /// <summary>"à 20:00", "demain à 9:00", "lundi à 9:00", "le 3 décembre à 9:00", from the local day of <paramref name="now"/>.</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now, IStringLocalizer l, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(at, HoursEvaluator.Zone);
        var time = local.ToString("H:mm", CultureInfo.InvariantCulture);
        var days = HoursEvaluator.LocalDate(at).DayNumber - HoursEvaluator.LocalDate(now).DayNumber;
        var french = culture.TwoLetterISOLanguageName == "fr";
        switch (days)
        {
            case <= 0:
                return l["à {0}", time];
            case 1:
                return l["demain à {0}", time];
            case <= 6:
                return l["{0} à {1}", culture.DateTimeFormat.GetDayName(local.DayOfWeek), time];
            default:
                {
                    var date = local.ToString("d MMMM", culture);

                    // French writes the first day of a month as an ordinal: "le 1er décembre".
                    date = french && local.Day == 1 ? "1er" + date[1..] : date;
                    return l["le {0} à {1}", date, time];
                }
        }
    }

    private static string LowerFirst(string text, CultureInfo culture) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], culture) + text[1..] : text;
}
