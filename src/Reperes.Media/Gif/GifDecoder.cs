using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>
/// GIF decoder for the first frame only (an animation's first picture), drawn on the logical screen like a browser
/// does: uncovered and transparent pixels are transparent. LZW, interlace and transparency are handled.
/// </summary>
public static class GifDecoder
{
    private const int MaxCodes = 4096;

    internal readonly record struct GifScreen(int Width, int Height, bool FirstFrameTransparent, bool FirstFrameCoversScreen);

    private readonly record struct Frame(int Left, int Top, int Width, int Height, bool Interlaced, int TransparentIndex,
        int ColorTableOffset, int ColorCount, int DataOffset);

    private readonly record struct Layout(int Width, int Height, Frame First);

    /// <exception cref="MediaFormatException">Corrupt, truncated, or larger than <paramref name="maxPixels"/>.</exception>
    public static RgbaImage Decode(ReadOnlySpan<byte> data, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var layout = ReadLayout(data);
        var frame = layout.First;
        ImageLimits.CheckPixels(layout.Width, layout.Height, maxPixels);
        ImageLimits.CheckPixels(frame.Width, frame.Height, maxPixels);
        if (frame.ColorCount == 0)
        {
            throw new MediaFormatException("GIF frame without colour table.");
        }

        var indices = DecodeLzw(data, frame);
        var image = new RgbaImage(layout.Width, layout.Height);
        var colors = data.Slice(frame.ColorTableOffset, frame.ColorCount * 3);
        var pixels = image.Pixels;
        for (var row = 0; row < frame.Height; row++)
        {
            var y = frame.Top + (frame.Interlaced ? InterlacedRow(row, frame.Height) : row);
            if (y >= layout.Height)
            {
                continue;
            }

            for (var x = 0; x < frame.Width; x++)
            {
                var canvasX = frame.Left + x;
                int index = indices[(row * frame.Width) + x];
                if (canvasX >= layout.Width || index == frame.TransparentIndex)
                {
                    continue;
                }

                var o = ((y * layout.Width) + canvasX) * 4;
                if (index < frame.ColorCount)
                {
                    pixels[o] = colors[index * 3];
                    pixels[o + 1] = colors[(index * 3) + 1];
                    pixels[o + 2] = colors[(index * 3) + 2];
                }

                pixels[o + 3] = 255; // An index past the table shows black, as browsers do.
            }
        }

        return image;
    }

    internal static GifScreen ReadScreen(ReadOnlySpan<byte> data)
    {
        var layout = ReadLayout(data);
        var f = layout.First;
        return new GifScreen(layout.Width, layout.Height, f.TransparentIndex >= 0,
            f.Left == 0 && f.Top == 0 && f.Width >= layout.Width && f.Height >= layout.Height);
    }

    /// <summary>Stored row number to picture row: interlaced frames store rows 0, 8, 16... then 4, 12... then 2, 6... then 1, 3...</summary>
    private static int InterlacedRow(int row, int height)
    {
        var pass1 = (height + 7) / 8;
        var pass2 = (height + 3) / 8;
        var pass3 = (height + 1) / 4;
        if (row < pass1)
        {
            return row * 8;
        }

        row -= pass1;
        if (row < pass2)
        {
            return 4 + (row * 8);
        }

        row -= pass2;
        return row < pass3 ? 2 + (row * 4) : 1 + ((row - pass3) * 2);
    }

    private static Layout ReadLayout(ReadOnlySpan<byte> data)
    {
        if (data.Length < 13 || !(data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)))
        {
            throw new MediaFormatException("Not a GIF file.");
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        var packed = data[10];
        var position = 13;
        var globalColors = (packed & 0x80) != 0 ? 2 << (packed & 7) : 0;
        var globalTable = position;
        position += globalColors * 3;
        var transparentIndex = -1;
        while (true)
        {
            if (position >= data.Length)
            {
                throw new MediaFormatException("GIF is cut short before its first image.");
            }

            var block = data[position++];
            switch (block)
            {
                case 0x21:
                    if (position >= data.Length)
                    {
                        throw new MediaFormatException("GIF is cut short in an extension.");
                    }

                    var label = data[position++];
                    if (label == 0xF9 && position + 5 <= data.Length && data[position] >= 4 && (data[position + 1] & 1) != 0)
                    {
                        transparentIndex = data[position + 4]; // Graphic control: flags, delay (2 bytes), transparent index.
                    }

                    position = SkipSubBlocks(data, position);
                    break;
                case 0x2C:
                    if (position + 9 > data.Length)
                    {
                        throw new MediaFormatException("GIF image descriptor cut short.");
                    }

                    var descriptor = data.Slice(position, 9);
                    position += 9;
                    int frameWidth = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]);
                    int frameHeight = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[6..]);
                    var framePacked = descriptor[8];
                    var tableOffset = globalTable;
                    var colors = globalColors;
                    if ((framePacked & 0x80) != 0)
                    {
                        tableOffset = position;
                        colors = 2 << (framePacked & 7);
                        position += colors * 3;
                    }

                    if (position >= data.Length)
                    {
                        throw new MediaFormatException("GIF is cut short before its image data.");
                    }

                    var frame = new Frame(BinaryPrimitives.ReadUInt16LittleEndian(descriptor), BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]),
                        frameWidth, frameHeight, (framePacked & 0x40) != 0, transparentIndex, tableOffset, colors, position);

                    // A screen of size zero (seen from some encoders) takes the first frame's size.
                    return new Layout(width == 0 ? frameWidth : width, height == 0 ? frameHeight : height, frame);
                case 0x3B:
                    throw new MediaFormatException("GIF without any image.");
                default:
                    throw new MediaFormatException("GIF holds an unknown block: the file is corrupt.");
            }
        }
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            if (position >= data.Length)
            {
                throw new MediaFormatException("GIF is cut short in a data block.");
            }

            var size = data[position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
    }

    /// <summary>LZW-decodes the frame's colour indices. Codes are read least significant bit first, 3 to 12 bits wide.</summary>
    private static byte[] DecodeLzw(ReadOnlySpan<byte> data, Frame frame)
    {
        int minCodeSize = data[frame.DataOffset];
        if (minCodeSize is < 1 or > 11)
        {
            throw new MediaFormatException("GIF image data with an invalid code size.");
        }

        var compressed = GatherSubBlocks(data, frame.DataOffset + 1);
        var pixelCount = frame.Width * frame.Height;
        var output = new byte[pixelCount];
        var written = 0;

        var prefix = new short[MaxCodes];
        var suffix = new byte[MaxCodes];
        var first = new byte[MaxCodes];
        var stack = new byte[MaxCodes];
        var clear = 1 << minCodeSize;
        var end = clear + 1;
        for (var i = 0; i < clear; i++)
        {
            suffix[i] = first[i] = (byte)i;
        }

        var codeSize = minCodeSize + 1;
        var next = clear + 2;
        var previous = -1;
        int bitBuffer = 0, bitCount = 0, position = 0;
        while (written < pixelCount)
        {
            while (bitCount < codeSize && position < compressed.Length)
            {
                bitBuffer |= compressed[position++] << bitCount;
                bitCount += 8;
            }

            if (bitCount < codeSize)
            {
                break;
            }

            var code = bitBuffer & ((1 << codeSize) - 1);
            bitBuffer >>= codeSize;
            bitCount -= codeSize;
            if (code == clear)
            {
                codeSize = minCodeSize + 1;
                next = clear + 2;
                previous = -1;
                continue;
            }

            if (code == end)
            {
                break;
            }

            if (previous < 0)
            {
                if (code > clear)
                {
                    throw new MediaFormatException("GIF image data is corrupt.");
                }

                output[written++] = (byte)code;
                previous = code;
                continue;
            }

            int entry;
            if (code < next)
            {
                entry = code;
                if (next < MaxCodes)
                {
                    prefix[next] = (short)previous;
                    suffix[next] = first[code];
                    first[next] = first[previous];
                    next++;
                }
            }
            else if (code == next && next < MaxCodes)
            {
                // The code being defined: the previous string plus its own first byte.
                prefix[next] = (short)previous;
                suffix[next] = first[previous];
                first[next] = first[previous];
                entry = next++;
            }
            else
            {
                throw new MediaFormatException("GIF image data is corrupt.");
            }

            // Each entry's prefix is an older code, so the walk ends at a root code within 4096 steps.
            var depth = 0;
            var walk = entry;
            while (walk >= clear)
            {
                stack[depth++] = suffix[walk];
                walk = prefix[walk];
            }

            stack[depth++] = (byte)walk;
            while (depth > 0 && written < pixelCount)
            {
                output[written++] = stack[--depth];
            }

            if (next == 1 << codeSize && codeSize < 12)
            {
                codeSize++;
            }

            previous = code;
        }

        if (written < pixelCount)
        {
            throw new MediaFormatException("GIF image data is cut short.");
        }

        return output;
    }

    private static byte[] GatherSubBlocks(ReadOnlySpan<byte> data, int position)
    {
        var end = SkipSubBlocks(data, position);
        var buffer = new byte[end - position];
        var length = 0;
        while (data[position] != 0)
        {
            int size = data[position];
            data.Slice(position + 1, size).CopyTo(buffer.AsSpan(length));
            length += size;
            position += 1 + size;
        }

        return buffer[..length];
    }
}
