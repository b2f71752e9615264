namespace Reperes.OpeningHours.Tests;

public sealed class HolidayTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_KnownYears_ReturnsGregorianEaster(int year, string expected) =>
        FrenchPublicHolidays.EasterSunday(year).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);

    [Theory]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    [InlineData(2028, "2028-04-17", "2028-05-25", "2028-06-05")]
    [InlineData(2029, "2029-04-02", "2029-05-10", "2029-05-21")]
    public void For_EasterBasedHolidays_AreOnExpectedDates(int year, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = FrenchPublicHolidays.For(year, PublicHolidayRegion.FranceMetropolitan);
        holidays.ShouldContain((DateOnly.Parse(easterMonday, System.Globalization.CultureInfo.InvariantCulture), "Lundi de Pâques"));
        holidays.ShouldContain((DateOnly.Parse(ascension, System.Globalization.CultureInfo.InvariantCulture), "Ascension"));
        holidays.ShouldContain((DateOnly.Parse(whitMonday, System.Globalization.CultureInfo.InvariantCulture), "Lundi de Pentecôte"));
    }

    [Fact]
    public void For_Metropolitan_HasElevenHolidaysInDateOrder()
    {
        var holidays = FrenchPublicHolidays.For(2026, PublicHolidayRegion.FranceMetropolitan);
        holidays.Count.ShouldBe(11);
        holidays.Select(h => h.Date).ShouldBeInOrder();
        holidays.Select(h => h.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(
            ["01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "08-15", "11-01", "11-11", "12-25"]);
    }

    [Fact]
    public void For_AlsaceMoselle_AddsGoodFridayAndSaintStephen()
    {
        var holidays = FrenchPublicHolidays.For(2026, PublicHolidayRegion.FranceAlsaceMoselle);
        holidays.Count.ShouldBe(13);
        holidays.ShouldContain((new DateOnly(2026, 4, 3), "Vendredi saint"));
        holidays.ShouldContain((new DateOnly(2026, 12, 26), "Lendemain de Noël"));
    }

    [Theory]
    [InlineData("2026-07-14", PublicHolidayRegion.FranceMetropolitan, true)]
    [InlineData("2026-07-13", PublicHolidayRegion.FranceMetropolitan, false)]
    [InlineData("2026-12-26", PublicHolidayRegion.FranceMetropolitan, false)]
    [InlineData("2026-12-26", PublicHolidayRegion.FranceAlsaceMoselle, true)]
    [InlineData("2027-01-01", PublicHolidayRegion.FranceMetropolitan, true)]
    public void IsHoliday_Dates_ReturnExpected(string date, PublicHolidayRegion region, bool expected) =>
        FrenchPublicHolidays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), region).ShouldBe(expected);
}
