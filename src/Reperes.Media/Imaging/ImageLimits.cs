namespace Reperes.Media;

/// <summary>Ceilings applied to everything a file declares, before memory is allocated for it.</summary>
public static class ImageLimits
{
    /// <summary>40 megapixels: more than any phone photo, and about 160 MB once decoded.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    internal static void CheckPixels(int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new MediaFormatException("Image declares an empty size.");
        }

        if ((long)width * height > maxPixels)
        {
            throw new MediaFormatException($"Image of {width}×{height} pixels is larger than the {maxPixels / 1_000_000} megapixels allowed.");
        }
    }
}
