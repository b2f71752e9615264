using System.Text;
using NetVips;

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
    public static Picture ReadPnm(string relative)
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
        var image = new Picture(width, height, new byte[width * height * 4]);
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

/// <summary>Pixels as 8-bit R, G, B, A, rows top to bottom: what the tests compare.</summary>
internal sealed record Picture(int Width, int Height, byte[] Pixels)
{
    /// <summary>Decodes an encoded image with libvips (the library under test being the encoder, the reference is elsewhere).</summary>
    public static Picture Decode(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        using var srgb = image.Colourspace(Enums.Interpretation.Srgb);
        using var rgba = srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
        return new Picture(rgba.Width, rgba.Height, rgba.WriteToMemory<byte>());
    }

    /// <summary>R, G, B, A of the pixel at (x, y).</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var o = ((y * Width) + x) * 4;
            return (Pixels[o], Pixels[o + 1], Pixels[o + 2], Pixels[o + 3]);
        }
    }
}

internal static class Pixels
{
    public static int MaxDifference(Picture a, Picture b)
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
    public static double Psnr(Picture a, Picture b)
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
