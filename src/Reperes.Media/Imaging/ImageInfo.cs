using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>
/// Dimensions and properties read from an image's headers without decoding a pixel, so that a decompression bomb
/// (a small file declaring a huge picture) is refused before anything large is allocated.
/// </summary>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, bool HasAlpha, ExifOrientation Orientation)
{
    public long PixelCount => (long)Width * Height;

    /// <summary>True when the picture must be turned a quarter to stand upright: its displayed width is the stored height.</summary>
    public bool SwapsDimensions => Orientation is ExifOrientation.Transpose or ExifOrientation.Rotate90
        or ExifOrientation.Transverse or ExifOrientation.Rotate270;

    public int DisplayWidth => SwapsDimensions ? Height : Width;

    public int DisplayHeight => SwapsDimensions ? Width : Height;

    /// <summary>Reads JPEG, PNG, GIF or WebP headers. Pass the whole file (a JPEG's EXIF may come before its size).</summary>
    /// <exception cref="MediaFormatException">Not one of these formats, or headers invalid or cut short.</exception>
    public static ImageInfo Read(ReadOnlySpan<byte> data)
    {
        var type = MediaSniffer.Identify(data);
        return type.Format switch
        {
            "jpeg" => ReadJpeg(data),
            "png" => ReadPng(data),
            "gif" => ReadGif(data),
            "webp" => ReadWebP(data),
            _ => throw new MediaFormatException("Not a JPEG, PNG, GIF or WebP image."),
        };
    }

    public static bool TryRead(ReadOnlySpan<byte> data, out ImageInfo? info)
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

    private static ImageInfo ReadJpeg(ReadOnlySpan<byte> data)
    {
        var orientation = ExifOrientation.Normal;
        var position = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            while (position < data.Length && data[position] != 0xFF)
            {
                position++;
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position + 2 >= data.Length)
            {
                throw new MediaFormatException("JPEG ends before its frame header.");
            }

            var marker = data[position++];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // Stand-alone markers have no length.
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw new MediaFormatException("JPEG has no frame header before its image data.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                throw new MediaFormatException("JPEG segment cut short.");
            }

            var segment = data.Slice(position + 2, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8) && orientation == ExifOrientation.Normal)
            {
                orientation = Exif.ReadOrientation(segment);
            }
            else if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (segment.Length < 6)
                {
                    throw new MediaFormatException("JPEG frame header too short.");
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                if (width == 0 || height == 0)
                {
                    throw new MediaFormatException("JPEG declares an empty image (or a height given later, which is not supported).");
                }

                return new ImageInfo(ImageFormat.Jpeg, width, height, HasAlpha: false, orientation);
            }

            position += length;
        }
    }

    private static ImageInfo ReadPng(ReadOnlySpan<byte> data)
    {
        var header = PngChunks.ReadHeader(data);
        var hasAlpha = header.ColorType is 4 or 6;
        var orientation = ExifOrientation.Normal;
        foreach (var chunk in PngChunks.Enumerate(data, checkCrc: false))
        {
            if (chunk.Type == "IDAT" || chunk.Type == "IEND")
            {
                break;
            }

            hasAlpha |= chunk.Type == "tRNS";
            if (chunk.Type == "eXIf")
            {
                orientation = Exif.ReadOrientation(data.Slice(chunk.DataOffset, chunk.Length));
            }
        }

        return new ImageInfo(ImageFormat.Png, header.Width, header.Height, hasAlpha, orientation);
    }

    private static ImageInfo ReadGif(ReadOnlySpan<byte> data)
    {
        var screen = GifDecoder.ReadScreen(data);
        var hasAlpha = screen.FirstFrameTransparent || !screen.FirstFrameCoversScreen;
        return new ImageInfo(ImageFormat.Gif, screen.Width, screen.Height, hasAlpha, ExifOrientation.Normal);
    }

    private static ImageInfo ReadWebP(ReadOnlySpan<byte> data)
    {
        var chunks = WebPChunks.Enumerate(data);
        if (chunks.Count == 0)
        {
            throw new MediaFormatException("WebP without image chunk.");
        }

        var first = chunks[0];
        var body = data.Slice(first.DataOffset, first.Length);
        switch (first.Type)
        {
            case "VP8 ":
                // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (2 bits of scaling each).
                if (body.Length < 10 || body[3] != 0x9D || body[4] != 0x01 || body[5] != 0x2A)
                {
                    throw new MediaFormatException("Invalid lossy WebP header.");
                }

                return Checked(new ImageInfo(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(body[6..]) & 0x3FFF,
                    BinaryPrimitives.ReadUInt16LittleEndian(body[8..]) & 0x3FFF, HasAlpha: false, ExifOrientation.Normal));
            case "VP8L":
                // Signature 0x2F, then width-1 (14 bits), height-1 (14 bits), alpha hint (1 bit), version (3 bits, 0).
                if (body.Length < 5 || body[0] != 0x2F)
                {
                    throw new MediaFormatException("Invalid lossless WebP header.");
                }

                var bits = BinaryPrimitives.ReadUInt32LittleEndian(body[1..]);
                return Checked(new ImageInfo(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1,
                    HasAlpha: ((bits >> 28) & 1) != 0, ExifOrientation.Normal));
            case "VP8X":
                if (body.Length < 10)
                {
                    throw new MediaFormatException("Invalid extended WebP header.");
                }

                var exif = chunks.FirstOrDefault(c => c.Type == "EXIF");
                var orientation = exif.Type is null ? ExifOrientation.Normal : Exif.ReadOrientation(data.Slice(exif.DataOffset, exif.Length));
                var width = (body[4] | (body[5] << 8) | (body[6] << 16)) + 1;
                var height = (body[7] | (body[8] << 8) | (body[9] << 16)) + 1;
                return Checked(new ImageInfo(ImageFormat.WebP, width, height, HasAlpha: (body[0] & 0x10) != 0, orientation));
            default:
                throw new MediaFormatException($"WebP starting with an unexpected '{first.Type}' chunk.");
        }
    }

    private static ImageInfo Checked(ImageInfo info) =>
        info.Width > 0 && info.Height > 0 ? info : throw new MediaFormatException("Image declares an empty size.");
}
