using NetVips;

namespace Reperes.Media;

/// <summary>
/// Format, size and EXIF orientation of an image, read by libvips from its headers without decoding a pixel, so
/// that a decompression bomb (a small file declaring a huge picture) is refused before anything large is allocated.
/// </summary>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, ExifOrientation Orientation, bool HasIccProfile)
{
    public long PixelCount => (long)Width * Height;

    /// <summary>True when the picture must be turned a quarter to stand upright: its displayed width is the stored height.</summary>
    public bool SwapsDimensions => Orientation is ExifOrientation.Transpose or ExifOrientation.Rotate90
        or ExifOrientation.Transverse or ExifOrientation.Rotate270;

    public int DisplayWidth => SwapsDimensions ? Height : Width;

    public int DisplayHeight => SwapsDimensions ? Width : Height;

    /// <summary>Reads the headers of a JPEG, PNG, GIF (its first frame) or WebP recognised by <see cref="MediaSniffer"/>.</summary>
    /// <exception cref="MediaFormatException">Not one of these formats, or headers invalid or cut short.</exception>
    public static ImageInfo Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (format, loader) = MediaSniffer.Identify(data).Format switch
        {
            "jpeg" => (ImageFormat.Jpeg, "jpegload_buffer"),
            "png" => (ImageFormat.Png, "pngload_buffer"),
            "gif" => (ImageFormat.Gif, "gifload_buffer"),
            "webp" => (ImageFormat.WebP, "webpload_buffer"),
            _ => throw new MediaFormatException("Not a JPEG, PNG, GIF or WebP image."),
        };

        Vips.EnsureConfigured();
        try
        {
            // Lazy: libvips reads the header here and decodes pixels only when they are asked for.
            using var image = Image.NewFromBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
            if (image.Get("vips-loader") is not string used || used != loader)
            {
                throw new MediaFormatException($"The image was recognised as {format} but libvips would read it as something else.");
            }

            var orientation = image.GetTypeOf("orientation") != 0 && image.Get("orientation") is int value && Enum.IsDefined((ExifOrientation)value)
                ? (ExifOrientation)value
                : ExifOrientation.Normal;
            var info = new ImageInfo(format, image.Width, image.Height, orientation, image.GetTypeOf("icc-profile-data") != 0);
            return info.Width > 0 && info.Height > 0 ? info : throw new MediaFormatException("Image declares an empty size.");
        }
        catch (VipsException exception)
        {
            throw new MediaFormatException("The image's headers cannot be read: " + exception.Message.Trim(), exception);
        }
    }

    public static bool TryRead(byte[] data, out ImageInfo? info)
    {
        try
        {
            info = Read(data);
            return true;
        }
        catch (MediaFormatException)
        {
            info = null;
            return false;
        }
    }
}
