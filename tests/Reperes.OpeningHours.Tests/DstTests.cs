using static Reperes.OpeningHours.Tests.TestTime;

namespace Reperes.OpeningHours.Tests;

/// <summary>
/// Ranges are wall-clock times in Europe/Paris, as in opening_hours.js. On 2026-03-29 local time jumps from
/// 02:00 to 03:00: a range inside the gap never opens and "01:00-03:00" lasts one real hour. On 2026-10-25
/// 02:00-03:00 happens twice: a range covering it is open during both occurrences.
/// </summary>
public sealed class DstTests
{
    private static readonly DateTimeOffset FarLimit = At("2027-12-31T00:00:00+01:00");

    [Fact]
    public void GetState_SpringGap_RangeInsideGapNeverOpens()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Su 02:00-03:00");
        schedule.GetState(At("2026-03-29T01:59:00+01:00")).Status.ShouldBe(OpeningStatus.Closed);
        schedule.GetState(At("2026-03-29T03:00:00+02:00")).Status.ShouldBe(OpeningStatus.Closed);
        Iso(schedule.GetNextChange(At("2026-03-29T00:00:00+01:00"), FarLimit)).ShouldBe("2026-03-30T02:00:00+02:00");
    }

    [Fact]
    public void GetNextChange_SpringGap_RangeEndingAfterGapClosesAtLocalEnd()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Su 01:00-03:00");
        schedule.GetState(At("2026-03-29T01:30:00+01:00")).Status.ShouldBe(OpeningStatus.Open);
        Iso(schedule.GetNextChange(At("2026-03-29T01:30:00+01:00"), FarLimit)).ShouldBe("2026-03-29T03:00:00+02:00");
    }

    [Fact]
    public void GetNextChange_SpringGap_OvernightRangeEndsAtWallClockTime()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Su 22:00-02:00");
        schedule.GetState(At("2026-03-29T01:59:00+01:00")).Status.ShouldBe(OpeningStatus.Open);
        // 02:00 does not exist that night: the range closes when clocks jump to 03:00.
        Iso(schedule.GetNextChange(At("2026-03-28T23:30:00+01:00"), FarLimit)).ShouldBe("2026-03-29T03:00:00+02:00");
    }

    [Fact]
    public void GetState_AutumnRepeatedHour_OpenDuringBothOccurrences()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Su 02:00-03:00");
        schedule.GetState(At("2026-10-25T02:30:00+02:00")).Status.ShouldBe(OpeningStatus.Open);
        schedule.GetState(At("2026-10-25T02:30:00+01:00")).Status.ShouldBe(OpeningStatus.Open);
        Iso(schedule.GetNextChange(At("2026-10-25T00:30:00+02:00"), FarLimit)).ShouldBe("2026-10-25T02:00:00+02:00");
        Iso(schedule.GetNextChange(At("2026-10-25T02:30:00+02:00"), FarLimit)).ShouldBe("2026-10-25T03:00:00+01:00");
    }

    [Fact]
    public void GetIntervals_AutumnDay_LastsTwentyFiveHoursForAllDayRule()
    {
        var schedule = OpeningHoursSchedule.Parse("Su 00:00-24:00");
        var intervals = schedule.GetIntervals(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00"));
        intervals.Count.ShouldBe(1);
        (intervals[0].End - intervals[0].Start).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void GetNextChange_ResultOffset_MatchesLocalOffsetOfThatDate()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00");
        Iso(schedule.GetNextChange(At("2026-03-27T18:00:00+01:00"), FarLimit)).ShouldBe("2026-03-30T09:00:00+02:00");
        Iso(schedule.GetNextChange(At("2026-10-23T18:00:00+02:00"), FarLimit)).ShouldBe("2026-10-26T09:00:00+01:00");
    }

    [Fact]
    public void GetState_OtherTimeZone_EvaluatesInThatZone()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00");
        var reunion = new OpeningHoursOptions { TimeZoneId = "Indian/Reunion" };
        // 06:00 UTC is 10:00 in Réunion (UTC+4) but 07:00 in Paris.
        schedule.GetState(At("2026-11-24T06:00:00+00:00"), reunion).Status.ShouldBe(OpeningStatus.Open);
        schedule.GetState(At("2026-11-24T06:00:00+00:00")).Status.ShouldBe(OpeningStatus.Closed);
    }
}
