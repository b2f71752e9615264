using Reperes.Web.Core.Structures;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Domain;

public sealed class GeoCellsTests
{
    [Theory]
    [InlineData(48.3904, -4.4861, 2)]
    [InlineData(48.8566, 2.3522, 15)]
    [InlineData(43.2965, 5.3698, 40)]
    [InlineData(-21.1151, 55.5364, 5)]
    public void Covering_AnyPointWithinTheRadius_IsInACoveredCell(double latitude, double longitude, double radiusKm)
    {
        var (minLat, maxLat, minLon, maxLon) = Geo.BoundingBox(latitude, longitude, radiusKm);
        var cells = GeoCells.Covering(minLat, maxLat, minLon, maxLon)!;
        var random = new Random(5);

        for (var i = 0; i < 500; i++)
        {
            var lat = minLat + (random.NextDouble() * (maxLat - minLat));
            var lon = minLon + (random.NextDouble() * (maxLon - minLon));
            cells.ShouldContain(GeoCells.Of(lat, lon));
        }
    }

    [Fact]
    public void Covering_HugeBox_LeavesItToTheBoundingBox() =>
        GeoCells.Covering(40, 51, -5, 9).ShouldBeNull();

    [Fact]
    public void Of_NeighbouringCells_Differ() =>
        GeoCells.Of(48.39, -4.49).ShouldNotBe(GeoCells.Of(48.39, -4.39));
}
