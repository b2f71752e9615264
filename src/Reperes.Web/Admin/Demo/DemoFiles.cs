using System.Text.Json;

namespace Reperes.Web.Admin.Demo;

/// <summary>The Brest demonstration data shipped with the application (brest-demo.json).</summary>
public static class DemoFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static DemoFile Demo() => Read<DemoFile>("brest-demo.json");

    /// <summary>Reads a JSON file embedded from this folder (its resource name ends with the folder's path).</summary>
    private static T Read<T>(string name)
    {
        var assembly = typeof(DemoFiles).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Admin.Demo." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty.");
    }
}

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
    string? RemoteWebsite,
    MediationSeed? Mediation);

/// <summary>The digital-mediation fields of a service of the digital categories, as codes of <see cref="Core.Structures.DigitalMediation"/>'s lists.</summary>
public sealed record MediationSeed(
    IReadOnlyList<string>? Services,
    IReadOnlyList<string>? Support,
    IReadOnlyList<string>? Publics,
    IReadOnlyList<string>? SpecificSupport,
    IReadOnlyList<string>? Fees,
    IReadOnlyList<string>? Programmes,
    IReadOnlyList<string>? Labels,
    string? OtherLabels,
    IReadOnlyList<string>? Access,
    IReadOnlyList<string>? Equipment)
{
    /// <summary>The offer; an unknown code is a mistake in the seed file, not something to drop silently.</summary>
    public Core.Structures.MediationOffer ToOffer(string where)
    {
        Check(Core.Structures.DigitalMediation.Services, Services);
        Check(Core.Structures.DigitalMediation.Support, Support);
        Check(Core.Structures.DigitalMediation.Publics, Publics);
        Check(Core.Structures.DigitalMediation.SpecificSupport, SpecificSupport);
        Check(Core.Structures.DigitalMediation.Fees, Fees);
        Check(Core.Structures.DigitalMediation.Programmes, Programmes);
        Check(Core.Structures.DigitalMediation.Labels, Labels);
        Check(Core.Structures.DigitalMediation.Access, Access);
        Check(Core.Structures.DigitalMediation.Equipment, Equipment);
        return new(Services ?? [], Support ?? [], Publics ?? [], SpecificSupport ?? [], Fees ?? [], Programmes ?? [], Labels ?? [], OtherLabels, Access ?? [], Equipment ?? []);

        void Check(IReadOnlyList<Core.Structures.MediationValue> list, IReadOnlyList<string>? codes)
        {
            foreach (var code in codes ?? [])
            {
                if (Core.Structures.DigitalMediation.Find(list, code) is null)
                {
                    throw new InvalidDataException($"{where}: unknown digital-mediation code '{code}'.");
                }
            }
        }
    }
}

/// <summary>Kebab-case values of the seed files mapped to the domain's enums.</summary>
public static class SeedValues
{
    public static Core.Structures.StructureKind Kind(string value) => value switch
    {
        "association" => Core.Structures.StructureKind.Association,
        "public" => Core.Structures.StructureKind.Public,
        "ccas" => Core.Structures.StructureKind.Ccas,
        "health" => Core.Structures.StructureKind.Health,
        "charity-network" => Core.Structures.StructureKind.CharityNetwork,
        "library" => Core.Structures.StructureKind.Library,
        "social-centre" => Core.Structures.StructureKind.SocialCentre,
        _ => throw new InvalidDataException($"Unknown structure kind '{value}'."),
    };

    public static Core.Structures.StructureStatus Status(string value) => value switch
    {
        "online" => Core.Structures.StructureStatus.Online,
        "offline" => Core.Structures.StructureStatus.Offline,
        "permanently-closed" => Core.Structures.StructureStatus.PermanentlyClosed,
        "draft" => Core.Structures.StructureStatus.Draft,
        _ => throw new InvalidDataException($"Unknown status '{value}'."),
    };

    public static Core.Structures.Gender Gender(string? value) => value switch
    {
        null or "all" => Core.Structures.Gender.All,
        "women" => Core.Structures.Gender.Women,
        "men" => Core.Structures.Gender.Men,
        _ => throw new InvalidDataException($"Unknown gender '{value}'."),
    };

    public static Core.Structures.AccessCondition Access(string? value) => value switch
    {
        null or "unconditional" => Core.Structures.AccessCondition.Unconditional,
        "appointment" => Core.Structures.AccessCondition.Appointment,
        "registration" => Core.Structures.AccessCondition.Registration,
        "professional-orientation" => Core.Structures.AccessCondition.ProfessionalOrientation,
        _ => throw new InvalidDataException($"Unknown access condition '{value}'."),
    };

    public static Core.Structures.NoticeKind NoticeKind(string value) => value switch
    {
        "closure" => Core.Structures.NoticeKind.Closure,
        "message" => Core.Structures.NoticeKind.Message,
        "exceptional-hours" => Core.Structures.NoticeKind.ExceptionalHours,
        _ => throw new InvalidDataException($"Unknown notice kind '{value}'."),
    };
}
