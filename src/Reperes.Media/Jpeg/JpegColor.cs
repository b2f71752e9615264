namespace Reperes.Media;

/// <summary>YCbCr to RGB with libjpeg's fixed-point tables (jdcolor.c), so that results match other decoders bit for bit.</summary>
internal static class JpegColor
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private static readonly int[] CrR = new int[256];
    private static readonly int[] CbB = new int[256];
    private static readonly int[] CrG = new int[256];
    private static readonly int[] CbG = new int[256];

    static JpegColor()
    {
        for (var i = 0; i < 256; i++)
        {
            var x = i - 128;
            CrR[i] = ((Fix(1.40200) * x) + OneHalf) >> ScaleBits;
            CbB[i] = ((Fix(1.77200) * x) + OneHalf) >> ScaleBits;
            CrG[i] = -Fix(0.71414) * x;
            CbG[i] = (-Fix(0.34414) * x) + OneHalf;
        }
    }

    private static int Fix(double x) => (int)((x * (1 << ScaleBits)) + 0.5);

    public static void YCbCr(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgba)
    {
        for (var x = 0; x < y.Length; x++)
        {
            int luma = y[x], blue = cb[x], red = cr[x];
            var o = x * 4;
            rgba[o] = Clamp(luma + CrR[red]);
            rgba[o + 1] = Clamp(luma + ((CbG[blue] + CrG[red]) >> ScaleBits));
            rgba[o + 2] = Clamp(luma + CbB[blue]);
            rgba[o + 3] = 255;
        }
    }

    public static void Rgb(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> rgba)
    {
        for (var x = 0; x < r.Length; x++)
        {
            var o = x * 4;
            rgba[o] = r[x];
            rgba[o + 1] = g[x];
            rgba[o + 2] = b[x];
            rgba[o + 3] = 255;
        }
    }

    public static void Gray(ReadOnlySpan<byte> y, Span<byte> rgba)
    {
        for (var x = 0; x < y.Length; x++)
        {
            var o = x * 4;
            rgba[o] = rgba[o + 1] = rgba[o + 2] = y[x];
            rgba[o + 3] = 255;
        }
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
