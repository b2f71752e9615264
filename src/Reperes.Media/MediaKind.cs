namespace Reperes.Media;

public enum MediaKind
{
    /// <summary>Nothing recognised: to be refused by the caller.</summary>
    Unknown,

    /// <summary>Recognised as something never accepted (scripts, executables, markup, archives...).</summary>
    Refused,
    Image,
    Audio,
    Video,
    Document,
}
