namespace Reperes.Media.Tests.Gif;

public sealed class GifDecoderTests
{
    [Theory]
    [InlineData("gif89a")]
    [InlineData("gif87a")]
    [InlineData("interlaced")]
    [InlineData("transparent")]
    [InlineData("animated-offset")]
    public void Decode_FirstFrame_MatchesImageMagickReference(string name)
    {
        var decoded = GifDecoder.Decode(SampleFiles.Read($"gif/{name}.gif"));
        var reference = SampleFiles.ReadRgba($"gif/{name}.rgba");

        decoded.Pixels.Length.ShouldBe(reference.Length);
        decoded.Pixels.ShouldBe(reference);
    }

    [Fact]
    public void Decode_FrameSmallerThanScreen_LeavesTheRestTransparent()
    {
        var decoded = GifDecoder.Decode(SampleFiles.Read("gif/animated-offset.gif"));

        decoded.Width.ShouldBe(40);
        decoded.Height.ShouldBe(30);
        decoded.Pixels[3].ShouldBe((byte)0); // (0, 0) lies outside the first frame, placed at (5, 4).
        decoded.Pixels[(((4 * 40) + 5) * 4) + 3].ShouldBe((byte)255);
    }
}
