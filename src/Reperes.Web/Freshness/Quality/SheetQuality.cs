using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;


namespace Reperes.Web.Freshness.Quality;

/// <summary>What the quality score looks at, in plain facts: computed from an entity or from a projection row.</summary>
public sealed record QualityFacts(
    bool HasPhoneOrEmail,
    bool HasAddressWithCoordinates,
    bool HasCommune,
    HoursQuality Hours,
    int Services,
    int ServicesDescribed,
    int ServicesWithHours,
    int DescriptionLength,
    FreshnessState Freshness);

public enum HoursQuality
{
    Missing,
    Invalid,
    Valid,
}

/// <summary>A sheet's score out of 100 and, in plain words (French keys, translated), what would raise it.</summary>
public sealed record QualityScore(int Points, IReadOnlyList<string> ToImprove)
{
    public QualityBand Band => SheetQuality.BandOf(Points);
}

public enum QualityBand
{
    /// <summary>Below 50: people may not find or reach the structure.</summary>
    Incomplete,

    /// <summary>50 to 79.</summary>
    ToImprove,

    /// <summary>80 and more.</summary>
    Good,
}

/// <summary>
/// The quality of a sheet: contact 20, address with coordinates 15 (the commune alone 5), valid opening hours 15,
/// services 20 (one at least 10, all described 5, all with known hours 5), description 15 (200 characters 15,
/// 50 characters 8), freshness 15 (fresh 15, due 8, overdue or unverified 0). A pure function.
/// </summary>
public static class SheetQuality
{
    /// <summary>A service's description from this length on tells who it is for and how.</summary>
    public const int DescribedServiceLength = 20;

    public const int GoodDescriptionLength = 200;
    public const int ShortDescriptionLength = 50;

    public static QualityBand BandOf(int points) => points >= 80 ? QualityBand.Good : points >= 50 ? QualityBand.ToImprove : QualityBand.Incomplete;

    public static string BandKey(QualityBand band) => band switch
    {
        QualityBand.Good => "Bonne",
        QualityBand.ToImprove => "À améliorer",
        QualityBand.Incomplete => "Incomplète",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static QualityScore Score(QualityFacts facts)
    {
        var points = 0;
        var improve = new List<string>();

        if (facts.HasPhoneOrEmail)
        {
            points += 20;
        }
        else
        {
            improve.Add("Ajoutez un numéro de téléphone ou une adresse électronique.");
        }

        if (facts.HasAddressWithCoordinates)
        {
            points += 15;
        }
        else
        {
            points += facts.HasCommune ? 5 : 0;
            improve.Add("Complétez l’adresse et placez la structure sur la carte.");
        }

        switch (facts.Hours)
        {
            case HoursQuality.Valid:
                points += 15;
                break;
            case HoursQuality.Invalid:
                improve.Add("Les horaires ne sont pas lisibles : corrigez-les avec l’éditeur d’horaires.");
                break;
            case HoursQuality.Missing:
                improve.Add("Indiquez les horaires d’ouverture.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(facts), facts.Hours, "Unknown hours quality.");
        }

        if (facts.Services == 0)
        {
            improve.Add("Ajoutez au moins un service : ce que la structure propose, à qui.");
        }
        else
        {
            points += 10;
            if (facts.ServicesDescribed >= facts.Services)
            {
                points += 5;
            }
            else
            {
                improve.Add("Décrivez chaque service en une ou deux phrases.");
            }

            if (facts.ServicesWithHours >= facts.Services)
            {
                points += 5;
            }
            else
            {
                improve.Add("Donnez les horaires de chaque service (ou ceux de la structure).");
            }
        }

        if (facts.DescriptionLength >= GoodDescriptionLength)
        {
            points += 15;
        }
        else
        {
            points += facts.DescriptionLength >= ShortDescriptionLength ? 8 : 0;
            improve.Add("Présentez la structure en quelques phrases (200 caractères au moins).");
        }

        switch (facts.Freshness)
        {
            case FreshnessState.Fresh:
                points += 15;
                break;
            case FreshnessState.Due:
                points += 8;
                improve.Add("Confirmez que les informations sont toujours justes.");
                break;
            case FreshnessState.Overdue or FreshnessState.Unverified:
                improve.Add("Confirmez que les informations sont toujours justes.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(facts), facts.Freshness, "Unknown freshness state.");
        }

        return new QualityScore(points, improve);
    }

    /// <summary>The facts of a structure loaded with its services.</summary>
    public static QualityFacts FactsOf(Structure structure, HoursEvaluator hours, DateTimeOffset now)
    {
        var structureHours = HoursOf(structure.OpeningHours, hours);
        return new QualityFacts(
            structure.PhoneList.Count > 0 || !string.IsNullOrWhiteSpace(structure.Email),
            structure.Address is not null,
            !string.IsNullOrWhiteSpace(structure.CommuneCode) || !string.IsNullOrWhiteSpace(structure.City),
            structureHours,
            structure.Services.Count,
            structure.Services.Count(s => s.Description.Trim().Length >= DescribedServiceLength),
            structure.Services.Count(s => ServiceHasHours(s.OpeningHours, structureHours, hours)),
            structure.Description.Trim().Length,
            FreshnessRules.StateOf(structure, now));
    }

    public static QualityScore Of(Structure structure, HoursEvaluator hours, DateTimeOffset now) => Score(FactsOf(structure, hours, now));

    public static HoursQuality HoursOf(string? expression, HoursEvaluator hours) =>
        string.IsNullOrWhiteSpace(expression) ? HoursQuality.Missing : hours.Schedule(expression) is null ? HoursQuality.Invalid : HoursQuality.Valid;

    /// <summary>A service's hours are known when its own are valid, or when it has none and the structure's are.</summary>
    public static bool ServiceHasHours(string? ownHours, HoursQuality structureHours, HoursEvaluator hours) =>
        string.IsNullOrWhiteSpace(ownHours) ? structureHours == HoursQuality.Valid : hours.Schedule(ownHours) is not null;
}
