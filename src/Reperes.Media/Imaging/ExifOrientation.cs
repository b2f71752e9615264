namespace Reperes.Media;

/// <summary>EXIF orientation (tag 0x0112): how the stored pixels must be turned to stand upright.</summary>
public enum ExifOrientation
{
    Normal = 1,
    FlipHorizontal = 2,
    Rotate180 = 3,
    FlipVertical = 4,

    /// <summary>Mirrored along the top-left to bottom-right diagonal.</summary>
    Transpose = 5,

    /// <summary>Stored lying on its side: turn a quarter clockwise (phones held upright).</summary>
    Rotate90 = 6,

    /// <summary>Mirrored along the top-right to bottom-left diagonal.</summary>
    Transverse = 7,

    /// <summary>Turn a quarter counter-clockwise.</summary>
    Rotate270 = 8,
}
