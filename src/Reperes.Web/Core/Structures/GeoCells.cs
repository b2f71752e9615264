namespace Reperes.Web.Core.Structures;

/// <summary>
/// A grid of 0.1° × 0.1° cells (about 11 × 7 km in France). A structure stores its cell, indexed; a search around a
/// point lists the cells its bounding box covers, so that the index finds the neighbours without a spatial extension.
/// </summary>
public static class GeoCells
{
    private const double Size = 0.1;
    private const int Columns = 3600;

    /// <summary>Beyond this many cells (a radius of well over 100 km) the bounding box alone is cheaper.</summary>
    public const int MaxCells = 400;

    public static int Of(double latitude, double longitude) => (Row(latitude) * Columns) + Column(longitude);

    /// <summary>The cells that cover a bounding box, or null when there would be more than <see cref="MaxCells"/>.</summary>
    public static IReadOnlyList<int>? Covering(double minLatitude, double maxLatitude, double minLongitude, double maxLongitude)
    {
        var (rowFrom, rowTo) = (Row(minLatitude), Row(maxLatitude));
        var (columnFrom, columnTo) = (Column(minLongitude), Column(maxLongitude));
        if ((long)(rowTo - rowFrom + 1) * (columnTo - columnFrom + 1) > MaxCells)
        {
            return null;
        }

        var cells = new List<int>();
        for (var row = rowFrom; row <= rowTo; row++)
        {
            for (var column = columnFrom; column <= columnTo; column++)
            {
                cells.Add((row * Columns) + column);
            }
        }

        return cells;
    }

    private static int Row(double latitude) => (int)Math.Floor((Math.Clamp(latitude, -90, 90) + 90) / Size);

    private static int Column(double longitude) => (int)Math.Floor((Math.Clamp(longitude, -180, 179.999999) + 180) / Size);
}
