using System.Text;

namespace Reperes.Media.Tests.Imaging;

public sealed class ImageResizerTests
{
    [Fact]
    public void Downscale_PhoneJpegLyingOnItsSide_IsUprightSmallAndWithoutMetadata()
    {
        var source = SampleFiles.Read("jpeg/phone-rotated-gps.jpg");
        HasGpsPointer(source).ShouldBeTrue(); // The sample does carry a position...
        Contains(source, "SN-123456").ShouldBeTrue();

        var result = ImageResizer.Downscale(source, maxSize: 24, jpegQuality: 90);

        result.MimeType.ShouldBe("image/jpeg");
        result.Extension.ShouldBe(".jpg");
        (result.Width, result.Height).ShouldBe((18, 24)); // 64×48 stored, 48×64 upright.
        Contains(result.Bytes, "Exif").ShouldBeFalse(); // ...the result does not.
        Contains(result.Bytes, "GPS").ShouldBeFalse();
        HasGpsPointer(result.Bytes).ShouldBeFalse();
        Contains(result.Bytes, "SN-123456").ShouldBeFalse();
        Contains(result.Bytes, "PhoneMaker").ShouldBeFalse();
        var info = ImageInfo.Read(result.Bytes);
        info.Orientation.ShouldBe(ExifOrientation.Normal);

        // ImageMagick's upright, area-averaged version of the same photo.
        var expected = SampleFiles.ReadPnm("jpeg/phone-rotated-gps.upright-18x24.ppm");
        Pixels.Psnr(JpegDecoder.Decode(result.Bytes), expected).ShouldBeGreaterThan(30);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void ApplyOrientation_EachExifValue_MatchesImageMagickAutoOrient(int orientation)
    {
        var bytes = SampleFiles.Read($"jpeg/orientation/orientation-{orientation}.jpg");
        var info = ImageInfo.Read(bytes);

        var upright = ImageResizer.ApplyOrientation(JpegDecoder.Decode(bytes), info.Orientation);

        Pixels.MaxDifference(upright, SampleFiles.ReadPnm($"jpeg/orientation/orientation-{orientation}.upright.ppm")).ShouldBeLessThanOrEqualTo(1);
    }

    [Theory]
    [InlineData(ExifOrientation.Normal, "ab|cd|ef")]
    [InlineData(ExifOrientation.FlipHorizontal, "ba|dc|fe")]
    [InlineData(ExifOrientation.Rotate180, "fe|dc|ba")]
    [InlineData(ExifOrientation.FlipVertical, "ef|cd|ab")]
    [InlineData(ExifOrientation.Transpose, "ace|bdf")]
    [InlineData(ExifOrientation.Rotate90, "eca|fdb")]
    [InlineData(ExifOrientation.Transverse, "fdb|eca")]
    [InlineData(ExifOrientation.Rotate270, "bdf|ace")]
    public void ApplyOrientation_TinyPicture_MovesPixelsAsExifDefines(ExifOrientation orientation, string expected)
    {
        // Stored picture, 2 wide and 3 high:  a b / c d / e f (each letter is a pixel whose red value is the letter).
        var image = new RgbaImage(2, 3);
        for (var i = 0; i < 6; i++)
        {
            image.Pixels[i * 4] = (byte)('a' + i);
        }

        var result = ImageResizer.ApplyOrientation(image, orientation);

        var rows = Enumerable.Range(0, result.Height).Select(y =>
            new string(Enumerable.Range(0, result.Width).Select(x => (char)result.Pixels[((y * result.Width) + x) * 4]).ToArray()));
        string.Join('|', rows).ShouldBe(expected);
    }

    [Fact]
    public void Downscale_SmallImage_IsNeverEnlargedButStillReencoded()
    {
        var source = SampleFiles.Read("jpeg/baseline-444.jpg");

        var result = ImageResizer.Downscale(source, maxSize: 1280, jpegQuality: 85);

        (result.Width, result.Height).ShouldBe((48, 32));
        result.Bytes.ShouldNotBe(source);
    }

    [Theory]
    [InlineData(4000, 3000, 1280, 1280, 1280, 960)]
    [InlineData(3000, 4000, 1280, 1280, 960, 1280)]
    [InlineData(1000, 10, 100, 100, 100, 1)]
    [InlineData(10, 1000, 100, 100, 1, 100)]
    [InlineData(800, 600, 1280, 1280, 800, 600)]
    [InlineData(1920, 1080, 640, 480, 640, 360)]
    public void FitWithin_KeepsProportionsAndNeverEnlarges(int width, int height, int maxWidth, int maxHeight, int expectedWidth, int expectedHeight)
    {
        ImageResizer.FitWithin(width, height, maxWidth, maxHeight).ShouldBe((expectedWidth, expectedHeight));
    }

    [Fact]
    public void Downscale_TransparentDrawing_GivesPngWithoutExif()
    {
        var source = SampleFiles.Read("png/logo-transparent-exif.png");
        Contains(source, "eXIf").ShouldBeTrue();

        var result = ImageResizer.Downscale(source, maxSize: 20);

        result.MimeType.ShouldBe("image/png");
        (result.Width, result.Height).ShouldBe((20, 15));
        Contains(result.Bytes, "eXIf").ShouldBeFalse();
        Contains(result.Bytes, "Exif").ShouldBeFalse();
        var decoded = PngDecoder.Decode(result.Bytes);
        decoded.HasTransparency().ShouldBeTrue();
        decoded.Pixels[3].ShouldBe((byte)0); // The corner was transparent and stays so.
    }

    [Fact]
    public void BoxDownscale_HalvingExactly_AveragesEachTwoByTwoSquare()
    {
        var image = new RgbaImage(4, 2);
        byte[] reds = [0, 100, 200, 255, 50, 150, 0, 1];
        for (var i = 0; i < 8; i++)
        {
            image.Pixels[i * 4] = reds[i];
            image.Pixels[(i * 4) + 3] = 255;
        }

        var result = ImageResizer.BoxDownscale(image, 2, 1);

        result.Pixels[0].ShouldBe((byte)75); // (0 + 100 + 50 + 150) / 4
        result.Pixels[4].ShouldBe((byte)114); // (200 + 255 + 0 + 1) / 4 = 114
        result.Pixels[3].ShouldBe((byte)255);
    }

    [Fact]
    public void BoxDownscale_TransparentNeighbours_DoNotDarkenColours()
    {
        var image = new RgbaImage(2, 1);
        image.Pixels[0] = 255; // Opaque red next to transparent black.
        image.Pixels[3] = 255;

        var result = ImageResizer.BoxDownscale(image, 1, 1);

        result.Pixels[0].ShouldBe((byte)255);
        result.Pixels[3].ShouldBe((byte)128);
    }

    [Fact]
    public void Downscale_Gif_GivesFirstFrame()
    {
        var result = ImageResizer.Downscale(SampleFiles.Read("gif/gif89a.gif"), maxSize: 15);

        result.MimeType.ShouldBe("image/jpeg");
        (result.Width, result.Height).ShouldBe((15, 10));
    }

    [Fact]
    public void Downscale_WebPThatFits_IsKeptWithoutExif()
    {
        var source = SampleFiles.Read("webp/lossless.webp");

        var result = ImageResizer.Downscale(source, maxSize: 100);

        result.MimeType.ShouldBe("image/webp");
        result.Bytes.ShouldBe(source);
    }

    [Fact]
    public void WebPMetadataStrip_RemovesExifChunk()
    {
        var source = SampleFiles.Read("webp/exif-rotated-gps.webp");
        Contains(source, "EXIF").ShouldBeTrue();

        var stripped = WebPMetadata.Strip(source);

        Contains(stripped, "EXIF").ShouldBeFalse();
        Contains(stripped, "GPS").ShouldBeFalse();
        var info = ImageInfo.Read(stripped);
        (info.Width, info.Height, info.Orientation).ShouldBe((30, 20, ExifOrientation.Normal));
        MediaSniffer.Identify(stripped).Format.ShouldBe("webp");
    }

    [Fact]
    public void Downscale_WebPNeedingWork_IsRefused()
    {
        Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read("webp/lossy.webp"), maxSize: 10));
        Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read("webp/exif-rotated-gps.webp"), maxSize: 100));
    }

    [Fact]
    public void Downscale_OverPixelLimit_IsRefused()
    {
        var ex = Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read("png/bomb-100000x100000.png"), maxSize: 100));
        ex.Message.ShouldContain("megapixels");
    }

    /// <summary>EXIF tag 0x8825 points to the GPS fields, in either byte order.</summary>
    private static bool HasGpsPointer(byte[] bytes) =>
        bytes.AsSpan().IndexOf(new byte[] { 0x88, 0x25, 0x00, 0x04 }) >= 0 || bytes.AsSpan().IndexOf(new byte[] { 0x25, 0x88, 0x04, 0x00 }) >= 0;

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
