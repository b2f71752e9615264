namespace Reperes.Media;

/// <summary>What <see cref="MediaSniffer"/> found in a file's first bytes.</summary>
/// <param name="Kind">Broad kind; <see cref="MediaKind.Refused"/> and <see cref="MediaKind.Unknown"/> must not be stored.</param>
/// <param name="Format">Short stable name of the format (e.g. "jpeg", "webm-audio", "svg", "zip"), for logs and tests.</param>
/// <param name="MimeType">Canonical MIME type to serve the file with; null when refused or unknown.</param>
/// <param name="Extension">Canonical extension with its dot (".jpg"); null when refused or unknown.</param>
/// <param name="RefusalReason">Why the content is refused (English, for logs); null when accepted.</param>
public sealed record MediaType(MediaKind Kind, string Format, string? MimeType, string? Extension, string? RefusalReason)
{
    public bool IsAccepted => Kind is MediaKind.Image or MediaKind.Audio or MediaKind.Video or MediaKind.Document;

    /// <summary>Every extension a file of this type may honestly carry (canonical one first), lower case with dot.</summary>
    public IReadOnlyList<string> AcceptedExtensions { get; init; } = [];

    internal static MediaType Accept(MediaKind kind, string format, string mime, params string[] extensions) =>
        new(kind, format, mime, extensions[0], null) { AcceptedExtensions = extensions };

    internal static MediaType Refuse(string format, string reason) => new(MediaKind.Refused, format, null, null, reason);

    internal static MediaType Unrecognised(string reason) => new(MediaKind.Unknown, "unknown", null, null, reason);
}
