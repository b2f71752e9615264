using System.Text;
using NetVips;

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
        (info.Width, info.Height).ShouldBe((18, 24));

        // ImageMagick's upright, area-averaged version of the same photo (libvips shrinks with a Lanczos filter).
        var expected = SampleFiles.ReadPnm("jpeg/phone-rotated-gps.upright-18x24.ppm");
        Pixels.Psnr(Picture.Decode(result.Bytes), expected).ShouldBeGreaterThan(27);
    }

    [Theory]
    [InlineData("jpeg/phone-all-metadata.jpg", 64)]
    [InlineData("jpeg/phone-all-metadata.jpg", 24)]
    [InlineData("webp/exif-rotated-gps.webp", 100)]
    [InlineData("webp/exif-rotated-gps.webp", 10)]
    public void Downscale_PhotoWithOrientationSixAndEveryKindOfMetadata_IsUprightWithNoneLeft(string sample, int maxSize)
    {
        var source = SampleFiles.Read(sample);
        var stored = ImageInfo.Read(source);
        stored.Orientation.ShouldBe(ExifOrientation.Rotate90);
        HasGpsPointer(source).ShouldBeTrue();

        var result = ImageResizer.Downscale(source, maxSize);

        var upright = ImageInfo.Read(result.Bytes);
        upright.Orientation.ShouldBe(ExifOrientation.Normal);
        (upright.Width < upright.Height).ShouldBeTrue(); // stored wide, stands tall
        (upright.Width, upright.Height).ShouldBe((result.Width, result.Height));
        Math.Max(result.Width, result.Height).ShouldBe(Math.Min(maxSize, stored.Width));
        upright.HasIccProfile.ShouldBeFalse();
        using (var decoded = Image.NewFromBuffer(result.Bytes))
        {
            // Everything libvips would carry to another file: none of it is left.
            string[] kept = [.. decoded.GetFields().Where(f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data" or "jpeg-comment-0" or "orientation")];
            kept.ShouldBeEmpty();
        }

        foreach (var secret in new[] { "Exif", "GPS", "SN-123456", "PhoneMaker", "Jeanne Secret", "Brest-IPTC", "COMMENT-SECRET", "HIDDEN-AFTER-END", "http://ns.adobe.com", "Photoshop" })
        {
            Contains(result.Bytes, secret).ShouldBeFalse(secret);
        }

        HasGpsPointer(result.Bytes).ShouldBeFalse();

        // The red square of the stored top-left corner is now top-right: turned a quarter clockwise.
        var picture = Picture.Decode(result.Bytes);
        var (topRight, topLeft) = (picture[picture.Width - 1, 0], picture[0, 0]);
        (topRight.R > topRight.G + 60 && topRight.R > topRight.B + 60).ShouldBeTrue($"top-right pixel {topRight}");
        (topLeft.R > topLeft.G + 60 && topLeft.R > topLeft.B + 60).ShouldBeFalse($"top-left pixel {topLeft}");
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
    public void Downscale_EachExifOrientation_MatchesImageMagickAutoOrient(int orientation)
    {
        var bytes = SampleFiles.Read($"jpeg/orientation/orientation-{orientation}.jpg");

        var result = ImageResizer.Downscale(bytes, maxSize: 100, jpegQuality: 100);

        var expected = SampleFiles.ReadPnm($"jpeg/orientation/orientation-{orientation}.upright.ppm");
        Pixels.Psnr(Picture.Decode(result.Bytes), expected).ShouldBeGreaterThan(38);
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
    public void Downscale_KeepsProportionsAndNeverEnlarges(int width, int height, int maxWidth, int maxHeight, int expectedWidth, int expectedHeight)
    {
        using var grey = Image.Black(width, height) + 128;
        var jpeg = grey.Cast(Enums.BandFormat.Uchar).JpegsaveBuffer();

        var result = ImageResizer.Downscale(jpeg, maxWidth, maxHeight, jpegQuality: 82);

        (result.Width, result.Height).ShouldBe((expectedWidth, expectedHeight));
    }

    [Fact]
    public void Downscale_TransparentDrawing_GivesPngWithoutExif()
    {
        var source = SampleFiles.Read("png/logo-transparent-exif.png");
        Contains(source, "eXIf").ShouldBeTrue();

        var result = ImageResizer.Downscale(source, maxSize: 20);

        result.MimeType.ShouldBe("image/png");
        result.Extension.ShouldBe(".png");
        (result.Width, result.Height).ShouldBe((20, 15));
        Contains(result.Bytes, "eXIf").ShouldBeFalse();
        Contains(result.Bytes, "Exif").ShouldBeFalse();
        Contains(result.Bytes, "GPS").ShouldBeFalse();
        var decoded = Picture.Decode(result.Bytes);
        decoded[0, 14].A.ShouldBe((byte)0); // The corner was transparent and stays so.
        decoded[10, 7].A.ShouldBe((byte)255);
    }

    [Fact]
    public void Downscale_OpaqueImageWithAlphaChannel_GivesJpeg()
    {
        // PNG "rgba" whose every pixel is opaque: nothing needs the alpha channel, JPEG is much lighter.
        using var opaque = (Image.Black(40, 30, bands: 3) + new[] { 200, 40, 40 }).Bandjoin(255).Cast(Enums.BandFormat.Uchar);

        var result = ImageResizer.Downscale(opaque.PngsaveBuffer(), maxSize: 20);

        result.MimeType.ShouldBe("image/jpeg");
    }

    [Fact]
    public void Downscale_TransparentNeighbours_DoNotDarkenColours()
    {
        // Opaque red columns next to transparent black ones: shrinking must not bring black into the red.
        using var red = Image.Black(2, 20, bands: 3) + new[] { 255, 0, 0 };
        using var alpha = Image.Black(2, 20) + 255;
        using var transparent = Image.Black(2, 20, bands: 4);
        using var stripes = red.Bandjoin(alpha).Join(transparent, Enums.Direction.Horizontal).Cast(Enums.BandFormat.Uchar);
        using var wide = stripes.Replicate(10, 1);

        var result = ImageResizer.Downscale(wide.PngsaveBuffer(), maxSize: 10);

        result.MimeType.ShouldBe("image/png");
        var picture = Picture.Decode(result.Bytes);
        for (var x = 0; x < picture.Width; x++)
        {
            var (r, _, _, a) = picture[x, 2];
            if (a > 32)
            {
                r.ShouldBeGreaterThan((byte)240, $"column {x}, alpha {a}");
            }
        }
    }

    [Theory]
    [InlineData("gif/gif89a", false)]
    [InlineData("gif/gif87a", false)]
    [InlineData("gif/interlaced", false)]
    [InlineData("gif/transparent", true)]
    public void Downscale_Gif_GivesFirstFrameAsImageMagickShowsIt(string sample, bool transparent)
    {
        var result = ImageResizer.Downscale(SampleFiles.Read(sample + ".gif"), maxSize: 100, jpegQuality: 100);

        result.MimeType.ShouldBe(transparent ? "image/png" : "image/jpeg");
        var picture = Picture.Decode(result.Bytes);
        var reference = new Picture(picture.Width, picture.Height, SampleFiles.ReadRgba(sample + ".rgba"));
        CompareVisible(picture, reference, transparent ? 0 : 28);
    }

    [Fact]
    public void Downscale_AnimatedGifWhoseFirstFrameCoversPartOfTheScreen_KeepsThatFrame()
    {
        // libvips paints the screen outside the first frame black where browsers leave it transparent: only the
        // frame (30×20 at +5+4 on a 40×30 screen) is compared.
        var result = ImageResizer.Downscale(SampleFiles.Read("gif/animated-offset.gif"), maxSize: 100, jpegQuality: 100);

        (result.Width, result.Height).ShouldBe((40, 30));
        var picture = Picture.Decode(result.Bytes);
        var reference = new Picture(40, 30, SampleFiles.ReadRgba("gif/animated-offset.rgba"));
        for (var y = 6; y < 22; y++)
        {
            for (var x = 7; x < 33; x++)
            {
                Math.Abs(picture[x, y].G - reference[x, y].G).ShouldBeLessThanOrEqualTo(28, $"({x}, {y})");
            }
        }
    }

    [Theory]
    [InlineData("webp/lossy.webp", "image/jpeg", 30, 20)]
    [InlineData("webp/lossless.webp", "image/jpeg", 30, 20)]
    [InlineData("webp/lossy-alpha.webp", "image/png", 30, 20)]
    public void Downscale_WebP_IsDecodedAndEncodedAgain(string sample, string mimeType, int width, int height)
    {
        var result = ImageResizer.Downscale(SampleFiles.Read(sample), maxSize: 15);

        result.MimeType.ShouldBe(mimeType);
        (result.Width, result.Height).ShouldBe((15, 15 * height / width));
        MediaSniffer.Identify(result.Bytes).Format.ShouldBe(mimeType == "image/png" ? "png" : "jpeg");
    }

    public static TheoryData<string> PngSamples => new(SampleFiles.All("png", "*.png").Where(p => !p.Contains("bomb", StringComparison.Ordinal) && !p.Contains("logo", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(PngSamples))]
    public void Downscale_EveryPngColourTypeDepthAndInterlace_KeepsItsPixels(string sample)
    {
        var result = ImageResizer.Downscale(SampleFiles.Read(sample), maxSize: 100, jpegQuality: 100);

        var picture = Picture.Decode(result.Bytes);
        var reference = new Picture(picture.Width, picture.Height, SampleFiles.ReadRgba(sample[..^4] + ".rgba"));
        if (result.MimeType == "image/png")
        {
            CompareVisible(picture, reference, 1); // 16-bit samples: ImageMagick truncates where libvips rounds.
        }
        else
        {
            reference.Pixels.Where((_, i) => i % 4 == 3).ShouldAllBe(a => a == 255, "JPEG only for opaque pictures");
            Pixels.Psnr(picture, reference).ShouldBeGreaterThan(30);
        }
    }

    public static TheoryData<string> JpegSamples => new(SampleFiles.All("jpeg", "*.ppm").Concat(SampleFiles.All("jpeg", "*.pgm"))
        .Where(p => !p.Contains("upright", StringComparison.Ordinal)).Select(p => p[..^4]));

    [Theory]
    [MemberData(nameof(JpegSamples))]
    public void Downscale_EveryJpegKind_KeepsItsPixels(string sample)
    {
        // Baseline and progressive, every chroma subsampling, odd sizes, restart markers, grey.
        var result = ImageResizer.Downscale(SampleFiles.Read(sample + ".jpg"), maxSize: 100, jpegQuality: 95);

        result.MimeType.ShouldBe("image/jpeg");
        var reference = SampleFiles.ReadPnm(sample + (sample.Contains("gray", StringComparison.Ordinal) ? ".pgm" : ".ppm"));
        Pixels.Psnr(Picture.Decode(result.Bytes), reference).ShouldBeGreaterThan(30);
    }

    [Theory]
    [InlineData("jpeg/arithmetic.jpg")]
    [InlineData("jpeg/cmyk-adobe.jpg")]
    public void Downscale_JpegKindsTheOldDecoderRefused_AreNowAccepted(string sample)
    {
        var result = ImageResizer.Downscale(SampleFiles.Read(sample), maxSize: 100);

        result.MimeType.ShouldBe("image/jpeg");
        (result.Width, result.Height).ShouldBe((48, 32));
        var picture = Picture.Decode(result.Bytes);
        var corner = picture[2, 2]; // the red square, in RGB even from CMYK
        (corner.R > 150 && corner.G < 100 && corner.B < 100).ShouldBeTrue($"top-left pixel {corner}");
    }

    [Fact]
    public void Downscale_OverPixelLimit_IsRefused()
    {
        var ex = Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read("png/bomb-100000x100000.png"), maxSize: 100));
        ex.Message.ShouldContain("megapixels");
    }

    [Fact]
    public void Downscale_OverACustomPixelLimit_IsRefusedBeforeDecoding()
    {
        var ex = Should.Throw<MediaFormatException>(() => ImageResizer.Downscale(SampleFiles.Read("jpeg/baseline-420.jpg"), 100, 100, 82, maxSourcePixels: 1000));
        ex.Message.ShouldContain("48×32");
    }

    /// <summary>Colours compared where the reference is visible (a transparent pixel's colour means nothing), and alpha everywhere.</summary>
    private static void CompareVisible(Picture actual, Picture reference, int tolerance)
    {
        for (var i = 0; i < actual.Pixels.Length; i += 4)
        {
            Math.Abs(actual.Pixels[i + 3] - reference.Pixels[i + 3]).ShouldBeLessThanOrEqualTo(1, $"alpha of pixel {i / 4}");
            if (reference.Pixels[i + 3] == 255)
            {
                for (var c = 0; c < 3; c++)
                {
                    Math.Abs(actual.Pixels[i + c] - reference.Pixels[i + c]).ShouldBeLessThanOrEqualTo(tolerance, $"channel {c} of pixel {i / 4}");
                }
            }
        }
    }

    /// <summary>EXIF tag 0x8825 points to the GPS fields, in either byte order.</summary>
    private static bool HasGpsPointer(byte[] bytes) =>
        bytes.AsSpan().IndexOf(new byte[] { 0x88, 0x25, 0x00, 0x04 }) >= 0 || bytes.AsSpan().IndexOf(new byte[] { 0x25, 0x88, 0x04, 0x00 }) >= 0;

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
