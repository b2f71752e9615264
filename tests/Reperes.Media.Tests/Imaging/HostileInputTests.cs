using System.Diagnostics;

namespace Reperes.Media.Tests.Imaging;

/// <summary>
/// Cut and damaged files must end in <see cref="MediaFormatException"/> (or a picture, when the damage hides in
/// pixel data), never in another exception or a hang.
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> Images => new(
        "jpeg/baseline-420.jpg", "jpeg/baseline-411.jpg", "jpeg/progressive-420.jpg", "jpeg/progressive-gray-restart.jpg",
        "jpeg/baseline-420-optimized-restart.jpg", "png/rgb16.png", "png/palette2-adam7.png", "png/rgba8.png",
        "gif/interlaced.gif", "gif/animated-offset.gif", "webp/exif-rotated-gps.webp");

    [Theory]
    [MemberData(nameof(Images))]
    public void Decode_TruncatedAnywhere_ThrowsMediaFormatException(string sample)
    {
        var bytes = SampleFiles.Read(sample);
        var firstFrameEnd = sample.EndsWith(".gif", StringComparison.Ordinal) ? FirstGifFrameEnd(bytes) : bytes.Length;
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes.AsSpan(0, length).ToArray();
            if (length < firstFrameEnd)
            {
                Should.Throw<MediaFormatException>(() => Decode(cut), $"{sample} cut at {length}");
            }
            else
            {
                Should.NotThrow(() => Decode(cut)); // A GIF's later frames are not needed.
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Decode_RandomlyDamaged_ThrowsOnlyMediaFormatException(string sample)
    {
        var original = SampleFiles.Read(sample);
        var random = new Random(sample.Length * 7919);
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 400; round++)
        {
            var damaged = (byte[])original.Clone();
            var changes = 1 + random.Next(4);
            for (var i = 0; i < changes; i++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                Decode(damaged);
            }
            catch (MediaFormatException)
            {
            }
        }

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Decode_JpegDeclaringHugeSizeWithLittleData_ThrowsQuickly()
    {
        // Patch a real JPEG's frame header to 65000×600 (39 megapixels, under the limit): the data runs out at once.
        var bytes = SampleFiles.Read("jpeg/progressive-420.jpg");
        var sof = bytes.AsSpan().IndexOf(new byte[] { 0xFF, 0xC2 });
        bytes[sof + 5] = 600 >> 8;
        bytes[sof + 6] = 600 & 0xFF;
        bytes[sof + 7] = 65000 >> 8;
        bytes[sof + 8] = 65000 & 0xFF;

        var watch = Stopwatch.StartNew();
        Should.Throw<MediaFormatException>(() => JpegDecoder.Decode(bytes));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Decode_JpegWithTooManyScans_Throws()
    {
        // A progressive DC refinement scan repeated far beyond what any encoder writes.
        var bytes = SampleFiles.Read("jpeg/progressive-gray-restart.jpg").ToList();
        var eoi = bytes.Count - 2;
        byte[] refineScan = [0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 0, 0x10, 0x00];
        for (var i = 0; i < 150; i++)
        {
            bytes.InsertRange(eoi, refineScan);
        }

        Should.Throw<MediaFormatException>(() => JpegDecoder.Decode(bytes.ToArray()));
    }

    [Fact]
    public void Decode_EmptyAndTinyInputs_Throw()
    {
        foreach (var bytes in new byte[][] { [], [0xFF], [0xFF, 0xD8], [0xFF, 0xD8, 0xFF, 0xD9], [0x89, (byte)'P'], "GIF89a"u8.ToArray() })
        {
            Should.Throw<MediaFormatException>(() => Decode(bytes));
        }
    }

    private static void Decode(byte[] bytes)
    {
        var info = ImageInfo.Read(bytes);
        switch (info.Format)
        {
            case ImageFormat.Jpeg:
                JpegDecoder.Decode(bytes);
                break;
            case ImageFormat.Png:
                PngDecoder.Decode(bytes);
                break;
            case ImageFormat.Gif:
                GifDecoder.Decode(bytes);
                break;
            case ImageFormat.WebP:
                WebPMetadata.Strip(bytes);
                break;
        }
    }

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
