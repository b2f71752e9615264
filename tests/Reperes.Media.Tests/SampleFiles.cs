using System.Text;

namespace Reperes.Media.Tests;

/// <summary>Access to the committed samples and their reference decodes (see Samples/README.md).</summary>
internal static class SampleFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Samples", relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static IEnumerable<string> All(string folder, string pattern) =>
        Directory.GetFiles(PathOf(folder), pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(PathOf(""), path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads a binary PPM (P6) or PGM (P5) with 8-bit samples, as djpeg and ImageMagick write them, into RGBA.</summary>
    public static RgbaImage ReadPnm(string relative)
    {
        var bytes = Read(relative);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#')
            {
                if (bytes[position] == '#')
                {
                    while (bytes[position] != '\n')
                    {
                        position++;
                    }
                }

                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(bytes, start, position - start);
        }

        var magic = Token();
        int width = int.Parse(Token()), height = int.Parse(Token()), max = int.Parse(Token());
        position++;
        max.ShouldBe(255);
        var channels = magic == "P6" ? 3 : 1;
        var image = new RgbaImage(width, height);
        for (var i = 0; i < width * height; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                image.Pixels[(i * 4) + c] = bytes[position + (i * channels) + (channels == 3 ? c : 0)];
            }

            image.Pixels[(i * 4) + 3] = 255;
        }

        return image;
    }

    /// <summary>Raw RGBA written by ImageMagick ("RGBA:" output); the size comes from the decoded image.</summary>
    public static byte[] ReadRgba(string relative) => Read(relative);
}

internal static class Pixels
{
    public static int MaxDifference(RgbaImage a, RgbaImage b)
    {
        a.Width.ShouldBe(b.Width);
        a.Height.ShouldBe(b.Height);
        var max = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        }

        return max;
    }

    /// <summary>Peak signal-to-noise ratio over R, G and B, in decibels.</summary>
    public static double Psnr(RgbaImage a, RgbaImage b)
    {
        a.Width.ShouldBe(b.Width);
        a.Height.ShouldBe(b.Height);
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            if (i % 4 != 3)
            {
                double d = a.Pixels[i] - b.Pixels[i];
                sum += d * d;
            }
        }

        var mse = sum / (a.Width * a.Height * 3);
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255 * 255 / mse);
    }
}
