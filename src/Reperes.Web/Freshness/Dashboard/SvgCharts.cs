using System.Globalization;
using System.Net;
using System.Text;

namespace Reperes.Web.Freshness.Dashboard;

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

    private static StringBuilder Open(string id, string title, string description, int width, int height) =>
        new StringBuilder(4096).Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" class=\"chart\" aria-labelledby=\"{id}-title {id}-desc\">")
            .Append(Invariant, $"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
