using System.Text.Json;

namespace Reperes.Web.Guide.Data;

/// <summary>The JSON files shipped with the application: the taxonomy, the search vocabulary and the Brest demonstration data.</summary>
public static class SeedFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static TaxonomyFile Taxonomy() => Read<TaxonomyFile>("taxonomy.json");

    public static DemoFile Demo() => Read<DemoFile>("brest-demo.json");

    public static SearchVocabularyFile SearchVocabulary() => Read<SearchVocabularyFile>("search-vocabulary.json");

    private static T Read<T>(string name)
    {
        var assembly = typeof(SeedFiles).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Guide.Data." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty.");
    }
}

public sealed record LocalizedText(string Fr, string En);

public sealed record TaxonomyFile(IReadOnlyList<NeedSeed> Needs);

public sealed record NeedSeed(string Code, LocalizedText Name, LocalizedText Description, string Pictogram, string Color, IReadOnlyList<CategorySeed> Categories);

public sealed record CategorySeed(string Code, LocalizedText Name, IReadOnlyList<string> Thematiques, IReadOnlyList<string> Synonyms);

public sealed record DemoFile(IReadOnlyList<StructureSeed> Structures);

public sealed record AddressSeed(string Street, string PostalCode, string City, string CommuneCode, double Latitude, double Longitude);

public sealed record NoticeSeed(string Kind, int StartInDays, int DurationDays, string Text, string? OpeningHours);

public sealed record StructureSeed(
    string Slug,
    string Name,
    string Kind,
    IReadOnlyList<string>? Networks,
    string Summary,
    string Description,
    AddressSeed? Address,
    IReadOnlyList<string>? Phones,
    string? Email,
    string? Website,
    bool? WheelchairAccessible,
    IReadOnlyList<string>? Languages,
    string? OpeningHours,
    string? OpeningHoursDetails,
    string Status,
    IReadOnlyList<NoticeSeed>? Notices,
    IReadOnlyList<ServiceSeed> Services);

public sealed record ServiceSeed(
    string Category,
    string Name,
    string? Description,
    IReadOnlyList<string>? Types,
    IReadOnlyList<string>? Publics,
    string? Gender,
    int? AgeMin,
    int? AgeMax,
    string? AdministrativeSituation,
    string? Access,
    string? AccessDetails,
    bool Free,
    string? CostDetails,
    string? OpeningHours,
    IReadOnlyList<string>? ModesAccueil,
    string? RemotePhone,
    string? RemoteWebsite);

/// <summary>Kebab-case values of the seed files mapped to the domain's enums.</summary>
public static class SeedValues
{
    public static Domain.StructureKind Kind(string value) => value switch
    {
        "association" => Domain.StructureKind.Association,
        "public" => Domain.StructureKind.Public,
        "ccas" => Domain.StructureKind.Ccas,
        "health" => Domain.StructureKind.Health,
        "charity-network" => Domain.StructureKind.CharityNetwork,
        "library" => Domain.StructureKind.Library,
        "social-centre" => Domain.StructureKind.SocialCentre,
        _ => throw new InvalidDataException($"Unknown structure kind '{value}'."),
    };

    public static Domain.StructureStatus Status(string value) => value switch
    {
        "online" => Domain.StructureStatus.Online,
        "offline" => Domain.StructureStatus.Offline,
        "permanently-closed" => Domain.StructureStatus.PermanentlyClosed,
        "draft" => Domain.StructureStatus.Draft,
        _ => throw new InvalidDataException($"Unknown status '{value}'."),
    };

    public static Domain.Gender Gender(string? value) => value switch
    {
        null or "all" => Domain.Gender.All,
        "women" => Domain.Gender.Women,
        "men" => Domain.Gender.Men,
        _ => throw new InvalidDataException($"Unknown gender '{value}'."),
    };

    public static Domain.AccessCondition Access(string? value) => value switch
    {
        null or "unconditional" => Domain.AccessCondition.Unconditional,
        "appointment" => Domain.AccessCondition.Appointment,
        "registration" => Domain.AccessCondition.Registration,
        "professional-orientation" => Domain.AccessCondition.ProfessionalOrientation,
        _ => throw new InvalidDataException($"Unknown access condition '{value}'."),
    };

    public static Domain.NoticeKind NoticeKind(string value) => value switch
    {
        "closure" => Domain.NoticeKind.Closure,
        "message" => Domain.NoticeKind.Message,
        "exceptional-hours" => Domain.NoticeKind.ExceptionalHours,
        _ => throw new InvalidDataException($"Unknown notice kind '{value}'."),
    };
}

/// <summary>The search's vocabulary beyond the taxonomy (search-vocabulary.json): see the file's own comments.</summary>
public sealed record SearchVocabularyFile(
    IReadOnlyList<string> Fillers,
    IReadOnlyList<VocabularyEntry> Weak,
    IReadOnlyList<VocabularyEntry> Abbreviations,
    IReadOnlyList<VocabularyEntry> Situations,
    IReadOnlyList<VocabularyEntry> Words)
{
    public IEnumerable<VocabularyEntry> Entries => Weak.Concat(Abbreviations).Concat(Situations).Concat(Words);
}

/// <summary>
/// Words or phrases that lead to the same categories (then to the <paramref name="Also"/> ones), said by people of
/// an <paramref name="Audience"/> (a data·inclusion public) when given; an abbreviation says what it stands for.
/// </summary>
public sealed record VocabularyEntry(
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Categories,
    LocalizedText? Means = null,
    IReadOnlyList<string>? Also = null,
    string? Audience = null);
