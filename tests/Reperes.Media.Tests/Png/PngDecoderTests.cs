namespace Reperes.Media.Tests.Png;

public sealed class PngDecoderTests
{
    public static TheoryData<string> Samples => new(SampleFiles.All("png", "*.rgba").Select(path => path[..^5]));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_EveryColourTypeDepthAndInterlace_MatchesLibpngReference(string name)
    {
        var decoded = PngDecoder.Decode(SampleFiles.Read(name + ".png"));
        var reference = SampleFiles.ReadRgba(name + ".rgba");

        decoded.Pixels.Length.ShouldBe(reference.Length);
        if (name.Contains("16", StringComparison.Ordinal))
        {
            // 16-bit samples are rounded to 8 bits; ImageMagick truncates: one level apart at most.
            decoded.Pixels.Zip(reference, (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThanOrEqualTo(1);
        }
        else
        {
            decoded.Pixels.ShouldBe(reference);
        }
    }

    [Fact]
    public void Decode_Samples_CoverEveryColourTypeAndDepth()
    {
        var names = SampleFiles.All("png", "*.rgba").Select(path => path[..^5]).ToList();
        foreach (var expected in new[] { "gray1", "gray2", "gray4", "gray8", "gray16", "rgb8", "rgb16", "palette1", "palette2", "palette4",
            "palette8", "graya8", "graya16", "rgba8", "rgba16", "palette8-trns", "rgb8-trns", "gray8-trns", "rgb16-trns", "gray1-adam7",
            "palette8-trns-adam7", "rgba16-adam7", "rgba8-1x1-adam7" })
        {
            names.ShouldContain($"png/{expected}");
        }
    }

    [Fact]
    public void Decode_TransparentPalette_KeepsAlpha()
    {
        var decoded = PngDecoder.Decode(SampleFiles.Read("png/palette8-trns.png"));
        decoded.HasTransparency().ShouldBeTrue();
    }

    [Fact]
    public void Decode_BadChunkChecksum_Throws()
    {
        var bytes = SampleFiles.Read("png/rgb8.png");
        bytes[40] ^= 0x01; // Inside the first IDAT: its CRC no longer matches.
        var ex = Should.Throw<MediaFormatException>(() => PngDecoder.Decode(bytes));
        ex.Message.ShouldContain("checksum");
    }

    [Fact]
    public void Decode_DecompressionBomb_ThrowsWithoutAllocating()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<MediaFormatException>(() => PngDecoder.Decode(SampleFiles.Read("png/bomb-100000x100000.png")));
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(1_000_000);
    }
}
