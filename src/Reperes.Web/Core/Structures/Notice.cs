namespace Reperes.Web.Core.Structures;

/// <summary>
/// Temporary information on top of the regular hours: a closure, a message or exceptional hours,
/// valid from <see cref="StartsOn"/> to <see cref="EndsOn"/> inclusive (local dates). Expires by itself.
/// </summary>
public sealed class Notice
{
    private Notice() { }

    public Notice(Structure structure, Service? service, NoticeKind kind, DateOnly startsOn, DateOnly endsOn, string text, string? openingHours)
    {
        if (endsOn < startsOn)
        {
            throw new ArgumentException("A notice cannot end before it starts.", nameof(endsOn));
        }

        if (kind == NoticeKind.ExceptionalHours && string.IsNullOrWhiteSpace(openingHours))
        {
            throw new ArgumentException("Exceptional hours need opening hours.", nameof(openingHours));
        }

        Structure = structure;
        Service = service;
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Text = text;
        OpeningHours = kind == NoticeKind.ExceptionalHours ? openingHours : null;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public int? ServiceId { get; private set; }
    public Service? Service { get; private set; }
    public NoticeKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public string Text { get; private set; } = "";
    public string? OpeningHours { get; private set; }

    public bool AppliesOn(DateOnly day) => day >= StartsOn && day <= EndsOn;

    public bool IsExpiredOn(DateOnly day) => day > EndsOn;
}
