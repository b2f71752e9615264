namespace Reperes.Media.Tests.Imaging;

/// <summary>
/// Photos in a wide-gamut space (a phone's Display P3, a camera's Adobe RGB) come out in sRGB, with the colours a
/// colour-managed viewer shows: compared with ImageMagick's conversion through lcms2 to Debian's sRGB profile, and
/// with the conversion computed here from the spaces' published primaries and transfer curves.
/// </summary>
public sealed class ColourProfileTests
{
    // The patches of tools/media-samples/generate.py (COLOUR_PATCHES), 32 px wide: numbers in the photo's own space.
    private static readonly (int R, int G, int B)[] Patches = [(230, 30, 40), (200, 90, 70), (70, 170, 90), (60, 90, 200), (230, 200, 70), (128, 128, 128)];

    private static readonly (double X, double Y)[] SrgbPrimaries = [(0.64, 0.33), (0.30, 0.60), (0.15, 0.06)];
    private static readonly (double X, double Y)[] DisplayP3Primaries = [(0.680, 0.320), (0.265, 0.690), (0.150, 0.060)];
    private static readonly (double X, double Y)[] AdobeRgbPrimaries = [(0.64, 0.33), (0.21, 0.71), (0.15, 0.06)];

    [Theory]
    [InlineData("display-p3")]
    [InlineData("adobe-rgb")]
    public void Downscale_WideGamutPhoto_ComesOutInSrgbWithTheRightColours(string sample)
    {
        var source = SampleFiles.Read($"color/{sample}.jpg");
        ImageInfo.Read(source).HasIccProfile.ShouldBeTrue();

        var result = ImageResizer.Downscale(source, maxSize: 1000, jpegQuality: 95);

        ImageInfo.Read(result.Bytes).HasIccProfile.ShouldBeFalse(); // untagged: a browser takes it as sRGB, which it is
        var picture = Picture.Decode(result.Bytes);
        var reference = SampleFiles.ReadPnm($"color/{sample}.srgb.ppm");
        for (var i = 0; i < Patches.Length; i++)
        {
            var (x, y) = ((i * 32) + 16, 24);
            var actual = picture[x, y];
            var lcms = reference[x, y];
            var computed = sample == "display-p3" ? ToSrgb(Patches[i], DisplayP3Primaries, SrgbDecode) : ToSrgb(Patches[i], AdobeRgbPrimaries, v => Math.Pow(v, 563.0 / 256));
            foreach (var (channel, got, byLcms, byHand) in new[] { ("R", actual.R, lcms.R, computed.R), ("G", actual.G, lcms.G, computed.G), ("B", actual.B, lcms.B, computed.B) })
            {
                Math.Abs(got - byLcms).ShouldBeLessThanOrEqualTo(3, $"patch {i} {channel}: ImageMagick/lcms2 gives {lcms}, we give {actual}");
                Math.Abs(got - byHand).ShouldBeLessThanOrEqualTo(3, $"patch {i} {channel}: computed {computed}, we give {actual}");
            }
        }

        // Without the profile the numbers would be shown as they are: the red patch would be off by a wide margin.
        var red = picture[16, 24];
        (Math.Abs(red.R - Patches[0].R) + Math.Abs(red.G - Patches[0].G) + Math.Abs(red.B - Patches[0].B)).ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Downscale_PhotoWithoutProfile_KeepsItsNumbers()
    {
        var result = ImageResizer.Downscale(SampleFiles.Read("jpeg/baseline-444.jpg"), maxSize: 100, jpegQuality: 100);

        Pixels.Psnr(Picture.Decode(result.Bytes), SampleFiles.ReadPnm("jpeg/baseline-444.ppm")).ShouldBeGreaterThan(38);
    }

    /// <summary>A colour of an RGB space with a D65 white to 8-bit sRGB, out-of-gamut values clipped (relative colorimetric).</summary>
    private static (byte R, byte G, byte B) ToSrgb((int R, int G, int B) colour, (double X, double Y)[] primaries, Func<double, double> decode)
    {
        double[] linear = [decode(colour.R / 255.0), decode(colour.G / 255.0), decode(colour.B / 255.0)];
        var xyz = Multiply(RgbToXyz(primaries), linear);
        var srgb = Multiply(Invert(RgbToXyz(SrgbPrimaries)), xyz);
        return (Encode(srgb[0]), Encode(srgb[1]), Encode(srgb[2]));
    }

    private static double SrgbDecode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    private static byte Encode(double v)
    {
        v = Math.Clamp(v, 0, 1);
        var encoded = v <= 0.0031308 ? 12.92 * v : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;
        return (byte)Math.Round(encoded * 255);
    }

    /// <summary>The RGB to XYZ matrix of a space from its primaries' chromaticities and the D65 white.</summary>
    private static double[,] RgbToXyz((double X, double Y)[] primaries)
    {
        var columns = new double[3, 3];
        for (var c = 0; c < 3; c++)
        {
            var (x, y) = primaries[c];
            columns[0, c] = x / y;
            columns[1, c] = 1;
            columns[2, c] = (1 - x - y) / y;
        }

        var scale = Multiply(Invert(columns), [0.3127 / 0.3290, 1, (1 - 0.3127 - 0.3290) / 0.3290]);
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                columns[r, c] *= scale[c];
            }
        }

        return columns;
    }

    private static double[] Multiply(double[,] m, double[] v) =>
        [.. Enumerable.Range(0, 3).Select(r => (m[r, 0] * v[0]) + (m[r, 1] * v[1]) + (m[r, 2] * v[2]))];

    private static double[,] Invert(double[,] m)
    {
        var det = (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1]))) - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0]))) + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));
        var inverse = new double[3, 3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                // Cofactor of (c, r), transposed.
                int r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3;
                inverse[r, c] = ((m[r1, c1] * m[r2, c2]) - (m[r1, c2] * m[r2, c1])) / det;
            }
        }

        return inverse;
    }
}
