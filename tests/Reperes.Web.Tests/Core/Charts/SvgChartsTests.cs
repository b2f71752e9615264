using System.Globalization;
using System.Xml.Linq;
using Reperes.Web.Core.Charts;

namespace Reperes.Web.Tests.Core.Charts;

/// <summary>The server-drawn charts: well-formed SVG images with a title and a description, drawn within their box.</summary>
public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg);
        root.Attribute("role")!.Value.ShouldBe("img");
        root.Element(Svg + "title")!.Value.ShouldBe("Titre");
        root.Element(Svg + "desc")!.Value.ShouldBe("Description");
        return root;
    }

    private static double Width(XElement root) => double.Parse(root.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);

    private static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void StackedColumns_FiftyTwoWeeksNamedByMonth_LabelsDoNotRunIntoEachOtherAndBarsStayInside()
    {
        var weeks = Enumerable.Range(0, 52).Select(w => new StackedBar(w % 4 == 0 ? "janv." : "", [w, 52 - w, 3])).ToList();

        var root = Parse(SvgCharts.StackedColumns("w", "Titre", "Description", ["Se nourrir", "Avoir un toit", "Besoin non précisé"], SvgCharts.SeriesColors, weeks));

        var width = Width(root);
        width.ShouldBeLessThanOrEqualTo(400);
        var labels = root.Elements(Svg + "text").Where(t => t.Value == "janv.").Select(t => Number(t, "x")).ToList();
        labels.Count.ShouldBeGreaterThan(3);
        labels.Zip(labels.Skip(1)).ShouldAllBe(pair => pair.Second - pair.First >= ("janv.".Length * 7.5) + 6);
        root.Elements(Svg + "rect").Where(r => r.Attribute("height") != null).ShouldAllBe(r => Number(r, "x") + Number(r, "width") <= width && Number(r, "y") >= 0);
    }

    [Fact]
    public void RankedBars_LongName_CutWithAnEllipsisAndTheLongestBarWithinTheWidth()
    {
        var name = new string('a', 80);

        var root = Parse(SvgCharts.RankedBars("r", "Titre", "Description", ["Recherches"], SvgCharts.SeriesColors, [new StackedBar(name, [120]), new StackedBar("Brest", [30])]));

        root.Elements(Svg + "text").Select(t => t.Value).ShouldContain(new string('a', 57) + "…");
        root.Elements(Svg + "text").Select(t => t.Value).ShouldContain("120");
        root.Elements(Svg + "rect").ShouldAllBe(r => Number(r, "x") + Number(r, "width") <= Width(root));
    }

    [Fact]
    public void WeekHours_OneCellPerHourDarkerForMore()
    {
        var counts = new int[168];
        counts[34] = 10;
        counts[35] = 5;

        var root = Parse(SvgCharts.WeekHours("h", "Titre", "Description", counts, ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"], "peu", "beaucoup"));

        var cells = root.Elements(Svg + "rect").Take(168).ToList();
        cells.Count.ShouldBe(168);
        cells[34].Attribute("fill")!.Value.ShouldBe("#0b3a66");
        cells[0].Attribute("fill")!.Value.ShouldBe("#f2f2f2");
        cells[35].Attribute("fill")!.Value.ShouldNotBe(cells[34].Attribute("fill")!.Value);
        Width(root).ShouldBeLessThanOrEqualTo(400);
    }
}
