using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Tests.Guide.Hours;

/// <summary>Regular hours laid out for paper: days of the same hours together, nights, seasons, months, holidays.</summary>
public sealed class HoursSummaryTests
{
    private static readonly IStringLocalizer Strings = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    /// <summary>Saturday 5 December 2026: Christmas and New Year's Day come within 30 days.</summary>
    private static readonly DateOnly December = new(2026, 12, 5);

    /// <summary>Tuesday 12 May 2026: no holiday before Ascension on the 14th.</summary>
    private static readonly DateOnly Spring = new(2026, 5, 12);

    private readonly HoursSummaries summaries = new(new HoursEvaluator());

    private string Line(string expression, DateOnly today)
    {
        var summary = summaries.Regular(expression, today);
        var holidays = HoursSummaryText.Holidays(summary, Strings, French);
        return string.Join(" ; ", HoursSummaryText.Periods(summary, Strings, French)) + (holidays is null ? "" : " ; " + holidays);
    }

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00; Sa 10:00-12:30", "lun–ven 9:00–12:00 · sam 10:00–12:30 ; jours fériés : horaires habituels")]
    [InlineData("Mo-Fr 08:30-12:00,13:30-17:30; PH off", "lun–ven 8:30–12:00, 13:30–17:30 ; fermé les jours fériés (25 décembre, 1er janvier)")]
    [InlineData("Mo,We,Fr 09:00-12:00", "lun, mer, ven 9:00–12:00 ; jours fériés : horaires habituels")]
    [InlineData("Mo,Tu,Th 14:00-17:00; Tu,Th 09:30-11:30,14:00-17:00; PH off", "lun 14:00–17:00 · mar, jeu 9:30–11:30, 14:00–17:00 ; fermé les jours fériés")]
    [InlineData("Mo-Su 20:00-23:30", "tous les jours 20:00–23:30 ; jours fériés : horaires habituels")]
    [InlineData("Mo-Su 13:00-03:00", "tous les jours 13:00–3:00 ; jours fériés : horaires habituels")]
    [InlineData("Mo-Su 18:00-24:00,00:00-09:00", "tous les jours 18:00–9:00 ; jours fériés : horaires habituels")]
    [InlineData("24/7", "tous les jours 24 h/24 ; jours fériés : horaires habituels")]
    [InlineData("Tu,Th 09:00-12:00 \"sur rendez-vous\"", "mar, jeu 9:00–12:00 (sur rendez-vous) ; jours fériés : horaires habituels")]
    [InlineData("Mo-Fr 09:00-12:00; PH 10:00-11:00", "lun–ven 9:00–12:00 ; jours fériés : 10:00–11:00")]
    public void Regular_WeeklyHours_GroupsDaysOfTheSameHours(string expression, string expected)
    {
        Line(expression, December).ShouldBe(expected);
    }

    [Fact]
    public void Regular_Seasons_SaysUntilWhenAndFromWhen()
    {
        // Thursday 1 April 2027 is closed in both seasons: the hours first differ on Friday the 2nd.
        Line("Nov-Mar Mo,We,Fr 19:30-21:00; Apr-Oct off", December)
            .ShouldBe("jusqu’au 1er avril : lun, mer, ven 19:30–21:00 ; à partir du 2 avril : fermé ; jours fériés : horaires habituels");
    }

    [Fact]
    public void Regular_DaysOfTheMonth_GivesTheDatesOfTheNextFiveWeeks()
    {
        // The first and third Monday: 7 and 21 December, 4 January 2027.
        Line("Mo[1,3] 14:00-17:00 \"sur rendez-vous\"", December)
            .ShouldBe("lun 7 déc., lun 21 déc., lun 4 janv. 14:00–17:00 (sur rendez-vous)");
    }

    [Fact]
    public void Regular_HolidayOnAnOpenDay_IsStatedWithItsDate()
    {
        // Ascension (Thursday 14 May) and Whit Monday (25 May) fall within 30 days.
        Line("Mo-Fr 09:00-17:00; PH off", Spring).ShouldBe("lun–ven 9:00–17:00 ; fermé les jours fériés (14 mai, 25 mai)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hours")]
    public void Regular_UnreadableHours_AreUnknown(string expression)
    {
        summaries.Regular(expression, December).Known.ShouldBeFalse();
    }

    [Fact]
    public void Between_ExceptionalHours_NamesTheirDaysAndSaysTheOthersAreClosed()
    {
        var period = summaries.Between("Tu-Sa 13:00-18:00", new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 27), December)!;

        HoursSummaryText.Week(period, Strings, French).ShouldBe("mar–sam 13:00–18:00 ; fermé les autres jours");
    }

    [Fact]
    public void Between_AlreadyStarted_StartsToday()
    {
        var period = summaries.Between("Mo-Su 10:00-12:00", new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 31), December)!;

        period.From.ShouldBe(December);
        HoursSummaryText.Week(period, Strings, French).ShouldBe("tous les jours 10:00–12:00");
    }
}
