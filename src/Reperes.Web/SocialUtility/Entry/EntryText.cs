using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>An observation in words, as its indicator's kind of value reads ("62,5 % de 24 personnes", "moyenne 3,1 sur 4").</summary>
public static class EntryText
{
    public static string Value(ObservationLine line, Indicator indicator, IReadOnlyList<string> points, IStringLocalizer localizer)
    {
        var culture = CultureInfo.CurrentCulture;
        return indicator.ValueType switch
        {
            IndicatorValueType.Count => string.Join(' ', new[] { Number(line.Value, culture), indicator.Unit }.Where(s => !string.IsNullOrEmpty(s))),
            IndicatorValueType.Percentage => localizer["{0} % de {1} personnes", Number(line.Value, culture), line.SampleSize ?? 0].Value,
            IndicatorValueType.Scale => localizer["Moyenne {0} sur {1} ({2} réponses : {3})", Number(line.Value is { } mean ? Math.Round(mean, 2) : null, culture),
                Math.Max(points.Count, line.ScaleAnswers.Count), line.SampleSize ?? 0,
                string.Join(", ", line.ScaleAnswers.Select((count, i) => $"{(i < points.Count ? points[i] : (i + 1).ToString(culture))} {count}"))].Value,
            IndicatorValueType.YesNo => Capitalized(line.Value == 1 ? localizer["oui"] : localizer["non"]),
            IndicatorValueType.Text or IndicatorValueType.Testimony => line.Text ?? "",
            _ => throw new InvalidOperationException($"Unknown value type {indicator.ValueType}."),
        };
    }

    /// <summary>"Oui" from the shared "oui" (one key per word, whatever its case).</summary>
    public static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.CurrentCulture) + word[1..];

    private static string Number(decimal? value, CultureInfo culture) => value is { } v ? v.ToString("0.##", culture) : "";
}
