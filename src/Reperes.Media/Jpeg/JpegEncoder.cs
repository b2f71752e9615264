using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>
/// Baseline JPEG encoder: YCbCr with 4:2:0 chroma, the standard (Annex K) quantization tables scaled by quality as
/// libjpeg does, and the standard Huffman tables. Writes a JFIF header and nothing else: no EXIF, no comment.
/// Transparent pixels are flattened onto white.
/// </summary>
public static class JpegEncoder
{
    public static byte[] Encode(RgbaImage image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (image.Width > ushort.MaxValue || image.Height > ushort.MaxValue)
        {
            throw new ArgumentException("JPEG cannot hold more than 65535 pixels a side.", nameof(image));
        }

        var luminance = ScaleTable(JpegTables.LuminanceQuantization, quality);
        var chrominance = ScaleTable(JpegTables.ChrominanceQuantization, quality);
        var output = new MemoryStream();
        WriteHeaders(output, image, luminance, chrominance);
        var luminanceDivisors = Divisors(luminance);
        var chrominanceDivisors = Divisors(chrominance);

        var dcLuminance = HuffmanCodes.Build(JpegTables.DcLuminanceBits, JpegTables.DcLuminanceValues);
        var acLuminance = HuffmanCodes.Build(JpegTables.AcLuminanceBits, JpegTables.AcLuminanceValues);
        var dcChrominance = HuffmanCodes.Build(JpegTables.DcChrominanceBits, JpegTables.DcChrominanceValues);
        var acChrominance = HuffmanCodes.Build(JpegTables.AcChrominanceBits, JpegTables.AcChrominanceValues);
        var writer = new BitWriter(output);

        // One MCU is 16×16 pixels: four luminance blocks and one block of each chroma channel, averaged 2×2.
        Span<float> y = stackalloc float[256];
        Span<float> cb = stackalloc float[256];
        Span<float> cr = stackalloc float[256];
        Span<float> block = stackalloc float[64];
        Span<int> quantized = stackalloc int[64];
        int predictionY = 0, predictionCb = 0, predictionCr = 0;
        for (var mcuY = 0; mcuY < image.Height; mcuY += 16)
        {
            for (var mcuX = 0; mcuX < image.Width; mcuX += 16)
            {
                LoadMcu(image, mcuX, mcuY, y, cb, cr);
                for (var b = 0; b < 4; b++)
                {
                    for (var i = 0; i < 64; i++)
                    {
                        block[i] = y[((((b >> 1) * 8) + (i >> 3)) * 16) + ((b & 1) * 8) + (i & 7)];
                    }

                    EncodeBlock(writer, block, quantized, luminanceDivisors, ref predictionY, dcLuminance, acLuminance);
                }

                Subsample(cb, block);
                EncodeBlock(writer, block, quantized, chrominanceDivisors, ref predictionCb, dcChrominance, acChrominance);
                Subsample(cr, block);
                EncodeBlock(writer, block, quantized, chrominanceDivisors, ref predictionCr, dcChrominance, acChrominance);
            }
        }

        writer.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>libjpeg's jpeg_quality_scaling: 50 keeps the tables, 100 makes them all 1.</summary>
    private static byte[] ScaleTable(byte[] table, int quality)
    {
        var scale = quality < 50 ? 5000 / quality : 200 - (quality * 2);
        return table.Select(q => (byte)Math.Clamp(((q * scale) + 50) / 100, 1, 255)).ToArray();
    }

    private static void WriteHeaders(MemoryStream output, RgbaImage image, byte[] luminance, byte[] chrominance)
    {
        output.Write([0xFF, 0xD8]);
        output.Write([0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

        output.Write([0xFF, 0xDB, 0, 132]);
        output.WriteByte(0);
        WriteZigZag(output, luminance);
        output.WriteByte(1);
        WriteZigZag(output, chrominance);

        Span<byte> frame = [0xFF, 0xC0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        BinaryPrimitives.WriteUInt16BigEndian(frame[5..], (ushort)image.Height);
        BinaryPrimitives.WriteUInt16BigEndian(frame[7..], (ushort)image.Width);
        output.Write(frame);

        WriteHuffmanTable(output, 0x00, JpegTables.DcLuminanceBits, JpegTables.DcLuminanceValues);
        WriteHuffmanTable(output, 0x10, JpegTables.AcLuminanceBits, JpegTables.AcLuminanceValues);
        WriteHuffmanTable(output, 0x01, JpegTables.DcChrominanceBits, JpegTables.DcChrominanceValues);
        WriteHuffmanTable(output, 0x11, JpegTables.AcChrominanceBits, JpegTables.AcChrominanceValues);

        output.Write([0xFF, 0xDA, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
    }

    private static void WriteZigZag(MemoryStream output, byte[] table)
    {
        for (var k = 0; k < 64; k++)
        {
            output.WriteByte(table[JpegTables.ZigZag[k]]);
        }
    }

    private static void WriteHuffmanTable(MemoryStream output, byte classAndIndex, byte[] bits, byte[] values)
    {
        var length = 2 + 1 + 16 + values.Length;
        output.Write([0xFF, 0xC4, (byte)(length >> 8), (byte)length, classAndIndex]);
        output.Write(bits);
        output.Write(values);
    }

    /// <summary>Converts a 16×16 area to Y, Cb, Cr (JFIF equations, level-shifted by -128), repeating edge pixels past the image.</summary>
    private static void LoadMcu(RgbaImage image, int left, int top, Span<float> y, Span<float> cb, Span<float> cr)
    {
        var pixels = image.Pixels;
        for (var row = 0; row < 16; row++)
        {
            var sourceY = Math.Min(top + row, image.Height - 1);
            for (var column = 0; column < 16; column++)
            {
                var sourceX = Math.Min(left + column, image.Width - 1);
                var o = ((sourceY * image.Width) + sourceX) * 4;
                float alpha = pixels[o + 3], white = 255 - alpha;
                var r = ((pixels[o] * alpha) + (255 * white)) / 255f;
                var g = ((pixels[o + 1] * alpha) + (255 * white)) / 255f;
                var b = ((pixels[o + 2] * alpha) + (255 * white)) / 255f;
                var i = (row * 16) + column;
                y[i] = (0.299f * r) + (0.587f * g) + (0.114f * b) - 128f;
                cb[i] = (-0.168736f * r) - (0.331264f * g) + (0.5f * b);
                cr[i] = (0.5f * r) - (0.418688f * g) - (0.081312f * b);
            }
        }
    }

    private static void Subsample(ReadOnlySpan<float> full, Span<float> block)
    {
        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < 8; column++)
            {
                var i = (row * 32) + (column * 2);
                block[(row * 8) + column] = (full[i] + full[i + 1] + full[i + 16] + full[i + 17]) * 0.25f;
            }
        }
    }

    private static void EncodeBlock(BitWriter writer, Span<float> block, Span<int> quantized, float[] divisors,
        ref int prediction, HuffmanCodes dc, HuffmanCodes ac)
    {
        ForwardDct(block);
        for (var i = 0; i < 64; i++)
        {
            quantized[i] = (int)MathF.Round(block[i] / divisors[i]);
        }

        var difference = quantized[0] - prediction;
        prediction = quantized[0];
        var category = Category(difference);
        writer.Write(dc.Codes[category], dc.Lengths[category]);
        writer.Write(Magnitude(difference, category), category);

        var zeros = 0;
        for (var k = 1; k < 64; k++)
        {
            var value = quantized[JpegTables.ZigZag[k]];
            if (value == 0)
            {
                zeros++;
                continue;
            }

            while (zeros >= 16)
            {
                writer.Write(ac.Codes[0xF0], ac.Lengths[0xF0]);
                zeros -= 16;
            }

            var size = Category(value);
            var symbol = (zeros << 4) | size;
            writer.Write(ac.Codes[symbol], ac.Lengths[symbol]);
            writer.Write(Magnitude(value, size), size);
            zeros = 0;
        }

        if (zeros > 0)
        {
            writer.Write(ac.Codes[0x00], ac.Lengths[0x00]);
        }
    }

    private static int Category(int value)
    {
        value = Math.Abs(value);
        return value == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);
    }

    /// <summary>Negative values are sent as their one's complement in <paramref name="size"/> bits.</summary>
    private static int Magnitude(int value, int size) => value >= 0 ? value : (value - 1) & ((1 << size) - 1);

    /// <summary>
    /// Forward DCT by the Arai-Agui-Nakajima factorisation (libjpeg's jfdctflt.c): 5 multiplications per 8 samples.
    /// Its outputs are T.81's coefficients scaled by 8·s(u)·s(v), undone in <see cref="Divisors"/>.
    /// </summary>
    private static void ForwardDct(Span<float> block)
    {
        for (var i = 0; i < 8; i++)
        {
            Aan(block, i * 8, 1); // rows
        }

        for (var i = 0; i < 8; i++)
        {
            Aan(block, i, 8); // columns
        }
    }

    private static void Aan(Span<float> d, int o, int step)
    {
        float d0 = d[o], d1 = d[o + step], d2 = d[o + (2 * step)], d3 = d[o + (3 * step)];
        float d4 = d[o + (4 * step)], d5 = d[o + (5 * step)], d6 = d[o + (6 * step)], d7 = d[o + (7 * step)];
        float tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
        float tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;

        float tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        d[o] = tmp10 + tmp11;
        d[o + (4 * step)] = tmp10 - tmp11;
        var z1 = (tmp12 + tmp13) * 0.707106781f;
        d[o + (2 * step)] = tmp13 + z1;
        d[o + (6 * step)] = tmp13 - z1;

        tmp10 = tmp4 + tmp5;
        tmp11 = tmp5 + tmp6;
        tmp12 = tmp6 + tmp7;
        var z5 = (tmp10 - tmp12) * 0.382683433f;
        var z2 = (0.541196100f * tmp10) + z5;
        var z4 = (1.306562965f * tmp12) + z5;
        var z3 = tmp11 * 0.707106781f;
        float z11 = tmp7 + z3, z13 = tmp7 - z3;
        d[o + (5 * step)] = z13 + z2;
        d[o + (3 * step)] = z13 - z2;
        d[o + step] = z11 + z4;
        d[o + (7 * step)] = z11 - z4;
    }

    /// <summary>Quantization step times the AAN output scale, per coefficient in natural order.</summary>
    private static float[] Divisors(byte[] table)
    {
        var divisors = new float[64];
        for (var i = 0; i < 64; i++)
        {
            divisors[i] = (float)(table[i] * AanScale[i >> 3] * AanScale[i & 7] * 8);
        }

        return divisors;
    }

    private static readonly double[] AanScale = [.. Enumerable.Range(0, 8).Select(k => k == 0 ? 1 : Math.Cos(k * Math.PI / 16) * Math.Sqrt(2))];

    private sealed class HuffmanCodes
    {
        public int[] Codes { get; } = new int[256];

        public int[] Lengths { get; } = new int[256];

        public static HuffmanCodes Build(byte[] bits, byte[] values)
        {
            var table = new HuffmanCodes();
            int code = 0, index = 0;
            for (var length = 1; length <= 16; length++)
            {
                for (var i = 0; i < bits[length - 1]; i++)
                {
                    table.Codes[values[index]] = code++;
                    table.Lengths[values[index]] = length;
                    index++;
                }

                code <<= 1;
            }

            return table;
        }
    }

    /// <summary>Writes bits most significant first, stuffing a zero byte after each 0xFF so no marker appears by accident.</summary>
    private sealed class BitWriter(MemoryStream output)
    {
        private uint _buffer;
        private int _count;

        public void Write(int bits, int length)
        {
            if (length == 0)
            {
                return;
            }

            _buffer = (_buffer << length) | ((uint)bits & ((1u << length) - 1));
            _count += length;
            while (_count >= 8)
            {
                var b = (byte)(_buffer >> (_count - 8));
                output.WriteByte(b);
                if (b == 0xFF)
                {
                    output.WriteByte(0);
                }

                _count -= 8;
            }
        }

        /// <summary>Pads the last byte with one bits, as T.81 asks.</summary>
        public void Flush()
        {
            if (_count > 0)
            {
                Write((1 << (8 - _count)) - 1, 8 - _count);
            }
        }
    }
}
