using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Hours;

/// <summary>A temporary notice in a sentence: "Fermé du 1 août au 20 août : congés", shown ahead of time.</summary>
public static class NoticeText
{
    public static string Describe(NoticeInfo notice, HttpContext context)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var culture = CultureInfo.CurrentUICulture;
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        var from = notice.StartsOn.ToString("d MMMM", culture);
        var to = notice.EndsOn.ToString("d MMMM yyyy", culture);
        var current = notice.StartsOn <= today;
        var exceptional = context.RequestServices.GetRequiredService<HoursEvaluator>().CompactWeek(notice.OpeningHours, notice.StartsOn, culture) ?? notice.OpeningHours ?? "";
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
