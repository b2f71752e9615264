namespace Reperes.Media;

/// <summary>A re-encoded picture: no metadata left, upright, at most the size asked.</summary>
public sealed record DownscaledImage(byte[] Bytes, string MimeType, int Width, int Height)
{
    public string Extension => MimeType switch { "image/png" => ".png", "image/webp" => ".webp", _ => ".jpg" };
}

/// <summary>
/// Makes uploaded photos light for old phones with little data, and safe to publish: the picture is decoded and
/// encoded again, so EXIF (GPS position, camera serial number), comments and anything hidden after the image are
/// gone. The EXIF orientation is applied to the pixels, so the result stands upright without metadata.
/// </summary>
public static class ImageResizer
{
    /// <summary>Downscales to fit a <paramref name="maxSize"/> square; see the other overload.</summary>
    public static DownscaledImage Downscale(ReadOnlySpan<byte> source, int maxSize, int jpegQuality = 82, long maxSourcePixels = ImageLimits.DefaultMaxPixels) =>
        Downscale(source, maxSize, maxSize, jpegQuality, maxSourcePixels);

    /// <summary>
    /// Decodes a JPEG, PNG or GIF (first frame), turns it upright, shrinks it by area averaging to fit
    /// <paramref name="maxWidth"/>×<paramref name="maxHeight"/> keeping its proportions (never enlarging), and encodes it
    /// again: PNG when some pixels are transparent, JPEG at <paramref name="jpegQuality"/> otherwise.
    /// A WebP cannot be decoded here: it is returned as it was, less its EXIF and XMP chunks, when it already fits,
    /// and refused otherwise.
    /// </summary>
    /// <exception cref="MediaFormatException">Not a supported image, corrupt, or more than <paramref name="maxSourcePixels"/>.</exception>
    public static DownscaledImage Downscale(ReadOnlySpan<byte> source, int maxWidth, int maxHeight, int jpegQuality, long maxSourcePixels = ImageLimits.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeight, 1);
        var info = ImageInfo.Read(source);
        ImageLimits.CheckPixels(info.Width, info.Height, maxSourcePixels);
        var (width, height) = FitWithin(info.DisplayWidth, info.DisplayHeight, maxWidth, maxHeight);
        if (info.Format == ImageFormat.WebP)
        {
            return width == info.DisplayWidth && height == info.DisplayHeight && info.Orientation == ExifOrientation.Normal
                ? new DownscaledImage(WebPMetadata.Strip(source), "image/webp", width, height)
                : throw new MediaFormatException("WebP images can be accepted only when they need neither shrinking nor turning: send a JPEG.");
        }

        var decoded = info.Format switch
        {
            ImageFormat.Jpeg => JpegDecoder.Decode(source, maxSourcePixels),
            ImageFormat.Png => PngDecoder.Decode(source, maxSourcePixels),
            _ => GifDecoder.Decode(source, maxSourcePixels),
        };

        // Shrink in stored orientation (the turned target swaps sides), then turn the small result: cheaper.
        var (storedWidth, storedHeight) = info.SwapsDimensions ? (height, width) : (width, height);
        var shrunk = BoxDownscale(decoded, storedWidth, storedHeight);
        var upright = ApplyOrientation(shrunk, info.Orientation);
        return upright.HasTransparency()
            ? new DownscaledImage(PngEncoder.Encode(upright), "image/png", upright.Width, upright.Height)
            : new DownscaledImage(JpegEncoder.Encode(upright, jpegQuality), "image/jpeg", upright.Width, upright.Height);
    }

    /// <summary>Largest size within the bounds with the same proportions, never larger than the source, at least one pixel.</summary>
    internal static (int Width, int Height) FitWithin(int width, int height, int maxWidth, int maxHeight)
    {
        if (width <= maxWidth && height <= maxHeight)
        {
            return (width, height);
        }

        var scale = Math.Min((double)maxWidth / width, (double)maxHeight / height);
        return (Math.Clamp((int)Math.Round(width * scale), 1, maxWidth), Math.Clamp((int)Math.Round(height * scale), 1, maxHeight));
    }

    /// <summary>
    /// Area averaging: each output pixel is the mean of the source area it covers, partial pixels weighted by the
    /// part covered. Colours are weighted by alpha so that invisible pixels do not darken the edges of a drawing.
    /// </summary>
    public static RgbaImage BoxDownscale(RgbaImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (width >= source.Width && height >= source.Height)
        {
            return source;
        }

        width = Math.Min(width, source.Width);
        height = Math.Min(height, source.Height);
        var columns = Spans(source.Width, width);
        var rows = Spans(source.Height, height);
        var accumulator = new float[width * height * 4];
        var line = new float[width * 4];
        var pixels = source.Pixels;
        for (var sy = 0; sy < source.Height; sy++)
        {
            Array.Clear(line);
            var rowStart = sy * source.Width * 4;
            for (var x = 0; x < width; x++)
            {
                var (first, weights) = columns[x];
                float r = 0, g = 0, b = 0, a = 0;
                for (var i = 0; i < weights.Length; i++)
                {
                    var o = rowStart + ((first + i) * 4);
                    var w = weights[i] * pixels[o + 3];
                    r += pixels[o] * w;
                    g += pixels[o + 1] * w;
                    b += pixels[o + 2] * w;
                    a += w;
                }

                line[x * 4] = r;
                line[(x * 4) + 1] = g;
                line[(x * 4) + 2] = b;
                line[(x * 4) + 3] = a;
            }

            // A source row overlaps one or two output rows.
            var target = (int)((long)sy * height / source.Height);
            for (var y = Math.Max(0, target - 1); y <= Math.Min(height - 1, target + 1); y++)
            {
                var (first, weights) = rows[y];
                var index = sy - first;
                if (index < 0 || index >= weights.Length)
                {
                    continue;
                }

                var weight = weights[index];
                var accumulated = accumulator.AsSpan(y * width * 4, width * 4);
                for (var i = 0; i < accumulated.Length; i++)
                {
                    accumulated[i] += line[i] * weight;
                }
            }
        }

        var result = new RgbaImage(width, height);
        var area = (float)source.Width / width * ((float)source.Height / height);
        for (var p = 0; p < width * height; p++)
        {
            var o = p * 4;
            var alphaSum = accumulator[o + 3];
            if (alphaSum <= 0)
            {
                continue; // Fully transparent: stays (0, 0, 0, 0).
            }

            result.Pixels[o] = ToByte(accumulator[o] / alphaSum);
            result.Pixels[o + 1] = ToByte(accumulator[o + 1] / alphaSum);
            result.Pixels[o + 2] = ToByte(accumulator[o + 2] / alphaSum);
            result.Pixels[o + 3] = ToByte(alphaSum / area);
        }

        return result;
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);

    /// <summary>For each output pixel, the first source pixel it covers and the covered fraction of each.</summary>
    private static (int First, float[] Weights)[] Spans(int sourceSize, int size)
    {
        var spans = new (int, float[])[size];
        var scale = (double)sourceSize / size;
        for (var i = 0; i < size; i++)
        {
            double start = i * scale, end = (i + 1) * scale;
            var first = (int)Math.Floor(start);
            var last = Math.Min(sourceSize, (int)Math.Ceiling(end - 1e-9));
            var weights = new float[Math.Max(1, last - first)];
            for (var s = first; s < last; s++)
            {
                weights[s - first] = (float)(Math.Min(s + 1, end) - Math.Max(s, start));
            }

            spans[i] = (first, weights);
        }

        return spans;
    }

    /// <summary>Turns and mirrors the pixels as the EXIF orientation says, so that the picture stands upright.</summary>
    public static RgbaImage ApplyOrientation(RgbaImage image, ExifOrientation orientation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (orientation == ExifOrientation.Normal)
        {
            return image;
        }

        int w = image.Width, h = image.Height;
        var swaps = orientation is ExifOrientation.Transpose or ExifOrientation.Rotate90 or ExifOrientation.Transverse or ExifOrientation.Rotate270;
        var result = swaps ? new RgbaImage(h, w) : new RgbaImage(w, h);
        var source = image.Pixels;
        var target = result.Pixels;
        for (var y = 0; y < result.Height; y++)
        {
            for (var x = 0; x < result.Width; x++)
            {
                // Where the upright pixel (x, y) is stored in the source.
                var (sx, sy) = orientation switch
                {
                    ExifOrientation.FlipHorizontal => (w - 1 - x, y),
                    ExifOrientation.Rotate180 => (w - 1 - x, h - 1 - y),
                    ExifOrientation.FlipVertical => (x, h - 1 - y),
                    ExifOrientation.Transpose => (y, x),
                    ExifOrientation.Rotate90 => (y, h - 1 - x),
                    ExifOrientation.Transverse => (w - 1 - y, h - 1 - x),
                    ExifOrientation.Rotate270 => (w - 1 - y, x),
                    _ => (x, y),
                };
                Buffer.BlockCopy(source, ((sy * w) + sx) * 4, target, ((y * result.Width) + x) * 4, 4);
            }
        }

        return result;
    }
}
