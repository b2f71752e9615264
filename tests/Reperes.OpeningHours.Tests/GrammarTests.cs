using static Reperes.OpeningHours.Tests.TestTime;

namespace Reperes.OpeningHours.Tests;

/// <summary>One or more checks per grammar feature; instants are in Europe/Paris (2026-11-23 is a Monday).</summary>
public sealed class GrammarTests
{
    [Theory]
    [InlineData("Mo-Fr 09:00-17:00", "2026-11-24T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo-Fr 09:00-17:00", "2026-11-28T10:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Tu,Th 14:00-18:00", "2026-11-26T15:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Tu,Th 14:00-18:00", "2026-11-25T15:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Su-Tu 10:00-18:00", "2026-11-29T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Su-Tu 10:00-18:00", "2026-11-24T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Su-Tu 10:00-18:00", "2026-11-25T11:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Sa-Mo 08:00-20:00", "2026-11-23T09:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Sa-Mo 08:00-20:00", "2026-11-27T09:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("mo-fr 09:00-17:00", "2026-11-24T10:00:00+01:00", OpeningStatus.Open)]
    public void GetState_WeekdaySelectors_MatchExpectedDays(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Theory]
    [InlineData("Mo[1] 09:00-12:00", "2026-11-02T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo[1] 09:00-12:00", "2026-11-09T10:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Fr[-1] 14:00-17:00", "2026-11-27T15:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Fr[-1] 14:00-17:00", "2026-11-20T15:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("We[2,4] 09:00-12:00", "2026-11-11T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("We[2,4] 09:00-12:00", "2026-11-25T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("We[2,4] 09:00-12:00", "2026-11-18T10:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo[1-2] 10:00-16:00", "2026-11-09T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo[1-2] 10:00-16:00", "2026-11-16T11:00:00+01:00", OpeningStatus.Closed)]
    public void GetState_NthWeekdayOfMonth_MatchesOnlyThatOccurrence(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    /// <summary>A single month then an nth weekday, without a colon: both apply (the specification's own examples).</summary>
    [Theory]
    [InlineData("Sep We[1] 14:00-16:00", "2026-09-02T15:00:00+02:00", OpeningStatus.Open)]
    [InlineData("Sep We[1] 14:00-16:00", "2026-09-09T15:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Sep We[1] 14:00-16:00", "2026-10-07T15:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; Nov Th[4] off", "2026-11-26T10:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; Nov Th[4] off", "2026-11-19T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo-Fr 09:00-17:00; Nov Th[4] off", "2026-12-24T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Dec Fr[-1] 10:00-12:00", "2026-12-25T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Dec Fr[-1] 10:00-12:00", "2026-12-18T11:00:00+01:00", OpeningStatus.Closed)]
    public void GetState_MonthThenNthWeekdayWithoutColon_AppliesBoth(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30", "2026-11-24T12:30:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30", "2026-11-24T17:29:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30", "2026-11-24T17:30:00+01:00", OpeningStatus.Closed)]
    [InlineData("Fr 22:00-02:00", "2026-11-28T01:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Fr 22:00-26:00", "2026-11-28T01:59:00+01:00", OpeningStatus.Open)]
    [InlineData("Fr 22:00-26:00", "2026-11-28T02:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Su 19:00-08:00", "2026-11-24T07:00:00+01:00", OpeningStatus.Open)]
    [InlineData("24/7", "2026-11-24T03:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo-Fr 00:00-24:00", "2026-11-24T00:00:00+01:00", OpeningStatus.Open)]
    public void GetState_TimeRanges_IncludingPastMidnight(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Fact]
    public void GetState_OpenEnd_IsUnknownWithReferenceComment()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Su 18:00+");
        var state = schedule.GetState(At("2026-11-24T23:00:00+01:00"));
        state.Status.ShouldBe(OpeningStatus.Unknown);
        state.Comment.ShouldBe("Indiqué comme \"open end\" (fin ouverte). L'heure de fermeture a été estimée.");
        // opening_hours.js guesses 10 hours after a start between 17:00 and 22:00.
        Iso(schedule.GetNextChange(At("2026-11-24T23:00:00+01:00"), At("2026-12-24T00:00:00+01:00"))).ShouldBe("2026-11-25T04:00:00+01:00");
    }

    [Theory]
    [InlineData("Jan-Mar 09:00-12:00", "2026-02-10T10:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Jan-Mar 09:00-12:00", "2026-04-10T10:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Dec-Feb 10:00-16:00", "2027-01-15T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Dec-Feb 10:00-16:00", "2026-11-15T11:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Su 10:00-18:00; Dec 24-Jan 02 off", "2026-12-31T11:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Su 10:00-18:00; Dec 24-Jan 02 off", "2027-01-03T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("Mo-Su 10:00-18:00; Jul 14 off", "2026-07-14T11:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; 2026 Aug 01-2026 Aug 20 off", "2026-08-20T10:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; 2026 Aug 01-2026 Aug 20 off", "2027-08-10T10:00:00+02:00", OpeningStatus.Open)]
    [InlineData("2026-2027 Mo-Fr 09:00-17:00", "2027-06-01T10:00:00+02:00", OpeningStatus.Open)]
    [InlineData("2026-2027 Mo-Fr 09:00-17:00", "2028-06-01T10:00:00+02:00", OpeningStatus.Closed)]
    public void GetState_MonthsDatesAndYears_SelectExpectedPeriods(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Theory]
    [InlineData("week 1-53/2 Mo-Fr 09:00-12:00", "2026-12-28T10:00:00+01:00", OpeningStatus.Open)] // ISO week 53 of 2026
    [InlineData("week 1-53/2 Mo-Fr 09:00-12:00", "2026-12-21T10:00:00+01:00", OpeningStatus.Closed)] // week 52
    [InlineData("week 01,05 Mo 10:00-12:00", "2026-01-26T11:00:00+01:00", OpeningStatus.Open)] // week 5
    [InlineData("week 01,05 Mo 10:00-12:00", "2026-01-12T11:00:00+01:00", OpeningStatus.Closed)] // week 3
    [InlineData("week 53 Mo-Fr 09:00-17:00", "2032-12-27T10:00:00+01:00", OpeningStatus.Open)]
    public void GetState_IsoWeeks_UseIsoNumbering(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Theory]
    [InlineData("off", OpeningStatus.Closed)]
    [InlineData("closed", OpeningStatus.Closed)]
    [InlineData("open", OpeningStatus.Open)]
    [InlineData("unknown", OpeningStatus.Unknown)]
    [InlineData("24/7 closed", OpeningStatus.Closed)]
    public void GetState_StateKeywords_ApplyAllTheTime(string value, OpeningStatus expected) =>
        Status(value, "2026-11-24T10:00:00+01:00").ShouldBe(expected);

    [Fact]
    public void GetState_CommentOnlyRule_IsUnknownWithCommentForever()
    {
        var schedule = OpeningHoursSchedule.Parse("\"sur rendez-vous\"");
        schedule.GetState(At("2026-11-24T10:00:00+01:00")).ShouldBe(new OpeningState(OpeningStatus.Unknown, "sur rendez-vous"));
        schedule.GetNextChange(At("2026-11-24T10:00:00+01:00"), At("2027-11-24T10:00:00+01:00")).ShouldBeNull();
    }

    [Fact]
    public void GetState_CommentWithoutState_MakesRangeUnknown()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00 \"sur rendez-vous\"");
        schedule.GetState(At("2026-11-24T10:00:00+01:00")).ShouldBe(new OpeningState(OpeningStatus.Unknown, "sur rendez-vous"));
        schedule.GetState(At("2026-11-24T13:00:00+01:00")).ShouldBe(new OpeningState(OpeningStatus.Closed, null));
    }

    [Fact]
    public void GetState_OpenWithComment_IsOpenWithComment() =>
        OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00 open \"accueil\"").GetState(At("2026-11-24T10:00:00+01:00"))
            .ShouldBe(new OpeningState(OpeningStatus.Open, "accueil"));

    [Theory]
    [InlineData("2026-11-25T15:00:00+01:00", OpeningStatus.Closed)] // We rule replaces Mo-Fr on Wednesday
    [InlineData("2026-11-25T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("2026-11-24T15:00:00+01:00", OpeningStatus.Open)]
    public void GetState_LaterRule_ReplacesEarlierRuleOnItsDays(string instant, OpeningStatus expected) =>
        Status("Mo-Fr 10:00-20:00; We 10:00-12:00", instant).ShouldBe(expected);

    [Theory]
    [InlineData("2026-11-23T11:00:00+01:00", OpeningStatus.Open)]
    [InlineData("2026-11-25T15:00:00+01:00", OpeningStatus.Open)]
    [InlineData("2026-11-25T13:00:00+01:00", OpeningStatus.Closed)]
    public void GetState_AdditionalRuleWithComma_AddsToEarlierRule(string instant, OpeningStatus expected) =>
        Status("Mo-Fr 10:00-12:00, We 14:00-16:00", instant).ShouldBe(expected);

    [Fact]
    public void GetState_FallbackRule_AppliesOnlyWhenOtherwiseClosed()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00 || \"sur rendez-vous\"");
        schedule.GetState(At("2026-11-24T10:00:00+01:00")).ShouldBe(new OpeningState(OpeningStatus.Open, null));
        schedule.GetState(At("2026-11-28T10:00:00+01:00")).ShouldBe(new OpeningState(OpeningStatus.Unknown, "sur rendez-vous"));
    }

    [Fact]
    public void GetState_PhOff_IsClosedWithHolidayName()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00; PH off");
        schedule.GetState(At("2026-07-14T10:00:00+02:00")).ShouldBe(new OpeningState(OpeningStatus.Closed, "Fête Nationale de la France"));
        schedule.GetState(At("2026-07-15T10:00:00+02:00")).ShouldBe(new OpeningState(OpeningStatus.Open, null));
    }

    [Theory]
    [InlineData("PH 10:00-12:00", "2026-05-14T11:00:00+02:00", OpeningStatus.Open)] // Ascension
    [InlineData("PH 10:00-12:00", "2026-05-15T11:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr,PH 09:00-17:00", "2026-08-15T10:00:00+02:00", OpeningStatus.Open)] // Saturday holiday
    [InlineData("Mo-Fr,PH 09:00-17:00", "2026-08-22T10:00:00+02:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; PH 10:00-12:00", "2026-11-11T15:00:00+01:00", OpeningStatus.Closed)]
    [InlineData("Mo-Fr 09:00-17:00; PH 10:00-12:00", "2026-11-11T11:00:00+01:00", OpeningStatus.Open)]
    public void GetState_PublicHolidaySelectors_UseFrenchHolidays(string value, string instant, OpeningStatus expected) =>
        Status(value, instant).ShouldBe(expected);

    [Fact]
    public void GetState_AlsaceMoselleRegion_AddsGoodFridayAndBoxingDay()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00; PH off");
        var alsace = new OpeningHoursOptions { HolidayRegion = PublicHolidayRegion.FranceAlsaceMoselle };
        schedule.GetState(At("2026-04-03T10:00:00+02:00")).Status.ShouldBe(OpeningStatus.Open);
        schedule.GetState(At("2026-04-03T10:00:00+02:00"), alsace).ShouldBe(new OpeningState(OpeningStatus.Closed, "Vendredi saint"));
        schedule.GetState(At("2025-12-26T10:00:00+01:00"), alsace).Status.ShouldBe(OpeningStatus.Closed);
    }

    [Fact]
    public void GetNextChange_ChangeAfterLimit_ReturnsNull()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-17:00");
        schedule.GetNextChange(At("2026-11-24T10:00:00+01:00"), At("2026-11-24T16:59:00+01:00")).ShouldBeNull();
        Iso(schedule.GetNextChange(At("2026-11-24T10:00:00+01:00"), At("2026-11-24T17:00:00+01:00"))).ShouldBe("2026-11-24T17:00:00+01:00");
    }

    [Fact]
    public void GetNextChange_CommentChange_CountsAsChange()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00 open \"matin\", Mo-Fr 12:00-17:00 open \"après-midi\"");
        Iso(schedule.GetNextChange(At("2026-11-24T10:00:00+01:00"), At("2026-12-24T10:00:00+01:00"))).ShouldBe("2026-11-24T12:00:00+01:00");
    }

    [Fact]
    public void GetIntervals_Week_ReturnsClippedMergedRanges()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 22:00-02:00");
        var intervals = schedule.GetIntervals(At("2026-11-23T00:00:00+01:00"), At("2026-11-24T01:00:00+01:00"));
        intervals.Select(i => $"{Iso(i.Start)} {Iso(i.End)} {i.Status}").ShouldBe(
        [
            "2026-11-23T22:00:00+01:00 2026-11-24T01:00:00+01:00 Open",
        ]);
    }

    [Fact]
    public void GetIntervals_UnknownRanges_AreListedWithComment()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo 09:00-12:00; Tu 14:00-16:00 \"sur rendez-vous\"");
        var intervals = schedule.GetIntervals(At("2026-11-23T00:00:00+01:00"), At("2026-11-30T00:00:00+01:00"));
        intervals.ShouldBe(
        [
            new OpeningInterval(At("2026-11-23T09:00:00+01:00"), At("2026-11-23T12:00:00+01:00"), OpeningStatus.Open, null),
            new OpeningInterval(At("2026-11-24T14:00:00+01:00"), At("2026-11-24T16:00:00+01:00"), OpeningStatus.Unknown, "sur rendez-vous"),
        ]);
    }

    [Fact]
    public void Parse_SameSchedule_CanBeUsedFromManyThreads()
    {
        var schedule = OpeningHoursSchedule.Parse("Mo-Fr 09:00-12:00,14:00-17:30; PH off");
        var start = At("2026-01-01T00:00:00+01:00");
        var results = Enumerable.Range(0, 2000).AsParallel()
            .Select(i => schedule.GetState(start.AddMinutes(i * 37)).Status)
            .ToList();
        var sequential = Enumerable.Range(0, 2000).Select(i => schedule.GetState(start.AddMinutes(i * 37)).Status).ToList();
        results.ShouldBe(sequential);
    }
}
