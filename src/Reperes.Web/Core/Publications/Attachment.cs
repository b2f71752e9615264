namespace Reperes.Web.Core.Publications;

public enum AttachmentKind
{
    Image = 0,
    Audio = 1,
    Video = 2,
    Document = 3,

    /// <summary>A video on a video host (PeerTube, YouTube, Vimeo…): a link, nothing stored.</summary>
    VideoLink = 4,
}

/// <summary>A photo, recording, video or document attached to a publication, checked by its content when uploaded.</summary>
public sealed class Attachment
{
    private Attachment() { }

    private Attachment(int publicationId, AttachmentKind kind, DateTimeOffset at)
    {
        PublicationId = publicationId;
        Kind = kind;
        CreatedAt = at;
    }

    public static Attachment ForFile(int publicationId, AttachmentKind kind, string storedName, string contentType, long size, string originalName, DateTimeOffset at) =>
        new(publicationId, kind, at) { StoredName = storedName, ContentType = contentType, Size = size, OriginalName = originalName };

    public static Attachment ForVideoLink(int publicationId, string url, DateTimeOffset at) =>
        new(publicationId, AttachmentKind.VideoLink, at) { Url = url, ContentType = "text/html" };

    public int Id { get; private set; }
    public int PublicationId { get; private set; }
    public AttachmentKind Kind { get; private set; }

    /// <summary>The file's name in the media folder (a random name and the extension of its real content).</summary>
    public string? StoredName { get; private set; }

    /// <summary>A smaller copy of an image for small screens, when the original is large.</summary>
    public string? SmallName { get; private set; }

    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public int? Width { get; private set; }
    public int? Height { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string? Url { get; private set; }

    /// <summary>Required for images: what the picture shows, for people who do not see it.</summary>
    public string? AltText { get; private set; }

    public string? Caption { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Describe(string? altText, string? caption)
    {
        AltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim();
        Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
    }

    public void SetImage(int width, int height, string? smallName)
    {
        Width = width;
        Height = height;
        SmallName = smallName;
    }
}
