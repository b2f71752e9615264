using Microsoft.Extensions.Logging.Abstractions;
using Reperes.Web.Guide.Communes;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Communes;

/// <summary>The national list of communes built from npm packages, and how typed names, postal codes and codes find them.</summary>
public sealed class FrenchCommunesTests
{
    private static readonly FrenchCommunes Communes = new(NullLogger<FrenchCommunes>.Instance);

    /// <summary>Brest: the guide's territory, which orders homonyms.</summary>
    private static readonly (double, double) Brest = (48.3904, -4.4861);

    private static FrenchCommune Found(string text)
    {
        var lookup = Communes.Lookup(text, Brest);
        lookup.Kind.ShouldBe(CommuneMatchKind.Found, text);
        return lookup.Commune!;
    }

    [Fact]
    public void All_NationalList_HoldsEveryCommuneDistrictAndOverseasCommune()
    {
        var current = Communes.All.Where(c => c.Kind == CommuneKind.Commune).ToList();

        current.Count.ShouldBeInRange(34_800, 35_200);
        Communes.All.Count(c => c.Kind == CommuneKind.MunicipalDistrict).ShouldBe(45);
        current.Count(c => c.Department == "29").ShouldBe(277);
        Communes.ByCode("97411")!.Name.ShouldBe("Saint-Denis");
        Communes.ByCode("2A004")!.Name.ShouldBe("Ajaccio");
        Communes.ByCode("75056")!.PostalCodes.Count.ShouldBe(21);
        // Positions: almost all communes have one, most from their own place.
        current.Count(c => c.HasCentre).ShouldBeGreaterThan(34_700);
        current.Count(c => c.Precision == CentrePrecision.Exact).ShouldBeGreaterThan(14_000);
    }

    [Theory]
    [InlineData("Plouzané", "29212")]
    [InlineData("plouzane", "29212")]
    [InlineData("PLOUZANE", "29212")]
    [InlineData("plouzane 29280", "29212")]
    [InlineData("Plouzané (29)", "29212")]
    [InlineData("Saint-Renan", "29260")]
    [InlineData("st renan", "29260")]
    [InlineData("saint renan", "29260")]
    [InlineData("SaintRenan", "29260")]
    [InlineData("Landerneau", "29103")]
    [InlineData("Le Relecq-Kerhuon", "29235")]
    [InlineData("relecq kerhuon", "29235")]
    [InlineData("Guilligomarch", "29071")]
    [InlineData("29019", "29019")]
    [InlineData("Ajaccio", "2A004")]
    [InlineData("Paris 13", "75113")]
    [InlineData("paris 13e", "75113")]
    [InlineData("75013", "75113")]
    [InlineData("Lyon 1er", "69381")]
    [InlineData("Saint-Sauveur", "29262")]
    [InlineData("Plouhinec", "29197")]
    [InlineData("Plouhinec 56", "56169")]
    [InlineData("Plouhinec 56680", "56169")]
    public void Lookup_NameCodeOrQualifiedName_FindsTheCommune(string text, string code) => Found(text).Code.ShouldBe(code);

    [Fact]
    public void Lookup_PostalCodeOfSeveralCommunes_GivesTheMainOneAndTheOthers()
    {
        var lookup = Communes.Lookup("29280", Brest);

        lookup.Commune!.Name.ShouldBe("Plouzané");
        lookup.Others.Select(o => o.Name).ShouldBe(["Locmaria-Plouzané"]);
        Found("29200").Name.ShouldBe("Brest");
    }

    [Fact]
    public void Lookup_Homonyms_TheGuidesTerritoryFirstAndTheOthersListed()
    {
        var lookup = Communes.Lookup("Saint-Sauveur", Brest);

        lookup.Commune!.Department.ShouldBe("29");
        lookup.Others.Count.ShouldBeGreaterThan(5);
        lookup.Others.ShouldAllBe(o => o.Name == "Saint-Sauveur");
    }

    [Fact]
    public void Lookup_DelegatedCommune_FoundByItsNameAndAddressedWithItsCommunesCode()
    {
        var milizac = Found("Milizac");

        milizac.Kind.ShouldBe(CommuneKind.Delegated);
        milizac.AddressCode.ShouldBe("29076");
        milizac.PostalCodes.ShouldContain("29290");
        milizac.HasCentre.ShouldBeTrue();
    }

    [Theory]
    [InlineData("plouzne", "Plouzané")]
    [InlineData("landernau", "Landerneau")]
    [InlineData("Gouesnoux", "Gouesnou")]
    [InlineData("Plouza", "Plouzané")]
    [InlineData("saint rena", "Saint-Renan")]
    public void Lookup_MisspeltOrUnfinishedName_CorrectedWhenOnlyOneCommuneIsThatClose(string text, string name)
    {
        var lookup = Communes.Lookup(text, Brest);

        lookup.Kind.ShouldBe(CommuneMatchKind.Corrected);
        lookup.Commune!.Name.ShouldBe(name);
    }

    [Fact]
    public void Lookup_BeginningOfManyNames_SuggestsTheClosestToTheTerritory()
    {
        var lookup = Communes.Lookup("Ploug", Brest);

        lookup.Kind.ShouldBe(CommuneMatchKind.Unknown);
        lookup.Commune.ShouldBeNull();
        lookup.Others.Count.ShouldBe(8);
        lookup.Others.ShouldAllBe(o => o.Department == "29");
    }

    [Theory]
    [InlineData("Atlantide")]
    [InlineData("99999")]
    [InlineData("")]
    [InlineData("x")]
    public void Lookup_NoSuchCommune_Unknown(string text)
    {
        var lookup = Communes.Lookup(text, Brest);

        lookup.Kind.ShouldBe(CommuneMatchKind.Unknown);
        lookup.Commune.ShouldBeNull();
    }

    [Theory]
    [InlineData("29019", 48.390, -4.486)] // Brest
    [InlineData("29212", 48.383, -4.619)] // Plouzané
    [InlineData("29103", 48.452, -4.250)] // Landerneau
    [InlineData("29232", 47.996, -4.102)] // Quimper
    [InlineData("29151", 48.578, -3.828)] // Morlaix
    [InlineData("75056", 48.857, 2.352)] // Paris
    [InlineData("97411", -20.882, 55.450)] // Saint-Denis (La Réunion)
    public void ByCode_ExactCentre_WithinTwoKilometresOfTheTownCentre(string code, double latitude, double longitude)
    {
        var commune = Communes.ByCode(code)!;

        commune.Precision.ShouldBe(CentrePrecision.Exact);
        Geo.DistanceKm(latitude, longitude, commune.Latitude!.Value, commune.Longitude!.Value).ShouldBeLessThan(2);
    }

    [Fact]
    public void All_CommunesOfFinistere_LocatedInFinistere()
    {
        var finistere = Communes.All.Where(c => c.Department == "29").ToList();

        finistere.ShouldAllBe(c => c.HasCentre && c.Latitude > 47.7 && c.Latitude < 48.8 && c.Longitude > -5.2 && c.Longitude < -3.35);
    }
}
