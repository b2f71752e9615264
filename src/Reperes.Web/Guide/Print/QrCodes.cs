using System.Globalization;
using System.Text;
using QRCoder;

namespace Reperes.Web.Guide.Print;

/// <summary>
/// QR codes for paper, drawn by the server as one SVG path (dark modules of a row joined into runs): a few hundred
/// bytes for a sheet's address, sharp at any print resolution, no script and no image request.
/// </summary>
public static class QrCodes
{
    private const int MaxCached = 20_000;

    // A sheet's address does not change: its code is drawn once (a printed guide of 500 places draws 500 of them).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Paths = new(StringComparer.Ordinal);

    /// <summary>
    /// The QR code of <paramref name="content"/> (error correction Q: a folded or stained paper still reads), with its
    /// quiet zone, sized by its container.
    /// </summary>
    public static string Svg(string content, string label)
    {
        if (Paths.Count > MaxCached)
        {
            Paths.Clear();
        }

        var (size, path) = Split(Paths.GetOrAdd(content, Draw));
        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{encodedLabel}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }

    private static (string Size, string Path) Split(string drawn)
    {
        var space = drawn.IndexOf(' ', StringComparison.Ordinal);
        return (drawn[..space], drawn[(space + 1)..]);
    }

    /// <summary>"size path": the number of modules a side (quiet zone included) and the path of the dark modules.</summary>
    private static string Draw(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.Q);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder(size * 12);
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size;)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1H{start}z");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{size} {path}");
    }
}
