using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Freshness;

public sealed class SheetQualityTests
{
    private static readonly QualityFacts Complete = new(
        HasPhoneOrEmail: true,
        HasAddressWithCoordinates: true,
        HasCommune: true,
        Hours: HoursQuality.Valid,
        Services: 2,
        ServicesDescribed: 2,
        ServicesWithHours: 2,
        DescriptionLength: 250,
        Freshness: FreshnessState.Fresh);

    [Fact]
    public void Score_CompleteAndFresh_FullMarksNothingToImprove()
    {
        var score = SheetQuality.Score(Complete);
        score.Points.ShouldBe(100);
        score.ToImprove.ShouldBeEmpty();
        score.Band.ShouldBe(QualityBand.Good);
    }

    [Fact]
    public void Score_Empty_ZeroWithEveryAdvice()
    {
        var score = SheetQuality.Score(new QualityFacts(false, false, false, HoursQuality.Missing, 0, 0, 0, 0, FreshnessState.Overdue));
        score.Points.ShouldBe(0);
        score.Band.ShouldBe(QualityBand.Incomplete);
        score.ToImprove.ShouldBe([
            "Ajoutez un numéro de téléphone ou une adresse électronique.",
            "Complétez l’adresse et placez la structure sur la carte.",
            "Indiquez les horaires d’ouverture.",
            "Ajoutez au moins un service : ce que la structure propose, à qui.",
            "Présentez la structure en quelques phrases (200 caractères au moins).",
            "Confirmez que les informations sont toujours justes.",
        ]);
    }

    [Theory]
    [InlineData("contact", 80)]
    [InlineData("commune-only", 90)]
    [InlineData("invalid-hours", 85)]
    [InlineData("one-service-undescribed", 95)]
    [InlineData("service-without-hours", 95)]
    [InlineData("short-description", 93)]
    [InlineData("tiny-description", 85)]
    [InlineData("due", 93)]
    [InlineData("unverified", 85)]
    public void Score_OneThingMissing_LosesItsPointsAndSaysWhatToDo(string missing, int expected)
    {
        var facts = missing switch
        {
            "contact" => Complete with { HasPhoneOrEmail = false },
            "commune-only" => Complete with { HasAddressWithCoordinates = false },
            "invalid-hours" => Complete with { Hours = HoursQuality.Invalid },
            "one-service-undescribed" => Complete with { ServicesDescribed = 1 },
            "service-without-hours" => Complete with { ServicesWithHours = 1 },
            "short-description" => Complete with { DescriptionLength = 120 },
            "tiny-description" => Complete with { DescriptionLength = 10 },
            "due" => Complete with { Freshness = FreshnessState.Due },
            "unverified" => Complete with { Freshness = FreshnessState.Unverified },
            _ => throw new ArgumentOutOfRangeException(nameof(missing)),
        };

        var score = SheetQuality.Score(facts);

        score.Points.ShouldBe(expected);
        score.ToImprove.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(100, QualityBand.Good)]
    [InlineData(80, QualityBand.Good)]
    [InlineData(79, QualityBand.ToImprove)]
    [InlineData(50, QualityBand.ToImprove)]
    [InlineData(49, QualityBand.Incomplete)]
    public void BandOf_Thresholds(int points, QualityBand band) => SheetQuality.BandOf(points).ShouldBe(band);

    [Fact]
    public void FactsOf_Structure_ReadsItsFieldsServicesAndFreshness()
    {
        var now = ReperesApp.DefaultNow;
        var hours = new HoursEvaluator();
        var structure = new Structure("s", "S", StructureKind.Association, now.AddMonths(-2));
        structure.SetContact([], "accueil@example.org", null);
        structure.PlaceInCommune("29200", "Brest", "29019");
        structure.SetReception(null, ["fr"], "Mo-Fr 09:00-12:00", null);
        structure.Describe("S", StructureKind.Association, "Résumé", new string('a', 60), []);
        var need = new Need("alimentation", "Se nourrir", "Food", "", "", "food", "#000000", 1);
        var category = new Category(need, "colis", "Colis", "Parcels", "", "", 1);
        var described = new Service(structure, category, "Colis");
        described.Describe(category, "Colis", "Un colis par semaine sur inscription.", []);
        var ownBadHours = new Service(structure, category, "Repas");
        ownBadHours.SetReception("pas d’horaires lisibles", [], null, null);
        structure.Services.AddRange([described, ownBadHours]);

        var facts = SheetQuality.FactsOf(structure, hours, now);

        facts.ShouldBe(new QualityFacts(true, false, true, HoursQuality.Valid, 2, 1, 1, 60, FreshnessState.Fresh));
        SheetQuality.Score(facts).Points.ShouldBe(20 + 5 + 15 + 10 + 8 + 15);
        structure.MarkUnverified(now);
        SheetQuality.FactsOf(structure, hours, now).Freshness.ShouldBe(FreshnessState.Unverified);
    }
}
