
namespace Reperes.Web.Core.Hours;

/// <summary>Dates and times as people of the territory write them (Europe/Paris), to and from instants.</summary>
public static class ParisTime
{
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        // The hour skipped when clocks go forward does not exist: take the same time an hour later, as clocks show it.
        if (HoursEvaluator.Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = HoursEvaluator.Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, HoursEvaluator.Zone).DateTime;
}
