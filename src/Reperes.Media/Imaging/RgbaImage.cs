namespace Reperes.Media;

/// <summary>Decoded pixels, 8 bits per channel in R, G, B, A order, rows top to bottom with no padding. Alpha is straight (not premultiplied).</summary>
public sealed class RgbaImage
{
    public RgbaImage(int width, int height)
    {
        if (width <= 0 || height <= 0 || (long)width * height * 4 > Array.MaxLength)
        {
            throw new MediaFormatException($"Image size {width}×{height} cannot be held in memory.");
        }

        Width = width;
        Height = height;
        Pixels = new byte[width * height * 4];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>True when at least one pixel is not fully opaque.</summary>
    public bool HasTransparency()
    {
        var pixels = Pixels;
        for (var i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 255)
            {
                return true;
            }
        }

        return false;
    }
}
