namespace Reperes.Media;

public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
}
