using System.IO.Compression;

namespace Reperes.Media;

/// <summary>
/// PNG decoder: every colour type and bit depth, palette with tRNS transparency, Adam7 interlace, CRC checks.
/// 16-bit samples are rounded to 8 bits. Gamma and colour profiles are ignored, as most browsers do for photos.
/// </summary>
public static class PngDecoder
{
    private static readonly (int X, int Y, int StepX, int StepY)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <exception cref="MediaFormatException">Corrupt, truncated, or larger than <paramref name="maxPixels"/>.</exception>
    public static RgbaImage Decode(ReadOnlySpan<byte> data, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var header = PngChunks.ReadHeader(data);
        ImageLimits.CheckPixels(header.Width, header.Height, maxPixels);
        var chunks = PngChunks.Enumerate(data, checkCrc: true);
        var palette = ReadPalette(data, header, chunks);
        var transparency = chunks.FirstOrDefault(c => c.Type == "tRNS");
        var transparencyData = transparency.Type is null ? [] : data.Slice(transparency.DataOffset, transparency.Length).ToArray();
        foreach (var chunk in chunks)
        {
            // Critical chunks (upper-case first letter) that we do not know change the meaning of the image.
            if (char.IsUpper(chunk.Type[0]) && chunk.Type is not ("IHDR" or "PLTE" or "IDAT" or "IEND"))
            {
                throw new MediaFormatException($"PNG with an unknown critical chunk {chunk.Type}.");
            }
        }

        var raw = Inflate(data, header, chunks);
        var image = new RgbaImage(header.Width, header.Height);
        var converter = new PixelConverter(header, palette, transparencyData);
        if (header.Interlaced)
        {
            var offset = 0;
            foreach (var pass in Adam7)
            {
                var passWidth = PassSize(header.Width, pass.X, pass.StepX);
                var passHeight = PassSize(header.Height, pass.Y, pass.StepY);
                if (passWidth == 0 || passHeight == 0)
                {
                    continue; // Empty passes have no filter bytes at all.
                }

                offset += DecodePass(raw.AsSpan(offset), header, passWidth, passHeight, (row, rowIndex) =>
                    converter.Convert(row, passWidth, image.Pixels, (((pass.Y + (rowIndex * pass.StepY)) * header.Width) + pass.X) * 4, pass.StepX * 4));
            }
        }
        else
        {
            DecodePass(raw, header, header.Width, header.Height, (row, rowIndex) =>
                converter.Convert(row, header.Width, image.Pixels, rowIndex * header.Width * 4, 4));
        }

        return image;
    }

    private delegate void RowSink(ReadOnlySpan<byte> row, int rowIndex);

    private static int PassSize(int size, int start, int step) => size > start ? (size - start + step - 1) / step : 0;

    private static long RowBytes(PngHeader header, int width) => (((long)width * header.BitsPerPixel) + 7) / 8;

    private static byte[] ReadPalette(ReadOnlySpan<byte> data, PngHeader header, List<PngChunk> chunks)
    {
        var plte = chunks.FirstOrDefault(c => c.Type == "PLTE");
        if (plte.Type is null)
        {
            return header.ColorType == 3 ? throw new MediaFormatException("Palette PNG without palette.") : [];
        }

        if (plte.Length == 0 || plte.Length % 3 != 0 || plte.Length > 256 * 3)
        {
            throw new MediaFormatException("PNG palette of invalid size.");
        }

        return data.Slice(plte.DataOffset, plte.Length).ToArray();
    }

    /// <summary>Inflates exactly the bytes the image needs: a stream that would expand further is not read on.</summary>
    private static byte[] Inflate(ReadOnlySpan<byte> data, PngHeader header, List<PngChunk> chunks)
    {
        long expected = 0;
        if (header.Interlaced)
        {
            foreach (var pass in Adam7)
            {
                var w = PassSize(header.Width, pass.X, pass.StepX);
                var h = PassSize(header.Height, pass.Y, pass.StepY);
                expected += w == 0 ? 0 : h * (1 + RowBytes(header, w));
            }
        }
        else
        {
            expected = header.Height * (1 + RowBytes(header, header.Width));
        }

        if (expected > Array.MaxLength)
        {
            throw new MediaFormatException("PNG too large to decode.");
        }

        var compressedLength = chunks.Where(c => c.Type == "IDAT").Sum(c => (long)c.Length);
        if (compressedLength == 0)
        {
            throw new MediaFormatException("PNG without image data.");
        }

        var compressed = new byte[compressedLength];
        var at = 0;
        foreach (var chunk in chunks.Where(c => c.Type == "IDAT"))
        {
            data.Slice(chunk.DataOffset, chunk.Length).CopyTo(compressed.AsSpan(at));
            at += chunk.Length;
        }

        var raw = new byte[expected];
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var total = 0;
            int read;
            while (total < raw.Length && (read = inflater.Read(raw, total, raw.Length - total)) > 0)
            {
                total += read;
            }

            if (total < raw.Length)
            {
                throw new MediaFormatException("PNG image data is cut short.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new MediaFormatException("PNG image data is corrupt.", ex);
        }

        return raw;
    }

    /// <summary>Undoes the per-row filters of one (sub-)image and hands each row to the sink; returns the bytes used.</summary>
    private static int DecodePass(Span<byte> raw, PngHeader header, int width, int height, RowSink sink)
    {
        var rowBytes = (int)RowBytes(header, width);
        var bytesPerPixel = Math.Max(1, header.BitsPerPixel / 8);
        var previous = new byte[rowBytes];
        for (var y = 0; y < height; y++)
        {
            var start = y * (rowBytes + 1);
            var filter = raw[start];
            var row = raw.Slice(start + 1, rowBytes);
            Unfilter(filter, row, previous, bytesPerPixel);
            sink(row, y);
            row.CopyTo(previous);
        }

        return height * (rowBytes + 1);
    }

    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                    row[i] += (byte)Paeth(a, b, c);
                }

                break;
            default:
                throw new MediaFormatException($"PNG row with unknown filter type {filter}.");
        }
    }

    internal static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Turns unfiltered rows of any colour type and depth into RGBA8.</summary>
    private sealed class PixelConverter
    {
        private readonly PngHeader _header;
        private readonly byte[] _paletteRgba = new byte[256 * 4];
        private readonly int _keyGray = -1;
        private readonly (int R, int G, int B)? _keyRgb;

        public PixelConverter(PngHeader header, byte[] palette, byte[] transparency)
        {
            _header = header;
            for (var i = 0; i < 256; i++)
            {
                // Indices past the palette show opaque black, as browsers do.
                _paletteRgba[(i * 4) + 3] = 255;
                if (i * 3 < palette.Length)
                {
                    _paletteRgba[i * 4] = palette[i * 3];
                    _paletteRgba[(i * 4) + 1] = palette[(i * 3) + 1];
                    _paletteRgba[(i * 4) + 2] = palette[(i * 3) + 2];
                }
            }

            switch (header.ColorType)
            {
                case 3:
                    for (var i = 0; i < Math.Min(transparency.Length, 256); i++)
                    {
                        _paletteRgba[(i * 4) + 3] = transparency[i];
                    }

                    break;
                case 0 when transparency.Length >= 2:
                    _keyGray = (transparency[0] << 8) | transparency[1];
                    break;
                case 2 when transparency.Length >= 6:
                    _keyRgb = ((transparency[0] << 8) | transparency[1], (transparency[2] << 8) | transparency[3], (transparency[4] << 8) | transparency[5]);
                    break;
                default:
                    break; // tRNS is not allowed with an alpha channel: ignored.
            }
        }

        public void Convert(ReadOnlySpan<byte> row, int width, byte[] output, int outputStart, int outputStep)
        {
            var depth = _header.BitDepth;
            var o = outputStart;
            switch (_header.ColorType)
            {
                case 0:
                    for (var x = 0; x < width; x++, o += outputStep)
                    {
                        var sample = Sample(row, x, depth);
                        var gray = To8Bits(sample, depth);
                        output[o] = output[o + 1] = output[o + 2] = gray;
                        output[o + 3] = sample == _keyGray ? (byte)0 : (byte)255;
                    }

                    break;
                case 2:
                    for (var x = 0; x < width; x++, o += outputStep)
                    {
                        int r = Sample(row, x * 3, depth), g = Sample(row, (x * 3) + 1, depth), b = Sample(row, (x * 3) + 2, depth);
                        output[o] = To8Bits(r, depth);
                        output[o + 1] = To8Bits(g, depth);
                        output[o + 2] = To8Bits(b, depth);
                        output[o + 3] = _keyRgb == (r, g, b) ? (byte)0 : (byte)255;
                    }

                    break;
                case 3:
                    for (var x = 0; x < width; x++, o += outputStep)
                    {
                        var p = Sample(row, x, depth) * 4;
                        output[o] = _paletteRgba[p];
                        output[o + 1] = _paletteRgba[p + 1];
                        output[o + 2] = _paletteRgba[p + 2];
                        output[o + 3] = _paletteRgba[p + 3];
                    }

                    break;
                case 4:
                    for (var x = 0; x < width; x++, o += outputStep)
                    {
                        var gray = To8Bits(Sample(row, x * 2, depth), depth);
                        output[o] = output[o + 1] = output[o + 2] = gray;
                        output[o + 3] = To8Bits(Sample(row, (x * 2) + 1, depth), depth);
                    }

                    break;
                default:
                    for (var x = 0; x < width; x++, o += outputStep)
                    {
                        for (var c = 0; c < 4; c++)
                        {
                            output[o + c] = To8Bits(Sample(row, (x * 4) + c, depth), depth);
                        }
                    }

                    break;
            }
        }

        private static int Sample(ReadOnlySpan<byte> row, int index, int depth) => depth switch
        {
            8 => row[index],
            16 => (row[index * 2] << 8) | row[(index * 2) + 1],
            _ => (row[index * depth / 8] >> (8 - depth - (index * depth % 8))) & ((1 << depth) - 1),
        };

        private static byte To8Bits(int sample, int depth) => depth switch
        {
            8 => (byte)sample,
            16 => (byte)(((sample * 255) + 32895) >> 16),
            _ => (byte)(sample * 255 / ((1 << depth) - 1)),
        };
    }
}
