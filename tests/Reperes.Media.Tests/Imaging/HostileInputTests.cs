using System.Text;
using NetVips;

namespace Reperes.Media.Tests.Imaging;

/// <summary>
/// Cut, damaged and hostile files must end in <see cref="MediaFormatException"/> (or a picture, when the damage hides
/// in pixel data), never in another exception, a crash or a hang.
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> Images => new(
        "jpeg/baseline-420.jpg", "jpeg/baseline-411.jpg", "jpeg/progressive-420.jpg", "jpeg/progressive-gray-restart.jpg",
        "jpeg/baseline-420-optimized-restart.jpg", "png/rgb16.png", "png/palette2-adam7.png", "png/rgba8.png",
        "gif/interlaced.gif", "gif/animated-offset.gif", "webp/exif-rotated-gps.webp", "webp/lossless.webp", "color/display-p3.jpg");

    [Theory]
    [MemberData(nameof(Images))]
    public void Downscale_TruncatedAnywhere_ThrowsMediaFormatException(string sample)
    {
        var bytes = SampleFiles.Read(sample);
        var imageEnd = sample.EndsWith(".gif", StringComparison.Ordinal) ? FirstGifFrameEnd(bytes) : ImageDataEnd(bytes, sample);
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes.AsSpan(0, length).ToArray();
            if (length < imageEnd)
            {
                Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(cut, 100), $"{sample} cut at {length}");
            }
            else
            {
                Should.NotThrow(() => ImageResizer.Downscale(cut, 100), $"{sample} cut at {length}"); // only a trailer is missing
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Downscale_RandomlyDamaged_ThrowsOnlyMediaFormatException(string sample)
    {
        var original = SampleFiles.Read(sample);
        var random = new Random(sample.Length * 7919);
        var refused = 0;
        for (var round = 0; round < 300; round++)
        {
            var damaged = (byte[])original.Clone();
            var changes = 1 + random.Next(4);
            for (var i = 0; i < changes; i++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                var result = ImageResizer.Downscale(damaged, 100);
                MediaSniffer.Identify(result.Bytes).Kind.ShouldBe(MediaKind.Image);
            }
            catch (MediaFormatException)
            {
                refused++;
            }
        }

        refused.ShouldBeGreaterThan(0); // some damage is caught; the rest only changed pixels
    }

    [Fact]
    public void Downscale_JpegDeclaringHugeSizeWithLittleData_IsRefused()
    {
        // Patch a real JPEG's frame header to 65000×600 (39 megapixels, under the limit): the data runs out at once.
        var bytes = SampleFiles.Read("jpeg/progressive-420.jpg");
        var sof = bytes.AsSpan().IndexOf(new byte[] { 0xFF, 0xC2 });
        bytes[sof + 5] = 600 >> 8;
        bytes[sof + 6] = 600 & 0xFF;
        bytes[sof + 7] = 65000 >> 8;
        bytes[sof + 8] = 65000 & 0xFF;

        Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(bytes, 1600));
    }

    [Fact]
    public void Downscale_JpegWithTooManyScans_IsRefused()
    {
        // A progressive DC refinement scan repeated far beyond what any encoder writes.
        var bytes = SampleFiles.Read("jpeg/progressive-gray-restart.jpg").ToList();
        var eoi = bytes.Count - 2;
        byte[] refineScan = [0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 0, 0x10, 0x00];
        for (var i = 0; i < 600; i++)
        {
            bytes.InsertRange(eoi, refineScan);
        }

        Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(bytes.ToArray(), 1600));
    }

    [Fact]
    public void Downscale_EmptyAndTinyInputs_Throw()
    {
        foreach (var bytes in new byte[][] { [], [0xFF], [0xFF, 0xD8], [0xFF, 0xD8, 0xFF, 0xD9], [0x89, (byte)'P'], "GIF89a"u8.ToArray(), "RIFF\0\0\0\0WEBPVP8 "u8.ToArray() })
        {
            Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(bytes, 100));
        }
    }

    [Theory]
    [InlineData("refused/script.svg")]
    [InlineData("refused/page.html")]
    [InlineData("documents/sample.pdf")]
    [InlineData("heic/iphone.heic")]
    [InlineData("video/clip.mp4")]
    public void Downscale_ContentThatIsNoPhoto_IsRefusedBeforeLibvipsSeesIt(string sample)
    {
        Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read(sample), 100));
    }

    [Fact]
    public void Libvips_LoadersOtherThanTheFourFormats_AreBlocked()
    {
        ImageResizer.Downscale(SampleFiles.Read("jpeg/baseline-420.jpg"), 100); // sets libvips up

        // Formats libvips reads but an upload never needs: its SVG, PDF, matrix and PPM loaders refuse to run.
        byte[][] others =
        [
            SampleFiles.Read("refused/bare.svg"),
            SampleFiles.Read("documents/sample.pdf"),
            Encoding.ASCII.GetBytes("2 2\n1 2\n3 4\n"),
            [.. Encoding.ASCII.GetBytes("P5 2 2 255\n"), 1, 2, 3, 4],
            SampleFiles.Read("heic/iphone.heic"),
        ];
        foreach (var bytes in others)
        {
            Should.Throw<VipsException>(() =>
            {
                using var image = Image.NewFromBuffer(bytes);
                image.Avg();
            });
        }

        using var allowed = Image.NewFromBuffer(SampleFiles.Read("png/rgb8.png"));
        allowed.Width.ShouldBe(19);
    }

    /// <summary>Where a PNG's image ends (its IEND chunk's start); a JPEG without its end marker is refused as cut short.</summary>
    private static int ImageDataEnd(byte[] bytes, string sample) => sample.EndsWith(".png", StringComparison.Ordinal) ? bytes.Length - 12 : bytes.Length;

    /// <summary>Where the first frame's data ends: after its terminating empty sub-block.</summary>
    private static int FirstGifFrameEnd(byte[] bytes)
    {
        var position = 13 + ((bytes[10] & 0x80) != 0 ? 3 * (2 << (bytes[10] & 7)) : 0);
        while (bytes[position] == 0x21)
        {
            position += 2;
            while (bytes[position] != 0)
            {
                position += 1 + bytes[position];
            }

            position++;
        }

        var packed = bytes[position + 9];
        position += 10 + ((packed & 0x80) != 0 ? 3 * (2 << (packed & 7)) : 0) + 1;
        while (bytes[position] != 0)
        {
            position += 1 + bytes[position];
        }

        return position + 1;
    }
}
