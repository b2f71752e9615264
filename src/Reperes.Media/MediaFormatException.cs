namespace Reperes.Media;

/// <summary>
/// The only exception the readers and decoders of this library throw for bad input: corrupt, truncated,
/// unsupported or over the limits. Callers catch this one type and show a plain message to the person.
/// </summary>
public sealed class MediaFormatException : FormatException
{
    public MediaFormatException(string message)
        : base(message)
    {
    }

    public MediaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
