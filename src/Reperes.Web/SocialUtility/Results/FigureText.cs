using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Results;

/// <summary>A figure in words, the same on the page, in the exports and in the report ("42 personnes", "67 % (sur 30)").</summary>
public static class FigureText
{
    public static string Format(IndicatorValueType type, string? unit, int scalePoints, CombinedFigure figure, IStringLocalizer l, CultureInfo culture)
    {
        if (figure.Observations == 0)
        {
            return l["pas d’observation"].Value;
        }

        if (figure.Value is not { } value)
        {
            return l["{0} observation(s) écrite(s)", figure.Observations].Value;
        }

        var number = Number(value, culture);
        return type switch
        {
            IndicatorValueType.Count => unit is null ? number : $"{number} {unit}",
            IndicatorValueType.Percentage or IndicatorValueType.YesNo => figure.Sample is { } n
                ? l["{0} % (sur {1})", number, n.ToString("N0", culture)].Value
                : $"{number} %",
            IndicatorValueType.Scale => figure.Sample is { } answers
                ? l["{0} sur {1} ({2} réponses)", number, scalePoints, answers.ToString("N0", culture)].Value
                : l["{0} sur {1}", number, scalePoints].Value,
            IndicatorValueType.Text or IndicatorValueType.Testimony => number,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>The top of a chart's bars: the scale's top, 100 for a share, the largest for a count.</summary>
    public static double? ChartMax(IndicatorValueType type, int scalePoints) => type switch
    {
        IndicatorValueType.Scale => scalePoints,
        IndicatorValueType.Percentage or IndicatorValueType.YesNo => 100,
        IndicatorValueType.Count or IndicatorValueType.Text or IndicatorValueType.Testimony => null,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Number(decimal value, CultureInfo culture) =>
        value == Math.Round(value) ? value.ToString("N0", culture) : value.ToString("N1", culture);
}
