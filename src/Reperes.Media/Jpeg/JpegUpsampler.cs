namespace Reperes.Media;

/// <summary>
/// Brings a subsampled component back to full resolution, one output row at a time, like libjpeg: triangle
/// ("fancy") interpolation for 2:1 ratios, replication for the others. Edge rows and columns are repeated.
/// </summary>
internal static class JpegUpsampler
{
    /// <summary>Writes at least <paramref name="width"/> samples; <paramref name="output"/> must hold the component's width times its ratio.</summary>
    public static void Row(JpegComponent c, byte[] plane, int maxH, int maxV, int y, Span<byte> output, int width)
    {
        var stride = c.BlocksPerLine * 8;
        int hf = maxH / c.H, vf = maxV / c.V;
        var fancy = c.Width > 2;
        if (hf == 1 && vf == 1)
        {
            plane.AsSpan(y * stride, width).CopyTo(output);
        }
        else if (hf == 2 && vf == 1 && fancy)
        {
            H2V1(plane.AsSpan(y * stride, c.Width), output);
        }
        else if (hf == 2 && vf == 2 && fancy)
        {
            var row = y / 2;
            var neighbour = Math.Clamp((y & 1) == 0 ? row - 1 : row + 1, 0, c.Height - 1);
            H2V2(plane.AsSpan(row * stride, c.Width), plane.AsSpan(neighbour * stride, c.Width), output);
        }
        else if (hf == 1 && vf == 2 && fancy)
        {
            var row = y / 2;
            var upper = (y & 1) == 0;
            var neighbour = Math.Clamp(upper ? row - 1 : row + 1, 0, c.Height - 1);
            var bias = upper ? 1 : 2;
            var near = plane.AsSpan(row * stride, width);
            var far = plane.AsSpan(neighbour * stride, width);
            for (var x = 0; x < width; x++)
            {
                output[x] = (byte)(((near[x] * 3) + far[x] + bias) >> 2);
            }
        }
        else
        {
            var source = plane.AsSpan(y / vf * stride);
            for (var x = 0; x < width; x++)
            {
                output[x] = source[x / hf];
            }
        }
    }

    /// <summary>Each output sample is 3/4 of the nearer input and 1/4 of the further one (jdsample.c h2v1_fancy_upsample).</summary>
    private static void H2V1(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var w = input.Length;
        var buffer = output;
        buffer[0] = input[0];
        buffer[1] = (byte)(((input[0] * 3) + input[1] + 2) >> 2);
        for (var x = 1; x < w - 1; x++)
        {
            var value = input[x] * 3;
            buffer[2 * x] = (byte)((value + input[x - 1] + 1) >> 2);
            buffer[(2 * x) + 1] = (byte)((value + input[x + 1] + 2) >> 2);
        }

        buffer[2 * (w - 1)] = (byte)(((input[w - 1] * 3) + input[w - 2] + 1) >> 2);
        buffer[(2 * w) - 1] = input[w - 1];
    }

    /// <summary>Vertical then horizontal 3:1 weighting (jdsample.c h2v2_fancy_upsample).</summary>
    private static void H2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output)
    {
        var w = near.Length;
        var buffer = output;
        var thisSum = (near[0] * 3) + far[0];
        var nextSum = (near[1] * 3) + far[1];
        buffer[0] = (byte)(((thisSum * 4) + 8) >> 4);
        buffer[1] = (byte)(((thisSum * 3) + nextSum + 7) >> 4);
        for (var x = 1; x < w - 1; x++)
        {
            var lastSum = thisSum;
            thisSum = nextSum;
            nextSum = (near[x + 1] * 3) + far[x + 1];
            buffer[2 * x] = (byte)(((thisSum * 3) + lastSum + 8) >> 4);
            buffer[(2 * x) + 1] = (byte)(((thisSum * 3) + nextSum + 7) >> 4);
        }

        var previousSum = w > 2 ? (near[w - 2] * 3) + far[w - 2] : thisSum;
        thisSum = (near[w - 1] * 3) + far[w - 1];
        buffer[2 * (w - 1)] = (byte)(((thisSum * 3) + previousSum + 8) >> 4);
        buffer[(2 * w) - 1] = (byte)(((thisSum * 4) + 7) >> 4);
    }
}
