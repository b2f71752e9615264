using System.Globalization;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Tests.Core.Text;

public sealed class TypedDatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData("2026-12-24", "2026-12-24")]
    [InlineData("24/12/2026", "2026-12-24")]
    [InlineData("24/12", "2026-12-24")]
    [InlineData(" 24/12 ", "2026-12-24")]
    [InlineData("2/1", "2027-01-02")]
    [InlineData("02/01/2027", "2027-01-02")]
    [InlineData("24.12.26", "2026-12-24")]
    [InlineData("24-12-2026", "2026-12-24")]
    [InlineData("24 décembre", "2026-12-24")]
    [InlineData("24 decembre 2026", "2026-12-24")]
    [InlineData("1er janvier", "2027-01-01")]
    [InlineData("jeudi 24 décembre", "2026-12-24")]
    [InlineData("le 3 janv. 2027", "2027-01-03")]
    [InlineData("1/12", "2026-12-01")]
    [InlineData("15 sept", "2026-09-15")]
    public void Read_DayAsPeopleTypeIt_GivesTheDay(string typed, string expected) =>
        TypedDates.Read(typed, Today).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("")]
    [InlineData("demain")]
    [InlineData("31/02")]
    [InlineData("29/02/2027")]
    [InlineData("24/13/2026")]
    [InlineData("24 ju")]
    [InlineData("24/12/202")]
    [InlineData("12/24/2026")]
    [InlineData("24 12 2026 10")]
    public void Read_NotADay_GivesNothing(string typed) =>
        TypedDates.Read(typed, Today).ShouldBeNull();
}
