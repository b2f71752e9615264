namespace Reperes.OpeningHours.Tests;

public sealed class WeeklyHoursGridTests
{
    private static readonly TimeRangeSlot Morning = new(new TimeOnly(9, 0), new TimeOnly(12, 0));
    private static readonly TimeRangeSlot Afternoon = new(new TimeOnly(14, 0), new TimeOnly(17, 0));

    private static WeeklyHoursGrid WednesdayAfternoonGrid()
    {
        var grid = new WeeklyHoursGrid { ClosedOnPublicHolidays = true };
        for (var d = 0; d < 5; d++)
        {
            grid.Days[d].Add(Morning);
        }

        grid.Days[2].Add(Afternoon);
        return grid;
    }

    [Fact]
    public void ToOpeningHours_WednesdayAlsoAfternoon_DoesNotLetALaterRuleDropTheMorning()
    {
        WednesdayAfternoonGrid().ToOpeningHours().ShouldBe("Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off");
    }

    [Fact]
    public void ToOpeningHours_WednesdayAlsoAfternoon_EvaluatesToExactlyThatWeek()
    {
        var schedule = OpeningHoursSchedule.Parse(WednesdayAfternoonGrid().ToOpeningHours());
        // 2026-07-13 is a Monday; 14 July is a public holiday.
        var week = OpeningHoursText.Week(schedule, new DateOnly(2026, 7, 13));
        var morning = new DayRange(new TimeOnly(9, 0), new TimeOnly(12, 0), OpeningStatus.Open, null);
        var afternoon = new DayRange(new TimeOnly(14, 0), new TimeOnly(17, 0), OpeningStatus.Open, null);
        week[0].Ranges.ShouldBe([morning]);
        week[1].Ranges.ShouldBeEmpty();
        week[2].Ranges.ShouldBe([morning, afternoon]);
        week[3].Ranges.ShouldBe([morning]);
        week[4].Ranges.ShouldBe([morning]);
        week[5].Ranges.ShouldBeEmpty();
        week[6].Ranges.ShouldBeEmpty();
    }

    [Fact]
    public void ToOpeningHours_OverrideStyleString_IsReadBackAsSameWeek()
    {
        WeeklyHoursGrid.TryFromOpeningHours("Mo-Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off", out var grid).ShouldBeTrue();
        grid!.ToOpeningHours().ShouldBe("Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off");
    }

    [Fact]
    public void TryFromOpeningHours_LaterRuleReplacesDays()
    {
        WeeklyHoursGrid.TryFromOpeningHours("Mo-Fr 09:00-17:00; We 09:00-12:00", out var grid).ShouldBeTrue();
        grid!.Days[2].ShouldBe([Morning]);
        grid.Days[0].ShouldBe([new TimeRangeSlot(new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        grid.ClosedOnPublicHolidays.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off")]
    [InlineData("Mo-Sa 08:30-12:00,13:30-18:00")]
    [InlineData("Tu,Th 14:00-17:00 \"sur rendez-vous\"")]
    [InlineData("Mo-Fr 09:00-17:00 open \"accueil sans rendez-vous\"; PH off")]
    [InlineData("Mo-Su 19:00-08:00")]
    [InlineData("Mo-Fr 09:00-24:00")]
    [InlineData("off")]
    public void RoundTrip_GridString_KeepsSameMeaning(string value)
    {
        WeeklyHoursGrid.TryFromOpeningHours(value, out var grid).ShouldBeTrue();
        var written = grid!.ToOpeningHours();
        WeeklyHoursGrid.TryFromOpeningHours(written, out var again).ShouldBeTrue();
        again!.ToOpeningHours().ShouldBe(written);
        var original = OpeningHoursSchedule.Parse(value);
        var rewritten = OpeningHoursSchedule.Parse(written);
        foreach (var day in new[] { new DateOnly(2026, 11, 23), new DateOnly(2026, 7, 13) })
        {
            Flatten(OpeningHoursText.Week(rewritten, day)).ShouldBe(Flatten(OpeningHoursText.Week(original, day)), written);
        }
    }

    private static List<string> Flatten(IReadOnlyList<DaySchedule> week) =>
        [.. week.Select(d => $"{d.Date:yyyy-MM-dd} {d.IsPublicHoliday} " + string.Join(",", d.Ranges.Select(r => $"{r.Start}-{r.End}/{r.Status}/{r.Comment}")))];

    [Fact]
    public void ToOpeningHours_ByAppointmentOnly_WritesUnknownSlots()
    {
        var grid = new WeeklyHoursGrid { ByAppointmentOnly = true };
        grid.Days[1].Add(Afternoon);
        grid.Days[3].Add(Afternoon);
        var value = grid.ToOpeningHours();
        value.ShouldBe("Tu,Th 14:00-17:00 \"sur rendez-vous\"");
        OpeningHoursSchedule.Parse(value).GetState(DateTimeOffset.Parse("2026-11-24T15:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(new OpeningState(OpeningStatus.Unknown, "sur rendez-vous"));
        WeeklyHoursGrid.TryFromOpeningHours(value, out var back).ShouldBeTrue();
        back!.ByAppointmentOnly.ShouldBeTrue();
        back.Note.ShouldBeNull();
    }

    [Fact]
    public void ToOpeningHours_Note_KeepsSlotsOpenWithComment()
    {
        var grid = new WeeklyHoursGrid { Note = "entrée par la cour \"B\"" };
        grid.Days[0].Add(Morning);
        grid.ToOpeningHours().ShouldBe("Mo 09:00-12:00 open \"entrée par la cour 'B'\"");
    }

    [Fact]
    public void ToOpeningHours_EmptyGrid_IsOff() =>
        new WeeklyHoursGrid().ToOpeningHours().ShouldBe("off");

    [Theory]
    [InlineData("Mo[1] 09:00-12:00")]
    [InlineData("Jan-Mar Mo-Fr 09:00-12:00")]
    [InlineData("Mo-Fr 09:00-17:00 || \"sur rendez-vous\"")]
    [InlineData("PH off; Mo-Fr 09:00-17:00")]
    [InlineData("Mo-Fr 18:00+")]
    [InlineData("Mo-Fr 09:00-17:00; Dec 25 off")]
    [InlineData("week 1-53/2 Mo 09:00-12:00")]
    [InlineData("not a value")]
    public void TryFromOpeningHours_NotAWeeklyPattern_Fails(string value)
    {
        WeeklyHoursGrid.TryFromOpeningHours(value, out var grid).ShouldBeFalse();
        grid.ShouldBeNull();
    }
}
