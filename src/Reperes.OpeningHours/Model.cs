namespace Reperes.OpeningHours;

public enum OpeningStatus
{
    Open,
    Closed,
    Unknown,
}

public readonly record struct OpeningState(OpeningStatus Status, string? Comment);

/// <summary>A span of time that is open or unknown (closed spans are not listed).</summary>
public sealed record OpeningInterval(DateTimeOffset Start, DateTimeOffset End, OpeningStatus Status, string? Comment);

public enum PublicHolidayRegion
{
    FranceMetropolitan,

    /// <summary>Bas-Rhin, Haut-Rhin, Moselle: adds Good Friday and 26 December.</summary>
    FranceAlsaceMoselle,
}

public sealed class OpeningHoursOptions
{
    public static OpeningHoursOptions Default { get; } = new();

    public string TimeZoneId { get; init; } = "Europe/Paris";

    public PublicHolidayRegion HolidayRegion { get; init; } = PublicHolidayRegion.FranceMetropolitan;
}

public sealed class OpeningHoursParseException : FormatException
{
    public OpeningHoursParseException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based index of the character where the problem was found.</summary>
    public int Position { get; }
}

public sealed record DaySchedule(DateOnly Date, bool IsPublicHoliday, IReadOnlyList<DayRange> Ranges);

/// <param name="End">Null means the range lasts until midnight.</param>
public sealed record DayRange(TimeOnly Start, TimeOnly? End, OpeningStatus Status, string? Comment);

public sealed record TimeRangeSlot(TimeOnly Start, TimeOnly End);
