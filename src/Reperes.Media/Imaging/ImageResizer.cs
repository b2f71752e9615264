using NetVips;

namespace Reperes.Media;

/// <summary>A re-encoded picture: upright, in sRGB, no metadata left, at most the size asked.</summary>
public sealed record DownscaledImage(byte[] Bytes, string MimeType, int Width, int Height)
{
    public string Extension => MimeType == "image/png" ? ".png" : ".jpg";
}

/// <summary>
/// Makes uploaded photos light for old phones with little data, and safe to publish, with libvips: the picture is
/// decoded and encoded again, so EXIF (GPS position, camera serial number), XMP, IPTC, comments and anything hidden
/// after the image are gone. The EXIF orientation is applied to the pixels, so the result stands upright without
/// metadata, and a picture with a colour profile (a phone's Display P3, Adobe RGB, CMYK) is converted to sRGB, which
/// is what a browser assumes for a picture without one.
/// </summary>
public static class ImageResizer
{
    /// <summary>Downscales to fit a <paramref name="maxSize"/> square; see the other overload.</summary>
    public static DownscaledImage Downscale(byte[] source, int maxSize, int jpegQuality = 82, long maxSourcePixels = ImageLimits.DefaultMaxPixels) =>
        Downscale(source, maxSize, maxSize, jpegQuality, maxSourcePixels);

    /// <summary>
    /// Decodes a JPEG, PNG, GIF (first frame) or WebP, turns it upright, converts it to sRGB, shrinks it to fit
    /// <paramref name="maxWidth"/>×<paramref name="maxHeight"/> keeping its proportions (never enlarging), and encodes
    /// it again: PNG when some pixels are transparent, progressive JPEG at <paramref name="jpegQuality"/> otherwise —
    /// the two formats every phone shows, however old.
    /// </summary>
    /// <exception cref="MediaFormatException">Not a supported image, damaged or cut short, or more than <paramref name="maxSourcePixels"/>.</exception>
    public static DownscaledImage Downscale(byte[] source, int maxWidth, int maxHeight, int jpegQuality, long maxSourcePixels = ImageLimits.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeight, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(jpegQuality is >= 1 and <= 100, true, nameof(jpegQuality));

        // The header alone says how large the picture is: refused before a pixel is decoded.
        var info = ImageInfo.Read(source);
        ImageLimits.CheckPixels(info.Width, info.Height, maxSourcePixels);
        try
        {
            // Shrinks while decoding where the format allows it (a JPEG is decoded at 1/2, 1/4 or 1/8 of its size),
            // turns upright from the EXIF orientation and, for a picture with a profile, goes through it to sRGB.
            // Fails on any warning of the decoder (a damaged or cut file), as sharp does by default. The loader's fail_on
            // goes in the option string: thumbnail's own parameter does not reach the loader.
            using var thumbnail = Image.ThumbnailBuffer(source, maxWidth, optionString: "fail-on=warning", height: maxHeight, size: Enums.Size.Down,
                outputProfile: info.HasIccProfile ? "srgb" : null, intent: Enums.Intent.Relative);
            using var eightBit = thumbnail.Colourspace(thumbnail.Bands < 3 ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);

            // Decoded here, once: a damaged file fails now, inside this try, rather than while saving.
            using var pixels = eightBit.CopyMemory();
            if (pixels.HasAlpha() && pixels[pixels.Bands - 1].Min() < 255)
            {
                return new DownscaledImage(pixels.PngsaveBuffer(keep: Enums.ForeignKeep.None), "image/png", pixels.Width, pixels.Height);
            }

            using var opaque = pixels.HasAlpha() ? pixels.ExtractBand(0, n: pixels.Bands - 1) : pixels.Copy();
            var jpeg = opaque.JpegsaveBuffer(q: jpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
            return new DownscaledImage(jpeg, "image/jpeg", opaque.Width, opaque.Height);
        }
        catch (VipsException exception)
        {
            throw new MediaFormatException("The image cannot be decoded or encoded again: " + exception.Message.Trim(), exception);
        }
    }
}
