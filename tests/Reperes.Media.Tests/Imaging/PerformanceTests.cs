using System.Diagnostics;
using Xunit.Abstractions;

namespace Reperes.Media.Tests.Imaging;

/// <summary>Coarse guard on the cost of shrinking a phone photo; the bound is loose so that slow CI machines pass.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Downscale_TwelveMegapixelPhoto_TakesAboutASecond()
    {
        // Measured on the project's 2-core machine: about 0.75 s in Release (0.6 s decoding), 3 s in Debug.
        var photo = JpegEncoder.Encode(SyntheticPhoto(4000, 3000), 90);
        ImageResizer.Downscale(photo, maxSize: 1280, jpegQuality: 82); // Warm-up (JIT).

        var watch = Stopwatch.StartNew();
        var result = ImageResizer.Downscale(photo, maxSize: 1280, jpegQuality: 82);
        watch.Stop();

        var decodeWatch = Stopwatch.StartNew();
        var decoded = JpegDecoder.Decode(photo);
        var decodeMs = decodeWatch.ElapsedMilliseconds;
        var shrinkWatch = Stopwatch.StartNew();
        var shrunk = ImageResizer.BoxDownscale(decoded, 1280, 960);
        output.WriteLine($"of which decoding {decodeMs} ms, area averaging {shrinkWatch.ElapsedMilliseconds} ms");
        shrunk.Width.ShouldBe(1280);
        output.WriteLine($"4000×3000 JPEG ({photo.Length / 1024} KB) to {result.Width}×{result.Height} ({result.Bytes.Length / 1024} KB): {watch.ElapsedMilliseconds} ms");
        (result.Width, result.Height).ShouldBe((1280, 960));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    /// <summary>Smooth gradients with fine noise, roughly as hard to compress as a photo.</summary>
    private static RgbaImage SyntheticPhoto(int width, int height)
    {
        var image = new RgbaImage(width, height);
        var random = new Random(42);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 4;
                var noise = random.Next(-12, 13);
                image.Pixels[o] = (byte)Math.Clamp((x * 255 / width) + noise, 0, 255);
                image.Pixels[o + 1] = (byte)Math.Clamp(128 + (int)(100 * Math.Sin(x / 150.0) * Math.Cos(y / 110.0)) + noise, 0, 255);
                image.Pixels[o + 2] = (byte)Math.Clamp((y * 255 / height) - noise, 0, 255);
                image.Pixels[o + 3] = 255;
            }
        }

        return image;
    }
}
