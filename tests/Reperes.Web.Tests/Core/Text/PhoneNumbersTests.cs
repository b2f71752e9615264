using Reperes.Web.Core.Text;

namespace Reperes.Web.Tests.Core.Text;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("02 98 00 12 34", "02 98 00 12 34")]
    [InlineData("0298001234", "02 98 00 12 34")]
    [InlineData("02.98.00.12.34", "02 98 00 12 34")]
    [InlineData("02-98-00-12-34", "02 98 00 12 34")]
    [InlineData("02 98 001 234", "02 98 00 12 34")]
    [InlineData("02/98/00/12/34", "02 98 00 12 34")]
    [InlineData(" 06 12 34 56 78 ", "06 12 34 56 78")]
    [InlineData("02\u00A098\u00A000\u00A012\u00A034", "02 98 00 12 34")]
    [InlineData("+33 2 98 00 12 34", "02 98 00 12 34")]
    [InlineData("+33298001234", "02 98 00 12 34")]
    [InlineData("+33 (0)2 98 00 12 34", "02 98 00 12 34")]
    [InlineData("+33 02 98 00 12 34", "02 98 00 12 34")]
    [InlineData("0033 2 98 00 12 34", "02 98 00 12 34")]
    [InlineData("0262 12 34 56", "02 62 12 34 56")]
    [InlineData("115", "115")]
    [InlineData("3919", "3919")]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("0044 20 7946 0958", "+44 20 7946 0958")]
    public void Normalize_CommonSpellings_OneWay(string typed, string expected) =>
        PhoneNumbers.Normalize(typed).ShouldBe(expected);

    [Theory]
    [InlineData("298001234")]
    [InlineData("02 98 00 12 3")]
    [InlineData("02 98 00 12 345")]
    [InlineData("00 00 12 34 56")]
    [InlineData("tél. 02 98 00 12 34")]
    [InlineData("02 98 00 12 34 ou 06 12 34 56 78")]
    [InlineData("+33 2 98")]
    [InlineData("11 5")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_NotANumber_Null(string? typed) => PhoneNumbers.Normalize(typed).ShouldBeNull();

    [Theory]
    [InlineData("02.98.00.12.34", true)]
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("115", false)]
    [InlineData("not a number", false)]
    public void IsPersonalNumber_ShortNumbersExcluded(string typed, bool expected) => PhoneNumbers.IsPersonalNumber(typed).ShouldBe(expected);
}
