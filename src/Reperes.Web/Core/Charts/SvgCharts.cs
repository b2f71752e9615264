using System.Globalization;
using System.Net;
using System.Text;

namespace Reperes.Web.Core.Charts;

/// <summary>One stacked bar: a label and its parts, in the order of the legend.</summary>
public sealed record StackedBar(string Label, IReadOnlyList<int> Parts)
{
    public int Total => Parts.Sum();
}

/// <summary>
/// Charts drawn on the server as inline SVG (no script, light, printable), accessible as one image with a title and
/// a description; the page gives the same numbers in a table next to each.
/// </summary>
public static class SvgCharts
{
    /// <summary>Colours of the four freshness states (fresh, due, overdue, unverified), with a 3:1 contrast on white.</summary>
    public static readonly IReadOnlyList<string> StateColors = ["#1e7b34", "#a35f00", "#b3261e", "#5c5c5c"];

    /// <summary>Distinct colours for up to ten series (needs, kinds), each with a 3:1 contrast on white.</summary>
    public static readonly IReadOnlyList<string> SeriesColors =
        ["#1f5f99", "#b3261e", "#1e7b34", "#a35f00", "#6b3fa0", "#00707a", "#8a2f6b", "#5c5c5c", "#3d5a00", "#7a4a1e"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A line of shares (0 to 1) with its points labelled underneath. A point without a value (no data that month) is
    /// not drawn and breaks the line; the months without data are shaded and say so with <paramref name="noDataLabel"/>.
    /// </summary>
    public static string ShareLine(string id, string title, string description, IReadOnlyList<(string Label, double? Share)> points, string noDataLabel)
    {
        const int width = 640, height = 240, left = 44, right = 12, top = 12, bottom = 40;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var svg = Open(id, title, description, width, height);
        var step = points.Count > 1 ? plotWidth / (double)(points.Count - 1) : 0;
        double X(int i) => left + (i * step);

        // Runs of months without data: shaded, and named once when there is room for the words.
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Share is not null)
            {
                continue;
            }

            var end = i;
            while (end + 1 < points.Count && points[end + 1].Share is null)
            {
                end++;
            }

            var from = Math.Max(left, X(i) - (step / 2));
            var to = Math.Min(width - right, X(end) + (step / 2));
            svg.Append(Invariant, $"<rect x=\"{from:0.#}\" y=\"{top}\" width=\"{to - from:0.#}\" height=\"{plotHeight}\" fill=\"#eeeeee\"/>");
            if (to - from >= noDataLabel.Length * 6.5)
            {
                svg.Append(Invariant, $"<text x=\"{(from + to) / 2:0.#}\" y=\"{top + (plotHeight / 2.0):0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4d4d4d\">{Escape(noDataLabel)}</text>");
            }

            i = end;
        }

        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var y = top + plotHeight - (plotHeight * tick / 100.0);
            svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\"/>");
            svg.Append(Invariant, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{tick} %</text>");
        }

        double Y(double share) => top + plotHeight - (plotHeight * Math.Clamp(share, 0, 1));
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"#1e7b34\" stroke-width=\"3\" points=\"").AppendJoin(' ', run).Append("\"/>");
            }

            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Share is { } share)
            {
                run.Add(string.Create(Invariant, $"{X(i):0.#},{Y(share):0.#}"));
                svg.Append(Invariant, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(share):0.#}\" r=\"4\" fill=\"#1e7b34\"/>");
            }
            else
            {
                Flush();
            }

            // The first and last labels are anchored inside the picture, so that none is cut at its edges.
            var anchor = i == 0 && points.Count > 1 ? "start" : i == points.Count - 1 && points.Count > 1 ? "end" : "middle";
            svg.Append(Invariant, $"<text x=\"{X(i):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"#333\">{Escape(points[i].Label)}</text>");
        }

        Flush();
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal stacked bars, one per row, scaled to the longest; a legend on top.</summary>
    public static string StackedBars(string id, string title, string description, IReadOnlyList<string> legend, IReadOnlyList<string> colors, IReadOnlyList<StackedBar> bars)
    {
        const int width = 640, barHeight = 22, gap = 10, legendHeight = 30, right = 50;

        // Room for the longest label (about 6.5 units a letter at this size), so that none is cut on the left.
        var labelWidth = (int)Math.Clamp(bars.Count == 0 ? 0 : (bars.Max(b => b.Label.Length) * 6.5) + 12, 120, 320);
        var height = legendHeight + (bars.Count * (barHeight + gap)) + gap;
        var svg = Open(id, title, description, width, height);
        var x = 0.0;
        for (var i = 0; i < legend.Count; i++)
        {
            svg.Append(Invariant, $"<rect x=\"{x:0.#}\" y=\"6\" width=\"14\" height=\"14\" fill=\"{colors[i]}\"/>");
            svg.Append(Invariant, $"<text x=\"{x + 19:0.#}\" y=\"18\" font-size=\"12\" fill=\"#333\">{Escape(legend[i])}</text>");
            x += 30 + (legend[i].Length * 7);
        }

        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Total));
        var scale = (width - labelWidth - right) / (double)max;
        for (var row = 0; row < bars.Count; row++)
        {
            var y = legendHeight + (row * (barHeight + gap));
            svg.Append(Invariant, $"<text x=\"{labelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{Escape(bars[row].Label)}</text>");
            var start = (double)labelWidth;
            for (var part = 0; part < bars[row].Parts.Count; part++)
            {
                var length = bars[row].Parts[part] * scale;
                if (length > 0)
                {
                    svg.Append(Invariant, $"<rect x=\"{start:0.##}\" y=\"{y}\" width=\"{length:0.##}\" height=\"{barHeight}\" fill=\"{colors[part]}\"/>");
                }

                start += length;
            }

            svg.Append(Invariant, $"<text x=\"{start + 6:0.#}\" y=\"{y + 16}\" font-size=\"12\" fill=\"#333\">{bars[row].Total.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Columns stacked by series over time (weeks, months), with a legend wrapped over as many lines as it needs; a
    /// column's label is drawn only when given (the caller names the first week of each month, not every week).
    /// Narrow (400 units) so that its words stay readable on a phone.
    /// </summary>
    public static string StackedColumns(string id, string title, string description, IReadOnlyList<string> legend, IReadOnlyList<string> colors, IReadOnlyList<StackedBar> columns)
    {
        const int width = 400, left = 40, right = 8, plotHeight = 170, bottom = 26;
        var (legendSvg, legendHeight) = Legend(legend, colors, width);
        var top = legendHeight + 10;
        var height = top + plotHeight + bottom;
        var svg = Open(id, title, description, width, height).Append(legendSvg);
        var max = NiceMax(columns.Count == 0 ? 0 : columns.Max(c => c.Total));
        foreach (var tick in new[] { 0, max / 2, max })
        {
            var y = top + plotHeight - (plotHeight * tick / (double)max);
            svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\"/>");
            svg.Append(Invariant, $"<text x=\"{left - 5}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"13\" fill=\"#333\">{tick.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        }

        var step = columns.Count == 0 ? 0 : (width - left - right) / (double)columns.Count;
        var barWidth = Math.Max(1, step * 0.8);
        var labelsEnd = 0.0;
        for (var i = 0; i < columns.Count; i++)
        {
            var x = left + (i * step) + ((step - barWidth) / 2);
            var y = (double)(top + plotHeight);
            for (var part = 0; part < columns[i].Parts.Count; part++)
            {
                var length = plotHeight * columns[i].Parts[part] / (double)max;
                if (length > 0)
                {
                    y -= length;
                    svg.Append(Invariant, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{barWidth:0.##}\" height=\"{length:0.##}\" fill=\"{colors[part % colors.Count]}\"/>");
                }
            }

            // A label that would run into the previous one is left out (the table names every column).
            if (columns[i].Label.Length > 0 && x >= labelsEnd)
            {
                svg.Append(Invariant, $"<text x=\"{x:0.#}\" y=\"{top + plotHeight + 17}\" font-size=\"13\" fill=\"#333\">{Escape(columns[i].Label)}</text>");
                labelsEnd = x + (columns[i].Label.Length * 7.5) + 6;
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A ranked list drawn as bars: each row's label on its own line above its bar (long names stay whole on a phone),
    /// the bar's parts in the order of the legend, its total at its end.
    /// </summary>
    public static string RankedBars(string id, string title, string description, IReadOnlyList<string> legend, IReadOnlyList<string> colors, IReadOnlyList<StackedBar> bars)
    {
        const int width = 400, labelHeight = 17, barHeight = 14, gap = 9, right = 56, maxLabel = 58;
        var (legendSvg, legendHeight) = Legend(legend, colors, width);
        var top = legend.Count > 1 ? legendHeight + 6 : 0;
        var rowHeight = labelHeight + barHeight + gap;
        var svg = Open(id, title, description, width, top + (bars.Count * rowHeight) + 4);
        if (legend.Count > 1)
        {
            svg.Append(legendSvg);
        }

        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Total));
        var scale = (width - right) / (double)max;
        for (var row = 0; row < bars.Count; row++)
        {
            var y = top + (row * rowHeight);
            var label = bars[row].Label.Length > maxLabel ? bars[row].Label[..(maxLabel - 1)] + "…" : bars[row].Label;
            svg.Append(Invariant, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"13\" fill=\"#1a1a1a\">{Escape(label)}</text>");
            var start = 0.0;
            for (var part = 0; part < bars[row].Parts.Count; part++)
            {
                var length = bars[row].Parts[part] * scale;
                if (length > 0)
                {
                    svg.Append(Invariant, $"<rect x=\"{start:0.##}\" y=\"{y + labelHeight}\" width=\"{length:0.##}\" height=\"{barHeight}\" fill=\"{colors[part % colors.Count]}\"/>");
                }

                start += length;
            }

            svg.Append(Invariant, $"<text x=\"{start + 5:0.#}\" y=\"{y + labelHeight + 12}\" font-size=\"13\" fill=\"#1a1a1a\">{bars[row].Total.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Values that are not counts (means, percentages, ratings) as bars, one per row with its label on its own line
    /// above (long names stay whole on a phone), scaled to <paramref name="max"/> (a scale's top, 100 for a share) or to
    /// the largest; each bar says its value as <paramref name="rows"/> gives it. A row without a value draws no bar.
    /// </summary>
    public static string ValueBars(string id, string title, string description, IReadOnlyList<(string Label, double? Value, string Text)> rows, double? max = null)
    {
        const int width = 400, labelHeight = 17, barHeight = 14, gap = 9, right = 70, maxLabel = 58;
        var rowHeight = labelHeight + barHeight + gap;
        var svg = Open(id, title, description, width, (rows.Count * rowHeight) + 4);
        var top = max ?? (rows.Count == 0 ? 1 : rows.Max(r => r.Value ?? 0));
        var scale = (width - right) / Math.Max(top, 1e-9);
        for (var row = 0; row < rows.Count; row++)
        {
            var y = row * rowHeight;
            var label = rows[row].Label.Length > maxLabel ? rows[row].Label[..(maxLabel - 1)] + "…" : rows[row].Label;
            svg.Append(Invariant, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"13\" fill=\"#1a1a1a\">{Escape(label)}</text>");
            var length = Math.Clamp((rows[row].Value ?? 0) * scale, 0, width - right);
            if (length > 0)
            {
                svg.Append(Invariant, $"<rect x=\"0\" y=\"{y + labelHeight}\" width=\"{length:0.##}\" height=\"{barHeight}\" fill=\"{SeriesColors[0]}\"/>");
            }

            svg.Append(Invariant, $"<text x=\"{length + 5:0.#}\" y=\"{y + labelHeight + 12}\" font-size=\"13\" fill=\"#1a1a1a\">{Escape(rows[row].Text)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// The 168 hours of a week as a grid, one row per day (Monday first) and one column per hour, darker where there
    /// is more; <paramref name="counts"/> is indexed by hour of the week (0 = Monday 0:00).
    /// </summary>
    public static string WeekHours(string id, string title, string description, IReadOnlyList<int> counts, IReadOnlyList<string> dayLabels, string fewLabel, string manyLabel)
    {
        const int left = 38, cell = 15, top = 20, legendHeight = 30;
        const int width = left + (24 * cell) + 2;
        var height = top + (7 * cell) + legendHeight;
        var svg = Open(id, title, description, width, height);
        var max = Math.Max(1, counts.Count == 0 ? 1 : counts.Max());
        for (var hour = 0; hour < 24; hour += 3)
        {
            svg.Append(Invariant, $"<text x=\"{left + (hour * cell) + 2}\" y=\"14\" font-size=\"13\" fill=\"#333\">{hour}h</text>");
        }

        for (var day = 0; day < 7; day++)
        {
            var y = top + (day * cell);
            svg.Append(Invariant, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"13\" fill=\"#333\">{Escape(dayLabels[day])}</text>");
            for (var hour = 0; hour < 24; hour++)
            {
                var value = (day * 24) + hour < counts.Count ? counts[(day * 24) + hour] : 0;
                svg.Append(Invariant, $"<rect x=\"{left + (hour * cell)}\" y=\"{y}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{Shade(value / (double)max)}\"/>");
            }
        }

        // The scale: from few to many, in five steps.
        var legendY = top + (7 * cell) + 10;
        svg.Append(Invariant, $"<text x=\"{left}\" y=\"{legendY + 12}\" font-size=\"13\" fill=\"#333\">{Escape(fewLabel)}</text>");
        var scaleX = left + (fewLabel.Length * 7) + 6;
        for (var stepIndex = 0; stepIndex < 5; stepIndex++)
        {
            svg.Append(Invariant, $"<rect x=\"{scaleX + (stepIndex * 16)}\" y=\"{legendY}\" width=\"15\" height=\"15\" fill=\"{Shade(stepIndex / 4.0)}\"/>");
        }

        svg.Append(Invariant, $"<text x=\"{scaleX + 86}\" y=\"{legendY + 12}\" font-size=\"13\" fill=\"#333\">{Escape(manyLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>White (none) to dark blue (the most), through light blues: the shade of a share of the maximum.</summary>
    private static string Shade(double share)
    {
        if (share <= 0)
        {
            return "#f2f2f2";
        }

        // From #cfe0f2 (a little) to #0b3a66 (the most).
        var t = Math.Clamp(share, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(Invariant, $"#{Mix(0xcf, 0x0b):x2}{Mix(0xe0, 0x3a):x2}{Mix(0xf2, 0x66):x2}");
    }

    /// <summary>A legend laid out in lines that fit <paramref name="width"/>; returns its SVG and its height.</summary>
    private static (string Svg, int Height) Legend(IReadOnlyList<string> legend, IReadOnlyList<string> colors, int width)
    {
        var svg = new StringBuilder();
        double x = 0;
        var y = 0;
        for (var i = 0; i < legend.Count; i++)
        {
            var itemWidth = 26 + (legend[i].Length * 7.2);
            if (x > 0 && x + itemWidth > width)
            {
                x = 0;
                y += 20;
            }

            svg.Append(Invariant, $"<rect x=\"{x:0.#}\" y=\"{y + 3}\" width=\"14\" height=\"14\" fill=\"{colors[i % colors.Count]}\"/>");
            svg.Append(Invariant, $"<text x=\"{x + 19:0.#}\" y=\"{y + 15}\" font-size=\"13\" fill=\"#1a1a1a\">{Escape(legend[i])}</text>");
            x += itemWidth;
        }

        return (svg.ToString(), legend.Count == 0 ? 0 : y + 20);
    }

    /// <summary>A round maximum for an axis (1, 2 or 5 times a power of ten) at or above <paramref name="value"/>, even so that its half is whole.</summary>
    private static int NiceMax(int value)
    {
        if (value <= 2)
        {
            return 2;
        }

        var power = (int)Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 5, 10 })
        {
            if (factor * power >= value && (factor * power) % 2 == 0)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height) =>
        new StringBuilder(4096).Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" class=\"chart\" aria-labelledby=\"{id}-title {id}-desc\">")
            .Append(Invariant, $"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
