using System.Globalization;

namespace Reperes.OpeningHours.Tests;

internal static class TestTime
{
    /// <summary>Parses "2026-11-24T10:00:00+01:00".</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset? value) =>
        value is null ? "none" : value.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static OpeningStatus Status(string value, string iso) => OpeningHoursSchedule.Parse(value).GetState(At(iso)).Status;
}
