using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Hours;

/// <summary>
/// A temporary notice in a sentence: "Fermé du 1 août au 20 août : congés", "Horaires exceptionnels du 22 décembre au
/// 3 janvier 2027 : mar–sam 13:00–18:00 ; fermé les autres jours", shown ahead of time, on screen and on paper alike.
/// </summary>
public static class NoticeText
{
    public static string Describe(NoticeInfo notice, HttpContext context)
    {
        var services = context.RequestServices;
        var today = HoursEvaluator.LocalDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        return Describe(notice, today, services.GetRequiredService<HoursSummaries>(), services.GetRequiredService<IStringLocalizer<SharedResource>>(), CultureInfo.CurrentUICulture);
    }

    /// <summary>The sentence alone, without the notice's own text (which public pages show translated, or marked as French).</summary>
    public static string Sentence(NoticeInfo notice, HttpContext context) => Describe(notice with { Text = "" }, context);

    public static string Describe(NoticeInfo notice, DateOnly today, HoursSummaries summaries, IStringLocalizer localizer, CultureInfo culture)
    {
        var from = notice.StartsOn.ToString("d MMMM", culture);
        var to = notice.EndsOn.ToString("d MMMM yyyy", culture);
        var current = notice.StartsOn <= today;
        var exceptional = notice.Kind == NoticeKind.ExceptionalHours
            ? summaries.Between(notice.OpeningHours, notice.StartsOn, notice.EndsOn, today) is { } period
                ? HoursSummaryText.Week(period, localizer, culture)
                : notice.OpeningHours ?? ""
            : "";
        var sentence = notice.Kind switch
        {
            NoticeKind.Closure when current => localizer["Fermé jusqu’au {0} inclus", to].Value,
            NoticeKind.Closure => localizer["Fermé à partir du {0}, jusqu’au {1} inclus", from, to].Value,
            NoticeKind.ExceptionalHours when current => localizer["Horaires exceptionnels jusqu’au {0} : {1}", to, exceptional].Value,
            NoticeKind.ExceptionalHours => localizer["Horaires exceptionnels du {0} au {1} : {2}", from, to, exceptional].Value,
            NoticeKind.Message when current => localizer["Jusqu’au {0}", to].Value,
            NoticeKind.Message => localizer["Du {0} au {1}", from, to].Value,
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        return string.IsNullOrWhiteSpace(notice.Text) ? sentence : $"{sentence} — {notice.Text}";
    }
}
