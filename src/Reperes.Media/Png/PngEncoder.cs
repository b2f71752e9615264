using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Reperes.Media;

/// <summary>
/// PNG encoder for 8-bit RGBA. Each row takes the filter whose output has the smallest sum of absolute values
/// (libpng's heuristic), which compresses photos and drawings well. Only IHDR, IDAT and IEND are written: no metadata.
/// </summary>
public static class PngEncoder
{
    public static byte[] Encode(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rowBytes = image.Width * 4;
        var filtered = new byte[image.Height * (rowBytes + 1)];
        var candidates = new byte[5][];
        for (var f = 0; f < 5; f++)
        {
            candidates[f] = new byte[rowBytes];
        }

        var zero = new byte[rowBytes];
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pixels.AsSpan(y * rowBytes, rowBytes);
            var previous = y == 0 ? zero : image.Pixels.AsSpan((y - 1) * rowBytes, rowBytes);
            var best = 0;
            var bestScore = long.MaxValue;
            for (var f = 0; f < 5; f++)
            {
                var score = Filter(f, row, previous, candidates[f]);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = f;
                }
            }

            filtered[y * (rowBytes + 1)] = (byte)best;
            candidates[best].CopyTo(filtered, (y * (rowBytes + 1)) + 1);
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(filtered);
        }

        var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)image.Height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static long Filter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> output)
    {
        const int Bpp = 4;
        long score = 0;
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= Bpp ? row[i - Bpp] : 0, up = previous[i], upLeft = i >= Bpp ? previous[i - Bpp] : 0;
            var predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => PngDecoder.Paeth(left, up, upLeft),
            };
            var value = (byte)(row[i] - predicted);
            output[i] = value;
            score += value < 128 ? value : 256 - value;
        }

        return score;
    }

    private static void WriteChunk(MemoryStream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFF, typeBytes), data) ^ 0xFFFFFFFF;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }
}
