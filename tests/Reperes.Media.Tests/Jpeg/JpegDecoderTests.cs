namespace Reperes.Media.Tests.Jpeg;

public sealed class JpegDecoderTests
{
    public static TheoryData<string> Samples => new(
        "baseline-420", "baseline-422", "baseline-444", "baseline-440", "baseline-411", "baseline-420-odd-size",
        "baseline-420-optimized-restart", "gray", "progressive-420", "progressive-444-odd-size", "progressive-gray-restart");

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_Sample_MatchesLibjpegReference(string name)
    {
        var decoded = JpegDecoder.Decode(SampleFiles.Read($"jpeg/{name}.jpg"));
        var reference = SampleFiles.ReadPnm($"jpeg/{name}{(name.Contains("gray") ? ".pgm" : ".ppm")}");

        // Same integer IDCT, upsampling and colour tables as libjpeg: identical but for rare rounding at most.
        Pixels.MaxDifference(decoded, reference).ShouldBeLessThanOrEqualTo(1);
        decoded.HasTransparency().ShouldBeFalse();
    }

    [Fact]
    public void Decode_ArithmeticCoding_ThrowsClearly()
    {
        var ex = Should.Throw<MediaFormatException>(() => JpegDecoder.Decode(SampleFiles.Read("jpeg/arithmetic.jpg")));
        ex.Message.ShouldContain("rithmetic");
    }

    [Fact]
    public void Decode_AdobeCmyk_ThrowsClearly()
    {
        var ex = Should.Throw<MediaFormatException>(() => JpegDecoder.Decode(SampleFiles.Read("jpeg/cmyk-adobe.jpg")));
        ex.Message.ShouldContain("CMYK");
    }

    [Fact]
    public void Decode_OverPixelLimit_ThrowsBeforeDecoding()
    {
        var ex = Should.Throw<MediaFormatException>(() => JpegDecoder.Decode(SampleFiles.Read("jpeg/baseline-420.jpg"), maxPixels: 1000));
        ex.Message.ShouldContain("megapixels");
    }
}
