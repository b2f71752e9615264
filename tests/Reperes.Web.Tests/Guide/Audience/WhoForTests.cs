using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Audience;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Tests.Guide.Audience;

/// <summary>"Who it is for" in one line, from the services that answer the question.</summary>
public sealed class WhoForTests : IDisposable
{
    private static readonly IStringLocalizer Strings = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    public WhoForTests() => CultureInfo.CurrentUICulture = French;

    public void Dispose() => CultureInfo.CurrentUICulture = previous;

    private static ServiceAudience Service(
        string[] publics,
        AccessCondition access = AccessCondition.Unconditional,
        string? details = null,
        Gender gender = Gender.All,
        int? ageMin = null,
        int? ageMax = null,
        string? situation = null) => new(1, publics, gender, ageMin, ageMax, access, details, situation);

    private static readonly ServiceAudience Everyone = Service(["tous-publics"]);

    [Fact]
    public void Line_EveryoneWithoutCondition_SaysSansCondition()
    {
        var line = WhoFor.Line([Everyone, Everyone], Strings, French)!;

        line.ShouldBe(new WhoForLine("Sans condition", true));
    }

    [Fact]
    public void Line_ShelterMealOnReferral_NamesThePublicAgeAndTheStaffsWords()
    {
        var dinner = Service(["personnes-en-situation-durgence"], AccessCondition.ProfessionalOrientation, "Réservé aux personnes hébergées.", ageMin: 18);

        WhoFor.Line([dinner], Strings, French)
            .ShouldBe(new WhoForLine("Personnes en situation d’urgence · à partir de 18 ans · réservé aux personnes hébergées", false));
    }

    [Fact]
    public void Line_KindsOfAccessWithoutWords_SayTheKind()
    {
        WhoFor.Line(Service(["tous-publics"], AccessCondition.Appointment), Strings, French).ShouldBe("Sur rendez-vous");
        WhoFor.Line(Service(["tous-publics"], AccessCondition.Registration), Strings, French).ShouldBe("Sur inscription");
        WhoFor.Line(Service(["tous-publics"], AccessCondition.ProfessionalOrientation), Strings, French).ShouldBe("Sur orientation d’un professionnel");
        WhoFor.Line(Service(["seniors"]), Strings, French).ShouldBe("Personnes âgées · sans rendez-vous");
    }

    [Fact]
    public void Line_WomenAndFamiliesWithAges_OneLineWithoutRepeatingWomen()
    {
        WhoFor.Line(Service(["femmes", "familles"], AccessCondition.ProfessionalOrientation, "Orientation par le 115 / SIAO ou les services sociaux du Département.", Gender.Women), Strings, French)
            .ShouldBe("Femmes, familles · orientation par le 115 / SIAO ou les services sociaux du Département");
        WhoFor.Line(Service(["tous-publics"], gender: Gender.Women, ageMin: 16), Strings, French).ShouldBe("Femmes uniquement · à partir de 16 ans · sans rendez-vous");
        WhoFor.Line(Service(["jeunes"], AccessCondition.Appointment, ageMin: 16, ageMax: 25), Strings, French).ShouldBe("Jeunes (16-25 ans) · de 16 à 25 ans · sur rendez-vous");
        WhoFor.Line(Service(["tous-publics"], gender: Gender.Men, ageMax: 25), Strings, French).ShouldBe("Hommes uniquement · jusqu’à 25 ans · sans rendez-vous");
    }

    [Fact]
    public void Line_LongWordsAndAdministrativeSituation_FirstSentenceCutAtAWord()
    {
        var line = WhoFor.Line(
            Service(["personnes-exilees"], AccessCondition.ProfessionalOrientation,
                "Pas de distribution sur place : orientation par un travailleur social vers une association partenaire du réseau brestois. Appeler avant.",
                situation: "Sans condition de titre de séjour"),
            Strings, French);

        line.ShouldBe("Personnes exilées · pas de distribution sur place : orientation par un travailleur social vers une association… · Sans condition de titre de séjour");
    }

    [Fact]
    public void Line_ServicesThatDiffer_SaysTheMostOpenOneAndThatItDepends()
    {
        var referral = Service(["beneficiaires-des-minimas-sociaux"], AccessCondition.ProfessionalOrientation);

        WhoFor.Line([referral, Everyone], Strings, French).ShouldBe(new WhoForLine("Sans condition (selon le service)", false));
        WhoFor.Line([], Strings, French).ShouldBeNull();
    }

    [Fact]
    public void Line_English_TranslatedLabels()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var english = CultureInfo.GetCultureInfo("en");

        WhoFor.Line(Everyone, Strings, english).ShouldBe("For everyone, no conditions");
        WhoFor.Line(Service(["femmes"], AccessCondition.Appointment, ageMin: 18), Strings, english).ShouldBe("Women · aged 18 and over · by appointment");
    }
}
