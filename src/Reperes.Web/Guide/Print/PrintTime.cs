using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Guide.Print;

/// <summary>When a page was printed, as paper says it: "samedi 5 décembre 2026 à 18:50", in Brest's time.</summary>
public static class PrintTime
{
    public static string Text(DateTimeOffset now, IStringLocalizer l, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(now, HoursEvaluator.Zone);
        return l["{0} à {1}", local.ToString("dddd d MMMM yyyy", culture), local.ToString("H:mm", CultureInfo.InvariantCulture)];
    }
}
