using static Reperes.OpeningHours.Tests.TestTime;

namespace Reperes.OpeningHours.Tests;

public sealed class TextTests
{
    private static readonly OpeningHoursSchedule Office = OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00,14:00-17:30; PH off");

    [Theory]
    [InlineData("2026-11-24T10:00:00+01:00", "Ouvert · ferme à 12:00")]
    [InlineData("2026-11-24T12:30:00+01:00", "Fermé · ouvre à 14:00")]
    [InlineData("2026-11-24T17:30:00+01:00", "Fermé · ouvre demain à 9:00")]
    [InlineData("2026-11-27T18:00:00+01:00", "Fermé · ouvre lundi à 9:00")]
    [InlineData("2026-07-14T10:00:00+02:00", "Fermé · ouvre demain à 9:00")]
    [InlineData("2026-04-06T10:00:00+02:00", "Fermé · ouvre demain à 9:00")]
    public void DescribeNow_OfficeHours_French(string instant, string expected) =>
        OpeningHoursText.DescribeNow(Office, At(instant)).ShouldBe(expected);

    [Theory]
    [InlineData("2026-11-24T10:00:00+01:00", "Open · closes at 12:00")]
    [InlineData("2026-11-24T12:30:00+01:00", "Closed · opens at 14:00")]
    [InlineData("2026-11-24T17:30:00+01:00", "Closed · opens tomorrow at 9:00")]
    [InlineData("2026-11-27T18:00:00+01:00", "Closed · opens Monday at 9:00")]
    public void DescribeNow_OfficeHours_English(string instant, string expected) =>
        OpeningHoursText.DescribeNow(Office, At(instant), "en").ShouldBe(expected);

    [Fact]
    public void DescribeNow_HolidayClosures_AreClosed()
    {
        Office.GetState(At("2026-07-14T10:00:00+02:00")).Status.ShouldBe(OpeningStatus.Closed);
        Office.GetState(At("2026-04-06T10:00:00+02:00")).Status.ShouldBe(OpeningStatus.Closed);
        Office.GetState(At("2026-04-07T10:00:00+02:00")).Status.ShouldBe(OpeningStatus.Open);
    }

    [Fact]
    public void DescribeNow_OvernightRange_SaysTomorrow() =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse("Fr 22:00-02:00"), At("2026-11-27T23:00:00+01:00"))
            .ShouldBe("Ouvert · ferme demain à 2:00");

    [Fact]
    public void DescribeNow_OpeningMoreThanSixDaysAway_GivesDate() =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse("Mo-Su 09:00-17:00; Dec 24-Jan 01 off"), At("2026-12-24T10:00:00+01:00"))
            .ShouldBe("Fermé · ouvre le 2 janvier à 9:00");

    [Fact]
    public void DescribeNow_FirstOfMonth_UsesOrdinal() =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse("Mo-Su 09:00-17:00; Apr 10-30 off"), At("2026-04-10T10:00:00+02:00"))
            .ShouldBe("Fermé · ouvre le 1er mai à 9:00");

    [Fact]
    public void DescribeNow_UnknownWithComment_ReturnsCapitalizedComment() =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse("\"sur rendez-vous\""), At("2026-11-24T10:00:00+01:00"))
            .ShouldBe("Sur rendez-vous");

    [Theory]
    [InlineData("24/7", "fr", "Ouvert 24h/24")]
    [InlineData("24/7", "en", "Open 24/7")]
    [InlineData("off", "fr", "Fermé")]
    [InlineData("off", "en", "Closed")]
    [InlineData("unknown", "fr", "Horaires incertains")]
    [InlineData("Mo-Su 18:00+", "fr", "Ouvert · heure de fermeture non précisée")]
    public void DescribeNow_SpecialStates_HaveFixedTexts(string value, string culture, string expected) =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse(value), At("2026-11-24T20:00:00+01:00"), culture).ShouldBe(expected);

    [Fact]
    public void DescribeNow_OpenWithComment_AppendsComment() =>
        OpeningHoursText.DescribeNow(OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00 open \"accueil\""), At("2026-11-24T10:00:00+01:00"))
            .ShouldBe("Ouvert · ferme à 12:00 (accueil)");

    [Fact]
    public void Week_OfficeHoursAroundBastilleDay_ListsRangesAndHoliday()
    {
        var week = OpeningHoursText.Week(Office, new DateOnly(2026, 7, 13));
        week.Count.ShouldBe(7);
        week[0].Date.ShouldBe(new DateOnly(2026, 7, 13));
        week[0].IsPublicHoliday.ShouldBeFalse();
        week[0].Ranges.ShouldBe(
        [
            new DayRange(new TimeOnly(9, 0), new TimeOnly(12, 0), OpeningStatus.Open, null),
            new DayRange(new TimeOnly(14, 0), new TimeOnly(17, 30), OpeningStatus.Open, null),
        ]);
        week[1].IsPublicHoliday.ShouldBeTrue();
        week[1].Ranges.ShouldBeEmpty();
        week[5].Ranges.ShouldBeEmpty();
        week[6].Ranges.ShouldBeEmpty();
    }

    [Fact]
    public void Week_RangePastMidnight_IsSplitAcrossDays()
    {
        var week = OpeningHoursText.Week(OpeningHoursSchedule.Parse("Fr 22:00-02:00 \"maraude\""), new DateOnly(2026, 11, 23));
        week[4].Ranges.ShouldBe([new DayRange(new TimeOnly(22, 0), null, OpeningStatus.Unknown, "maraude")]);
        week[5].Ranges.ShouldBe([new DayRange(new TimeOnly(0, 0), new TimeOnly(2, 0), OpeningStatus.Unknown, "maraude")]);
    }
}
