namespace Reperes.Media;

/// <summary>
/// Inverse DCT with the integer arithmetic of libjpeg's "islow" method (jidctint.c), the default of browsers' and
/// djpeg's decoders, so that our pixels match theirs.
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;
    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    /// <summary>Dequantizes and transforms one block (natural order) into 8×8 samples at <paramref name="output"/>.</summary>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quantization, Span<byte> output, int stride, Span<int> workspace)
    {
        for (var c = 0; c < 8; c++)
        {
            if (coefficients[8 + c] == 0 && coefficients[16 + c] == 0 && coefficients[24 + c] == 0 && coefficients[32 + c] == 0
                && coefficients[40 + c] == 0 && coefficients[48 + c] == 0 && coefficients[56 + c] == 0)
            {
                var dc = coefficients[c] * quantization[c] << Pass1Bits;
                for (var r = 0; r < 8; r++)
                {
                    workspace[(r * 8) + c] = dc;
                }

                continue;
            }

            int z2 = coefficients[16 + c] * quantization[16 + c], z3 = coefficients[48 + c] * quantization[48 + c];
            var z1 = (z2 + z3) * Fix0541196100;
            var tmp2 = z1 + (z3 * -Fix1847759065);
            var tmp3 = z1 + (z2 * Fix0765366865);
            z2 = coefficients[c] * quantization[c];
            z3 = coefficients[32 + c] * quantization[32 + c];
            var tmp0 = (z2 + z3) << ConstBits;
            var tmp1 = (z2 - z3) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

            tmp0 = coefficients[56 + c] * quantization[56 + c];
            tmp1 = coefficients[40 + c] * quantization[40 + c];
            tmp2 = coefficients[24 + c] * quantization[24 + c];
            tmp3 = coefficients[8 + c] * quantization[8 + c];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int Shift = ConstBits - Pass1Bits;
            workspace[c] = Descale(tmp10 + tmp3, Shift);
            workspace[56 + c] = Descale(tmp10 - tmp3, Shift);
            workspace[8 + c] = Descale(tmp11 + tmp2, Shift);
            workspace[48 + c] = Descale(tmp11 - tmp2, Shift);
            workspace[16 + c] = Descale(tmp12 + tmp1, Shift);
            workspace[40 + c] = Descale(tmp12 - tmp1, Shift);
            workspace[24 + c] = Descale(tmp13 + tmp0, Shift);
            workspace[32 + c] = Descale(tmp13 - tmp0, Shift);
        }

        for (var r = 0; r < 8; r++)
        {
            var w = workspace.Slice(r * 8, 8);
            var o = output.Slice(r * stride, 8);
            if (w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0)
            {
                o.Fill(Clamp(Descale(w[0], Pass1Bits + 3)));
                continue;
            }

            int z2 = w[2], z3 = w[6];
            var z1 = (z2 + z3) * Fix0541196100;
            var tmp2 = z1 + (z3 * -Fix1847759065);
            var tmp3 = z1 + (z2 * Fix0765366865);
            var tmp0 = (w[0] + w[4]) << ConstBits;
            var tmp1 = (w[0] - w[4]) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

            tmp0 = w[7];
            tmp1 = w[5];
            tmp2 = w[3];
            tmp3 = w[1];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int Shift = ConstBits + Pass1Bits + 3;
            o[0] = Clamp(Descale(tmp10 + tmp3, Shift));
            o[7] = Clamp(Descale(tmp10 - tmp3, Shift));
            o[1] = Clamp(Descale(tmp11 + tmp2, Shift));
            o[6] = Clamp(Descale(tmp11 - tmp2, Shift));
            o[2] = Clamp(Descale(tmp12 + tmp1, Shift));
            o[5] = Clamp(Descale(tmp12 - tmp1, Shift));
            o[3] = Clamp(Descale(tmp13 + tmp0, Shift));
            o[4] = Clamp(Descale(tmp13 - tmp0, Shift));
        }
    }

    private static void Odd(ref int tmp0, ref int tmp1, ref int tmp2, ref int tmp3)
    {
        int z1 = tmp0 + tmp3, z2 = tmp1 + tmp2, z3 = tmp0 + tmp2, z4 = tmp1 + tmp3;
        var z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
    }

    private static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;

    /// <summary>Level shift by 128 and clamp to a byte.</summary>
    private static byte Clamp(int x) => (byte)Math.Clamp(x + 128, 0, 255);
}
