namespace Reperes.OpeningHours.Tests;

public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("Mo-Fr 09:00-17:00; SH off", 19, "School holidays (SH) are not supported")]
    [InlineData("Mo-Fr 9-17", 6, "needs minutes")]
    [InlineData("Mo-Fr 09:00", 6, "is not a range")]
    [InlineData("Mo-Fr 09:00-", 12, "expected an end time")]
    [InlineData("Mo-Fr 09:75-12:00", 9, "Invalid minutes '75'")]
    [InlineData("Mo-Fr 09:00-12:00 \"sur rendez-vous", 18, "Unterminated comment")]
    [InlineData("Mo-Fx 09:00-12:00", 3, "Unknown word 'Fx'")]
    [InlineData("Mo[0] 09:00-12:00", 3, "between -5 and 5")]
    [InlineData("Mo[1 09:00-12:00", 5, "expected ']'")]
    [InlineData("Feb 30 off", 4, "Day 30 does not exist in Feb")]
    [InlineData("week 0-10 off", 5, "Week numbers start at 1")]
    [InlineData("week 1-54 off", 7, "Week numbers end at 53")]
    [InlineData("week 1-53/1 off", 10, "between 2 and 26")]
    [InlineData("2027-2026 off", 0, "Reversed year range")]
    [InlineData("Mo 23:00-48:30", 9, "beyond the next midnight")]
    [InlineData("Mo 10:00-50:00", 9, "Invalid hour")]
    [InlineData("Mo-Fr 09:00-17:00 @", 18, "Unexpected character '@'")]
    [InlineData("sunrise-sunset", 0, "Variable times")]
    [InlineData("easter off", 0, "Easter-relative dates")]
    [InlineData("Mo-Fr 09:00-17:00 ]", 18, "Unexpected ']'")]
    [InlineData("|| open", 0, "A rule is missing before '||'")]
    [InlineData("Mo 10:00-12:00; || off", 16, "A rule is missing before '||'")]
    [InlineData("Jan Su[1]-Feb 03 off", 4, "Weekday occurrences inside a date")]
    public void Parse_InvalidValue_ThrowsWithMessageAndPosition(string value, int position, string messagePart)
    {
        var ex = Should.Throw<OpeningHoursParseException>(() => OpeningHoursSchedule.Parse(value));
        ex.Message.ShouldContain(messagePart, Case.Insensitive);
        ex.Position.ShouldBe(position);
    }

    [Fact]
    public void TryParse_InvalidValue_ReturnsFalseWithError()
    {
        OpeningHoursSchedule.TryParse("Mo-Fr 25:00-26:00", out var schedule, out var error).ShouldBeFalse();
        schedule.ShouldBeNull();
        error.ShouldNotBeNull();
        error.Message.ShouldContain("before 24:00");
        error.Position.ShouldBe(6);
    }

    [Fact]
    public void TryParse_ValidValue_ReturnsSchedule()
    {
        OpeningHoursSchedule.TryParse("Mo-Fr 09:00-17:00; PH off", out var schedule, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        schedule.ShouldNotBeNull().Value.ShouldBe("Mo-Fr 09:00-17:00; PH off");
    }

    [Fact]
    public void ParseException_IsFormatException()
    {
        var ex = Should.Throw<FormatException>(() => OpeningHoursSchedule.Parse("nonsense"));
        ex.ShouldBeOfType<OpeningHoursParseException>();
    }
}
