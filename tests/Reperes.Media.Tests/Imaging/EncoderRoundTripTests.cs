namespace Reperes.Media.Tests.Imaging;

public sealed class EncoderRoundTripTests
{
    // The samples are a busy fractal texture: libjpeg's cjpeg at the same quality with 4:2:0 chroma gives
    // 29.5 dB (quality 90) and 28.2 dB (quality 75) on the first, 36.6 dB on the smoother second; the bounds sit just under that.
    [Theory]
    [InlineData("jpeg/baseline-444", 90, 29)]
    [InlineData("jpeg/baseline-444", 75, 27.5)]
    [InlineData("jpeg/baseline-420-odd-size", 90, 36)]
    public void JpegEncoder_RoundTrip_DecodesCloseToSource(string sample, int quality, double minimumPsnr)
    {
        var source = SampleFiles.ReadPnm(sample + ".ppm");

        var bytes = JpegEncoder.Encode(source, quality);
        var decoded = JpegDecoder.Decode(bytes);

        (decoded.Width, decoded.Height).ShouldBe((source.Width, source.Height));
        Pixels.Psnr(decoded, source).ShouldBeGreaterThan(minimumPsnr);
        MediaSniffer.Identify(bytes).Format.ShouldBe("jpeg");
    }

    [Fact]
    public void JpegEncoder_HigherQuality_GivesBiggerAndCloserFiles()
    {
        var source = SampleFiles.ReadPnm("jpeg/baseline-444.ppm");

        var low = JpegEncoder.Encode(source, 30);
        var high = JpegEncoder.Encode(source, 95);

        high.Length.ShouldBeGreaterThan(low.Length);
        Pixels.Psnr(JpegDecoder.Decode(high), source).ShouldBeGreaterThan(Pixels.Psnr(JpegDecoder.Decode(low), source));
    }

    [Theory]
    [InlineData("png/rgba8")]
    [InlineData("png/palette8-trns")]
    [InlineData("png/gray1-adam7")]
    public void PngEncoder_RoundTrip_IsLossless(string sample)
    {
        var source = PngDecoder.Decode(SampleFiles.Read(sample + ".png"));

        var decoded = PngDecoder.Decode(PngEncoder.Encode(source));

        decoded.Pixels.ShouldBe(source.Pixels);
    }

    [Fact]
    public void JpegEncoder_OnePixelImage_Works()
    {
        var image = new RgbaImage(1, 1);
        image.Pixels[0] = 200;
        image.Pixels[3] = 255;

        var decoded = JpegDecoder.Decode(JpegEncoder.Encode(image, 90));

        decoded.Pixels[0].ShouldBeInRange((byte)190, (byte)210);
    }
}
