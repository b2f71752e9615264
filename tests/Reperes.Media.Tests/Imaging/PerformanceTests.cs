using System.Diagnostics;
using Xunit.Abstractions;

namespace Reperes.Media.Tests.Imaging;

/// <summary>Coarse guard on the cost of shrinking a phone photo; the bound is loose so that slow CI machines pass.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Downscale_TwelveMegapixelPhoto_StaysWithinSeconds()
    {
        // Measured on the project's 2-core machine: 0.56 s in Release (0.33 s decoding, 0.13 s averaging), 5 s in Debug.
        var photo = JpegEncoder.Encode(SyntheticPhoto(4000, 3000), 90);
        var watch = Stopwatch.StartNew();
        var result = ImageResizer.Downscale(photo, maxSize: 1280, jpegQuality: 82);
        watch.Stop();

        output.WriteLine($"4000×3000 JPEG ({photo.Length / 1024} KB) to {result.Width}×{result.Height} ({result.Bytes.Length / 1024} KB): {watch.ElapsedMilliseconds} ms");
        (result.Width, result.Height).ShouldBe((1280, 960));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    /// <summary>Smooth gradients with fine noise, roughly as hard to compress as a photo.</summary>
    private static RgbaImage SyntheticPhoto(int width, int height)
    {
        var image = new RgbaImage(width, height);
        var random = new Random(42);
        var waveX = Enumerable.Range(0, width).Select(x => Math.Sin(x / 150.0)).ToArray();
        var waveY = Enumerable.Range(0, height).Select(y => Math.Cos(y / 110.0)).ToArray();
        var pixels = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 4;
                var noise = random.Next(-12, 13);
                pixels[o] = (byte)Math.Clamp((x * 255 / width) + noise, 0, 255);
                pixels[o + 1] = (byte)Math.Clamp(128 + (int)(100 * waveX[x] * waveY[y]) + noise, 0, 255);
                pixels[o + 2] = (byte)Math.Clamp((y * 255 / height) - noise, 0, 255);
                pixels[o + 3] = 255;
            }
        }

        return image;
    }
}
