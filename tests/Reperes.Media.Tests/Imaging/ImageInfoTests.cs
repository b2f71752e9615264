namespace Reperes.Media.Tests.Imaging;

public sealed class ImageInfoTests
{
    [Theory]
    [InlineData("jpeg/baseline-420.jpg", ImageFormat.Jpeg, 48, 32)]
    [InlineData("jpeg/baseline-420-odd-size.jpg", ImageFormat.Jpeg, 37, 29)]
    [InlineData("jpeg/progressive-420.jpg", ImageFormat.Jpeg, 48, 32)]
    [InlineData("png/gray1.png", ImageFormat.Png, 19, 13)]
    [InlineData("png/rgba8.png", ImageFormat.Png, 19, 13)]
    [InlineData("png/palette8-trns.png", ImageFormat.Png, 19, 13)]
    [InlineData("png/rgb8-trns.png", ImageFormat.Png, 19, 13)]
    [InlineData("gif/gif89a.gif", ImageFormat.Gif, 30, 20)]
    [InlineData("gif/transparent.gif", ImageFormat.Gif, 30, 20)]
    [InlineData("gif/animated-offset.gif", ImageFormat.Gif, 40, 30)]
    [InlineData("webp/lossy.webp", ImageFormat.WebP, 30, 20)]
    [InlineData("webp/lossless.webp", ImageFormat.WebP, 30, 20)]
    [InlineData("webp/lossy-alpha.webp", ImageFormat.WebP, 30, 20)]
    public void Read_Sample_ReportsFormatAndSize(string sample, ImageFormat format, int width, int height)
    {
        var info = ImageInfo.Read(SampleFiles.Read(sample));

        info.Format.ShouldBe(format);
        info.Width.ShouldBe(width);
        info.Height.ShouldBe(height);
        info.Orientation.ShouldBe(ExifOrientation.Normal);
    }

    [Theory]
    [InlineData(1, 16, 8)]
    [InlineData(2, 16, 8)]
    [InlineData(3, 16, 8)]
    [InlineData(4, 16, 8)]
    [InlineData(5, 8, 16)]
    [InlineData(6, 8, 16)]
    [InlineData(7, 8, 16)]
    [InlineData(8, 8, 16)]
    public void Read_JpegWithExifOrientation_ReportsOrientationAndDisplaySize(int orientation, int displayWidth, int displayHeight)
    {
        var info = ImageInfo.Read(SampleFiles.Read($"jpeg/orientation/orientation-{orientation}.jpg"));

        info.Orientation.ShouldBe((ExifOrientation)orientation);
        (info.Width, info.Height).ShouldBe((16, 8));
        (info.DisplayWidth, info.DisplayHeight).ShouldBe((displayWidth, displayHeight));
    }

    [Fact]
    public void Read_WebPWithExif_ReportsOrientation()
    {
        ImageInfo.Read(SampleFiles.Read("webp/exif-rotated-gps.webp")).Orientation.ShouldBe(ExifOrientation.Rotate90);
    }

    [Fact]
    public void Read_DeclaredHugePng_ReportsSizeFromHeaderOnly()
    {
        var bytes = SampleFiles.Read("png/bomb-100000x100000.png");
        var info = ImageInfo.Read(bytes); // 40 GB once decoded: only the header was read.

        info.Width.ShouldBe(100_000);
        info.Height.ShouldBe(100_000);
        info.PixelCount.ShouldBe(10_000_000_000L);
        (info.PixelCount > ImageLimits.DefaultMaxPixels).ShouldBeTrue();
    }

    [Fact]
    public void Read_PhotoWithColourProfile_SaysSo()
    {
        ImageInfo.Read(SampleFiles.Read("color/display-p3.jpg")).HasIccProfile.ShouldBeTrue();
        ImageInfo.Read(SampleFiles.Read("jpeg/baseline-420.jpg")).HasIccProfile.ShouldBeFalse();
    }

    [Theory]
    [InlineData("documents/sample.pdf")]
    [InlineData("refused/photo.jpg")]
    [InlineData("audio/tone.wav")]
    public void Read_NotAnImage_Throws(string sample)
    {
        Should.Throw<MediaFormatException>(() => ImageInfo.Read(SampleFiles.Read(sample)));
        ImageInfo.TryRead(SampleFiles.Read(sample), out var info).ShouldBeFalse();
        info.ShouldBeNull();
    }
}
