namespace Reperes.Media.Tests.Imaging;

public sealed class ImageInfoTests
{
    [Theory]
    [InlineData("jpeg/baseline-420.jpg", ImageFormat.Jpeg, 48, 32, false)]
    [InlineData("jpeg/baseline-420-odd-size.jpg", ImageFormat.Jpeg, 37, 29, false)]
    [InlineData("jpeg/progressive-420.jpg", ImageFormat.Jpeg, 48, 32, false)]
    [InlineData("png/gray1.png", ImageFormat.Png, 19, 13, false)]
    [InlineData("png/rgba8.png", ImageFormat.Png, 19, 13, true)]
    [InlineData("png/palette8-trns.png", ImageFormat.Png, 19, 13, true)]
    [InlineData("png/rgb8-trns.png", ImageFormat.Png, 19, 13, true)]
    [InlineData("gif/gif89a.gif", ImageFormat.Gif, 30, 20, false)]
    [InlineData("gif/transparent.gif", ImageFormat.Gif, 30, 20, true)]
    [InlineData("gif/animated-offset.gif", ImageFormat.Gif, 40, 30, true)]
    [InlineData("webp/lossy.webp", ImageFormat.WebP, 30, 20, false)]
    [InlineData("webp/lossless.webp", ImageFormat.WebP, 30, 20, false)]
    [InlineData("webp/lossy-alpha.webp", ImageFormat.WebP, 30, 20, true)]
    public void Read_Sample_ReportsSizeAndAlpha(string sample, ImageFormat format, int width, int height, bool hasAlpha)
    {
        var info = ImageInfo.Read(SampleFiles.Read(sample));

        info.Format.ShouldBe(format);
        info.Width.ShouldBe(width);
        info.Height.ShouldBe(height);
        info.HasAlpha.ShouldBe(hasAlpha);
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
    public void Read_DeclaredHugePng_ReportsSizeWithoutAllocating()
    {
        var bytes = SampleFiles.Read("png/bomb-100000x100000.png");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var info = ImageInfo.Read(bytes);

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(100_000);
        info.Width.ShouldBe(100_000);
        info.Height.ShouldBe(100_000);
        info.PixelCount.ShouldBe(10_000_000_000L);
        (info.PixelCount > ImageLimits.DefaultMaxPixels).ShouldBeTrue();
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
