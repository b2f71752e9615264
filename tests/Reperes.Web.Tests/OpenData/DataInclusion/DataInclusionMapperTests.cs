using Reperes.Web.OpenData.DataInclusion;

namespace Reperes.Web.Tests.OpenData.DataInclusion;

public sealed class DataInclusionMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData("02 98 00 87 07", "+33298008707")]
    [InlineData("06.12.34.56.78", "+33612345678")]
    [InlineData("115", "115")]
    [InlineData("+33 2 98 00 87 07", "+33 2 98 00 87 07")]
    [InlineData("  ", null)]
    public void Phone_FrenchNumber_IsE164(string phone, string? expected) =>
        DataInclusionMapper.Phone(phone).ShouldBe(expected);

    [Theory]
    [InlineData("tous-publics|femmes", new[] { "tous-publics" })]
    [InlineData("femmes|jeunes", new[] { "femmes", "jeunes" })]
    public void Publics_TousPublics_StandsAlone(string publics, string[] expected) =>
        DataInclusionMapper.Publics(publics).ShouldBe(expected);

    [Fact]
    public void Publics_None_IsNull() => DataInclusionMapper.Publics("").ShouldBeNull();

    [Theory]
    [InlineData("2026-12-01T10:00:00+00:00", "2026-11-24")]
    [InlineData("1999-05-01T10:00:00+00:00", "2000-01-01")]
    [InlineData("2025-02-14T10:00:00+00:00", "2025-02-14")]
    public void UpdateDate_IsBetween2000AndToday(string updatedAt, string expected) =>
        DataInclusionMapper.UpdateDate(DateTimeOffset.Parse(updatedAt, System.Globalization.CultureInfo.InvariantCulture), Now).ShouldBe(expected);

    [Theory]
    [InlineData("https://ccas-brest.example.org", "https://ccas-brest.example.org")]
    [InlineData("https://exemple.fr/accès aux droits", "https://exemple.fr/acc%C3%A8s%20aux%20droits")]
    [InlineData("https://maïeutique.fr/", "https://xn--maeutique-15a.fr/")]
    [InlineData("www.exemple.fr", null)]
    [InlineData("ftp://exemple.fr", null)]
    [InlineData(null, null)]
    public void WebUri_GivesAnAsciiHttpAddress(string? value, string? expected) =>
        DataInclusionMapper.WebUri(value).ShouldBe(expected);
}
