using Reperes.Web.Core.Structures;


namespace Reperes.Web.Api.Structures;

/// <summary>Where a structure receives people. Every part may be missing (services given by phone only).</summary>
public sealed record AddressDto(string? Street, string? PostalCode, string? City, string? CommuneCode, double? Latitude, double? Longitude);

/// <summary>
/// Open or closed at the instant of the request, with notices (closures, exceptional hours) applied. For a place,
/// <c>About</c> names the service the state is about (the one open, else the one opening first), null when it is the
/// structure's own hours; for a service, it is null.
/// </summary>
public sealed record OpeningStateDto(string State, string Text, DateTimeOffset? NextChange, string? About = null);

public sealed record CategoryRefDto(string Code, string Name, string Need);

public sealed record StructureRefDto(Guid Id, string Name, string Url);

public sealed record StructureSummaryDto(
    Guid Id,
    string Slug,
    string Name,
    string Summary,
    AddressDto Address,
    double? DistanceKm,
    string? Phone,
    bool? WheelchairAccessible,
    OpeningStateDto Open,
    string? For,
    bool Unconditional,
    IReadOnlyList<string> Categories,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    string Url,
    bool Demo);

public sealed record HoursDto(string? OpeningHours, string? Details, OpeningStateDto Open);

public sealed record NoticeDto(NoticeKind Kind, DateOnly StartsOn, DateOnly EndsOn, string Text, string? OpeningHours, Guid? ServiceId);

/// <summary>A service; <c>Open</c> is its state now in lists and sheets, null in <c>services/{id}</c>, which holds stored data only.</summary>
public sealed record ServiceDto(
    Guid Id,
    string Name,
    string Description,
    CategoryRefDto Category,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Publics,
    Gender Gender,
    int? AgeMin,
    int? AgeMax,
    string? AdministrativeSituation,
    AccessCondition Access,
    string? AccessDetails,
    bool Free,
    string? CostDetails,
    string? OpeningHours,
    IReadOnlyList<string> Modes,
    string? RemotePhone,
    string? RemoteWebsite,
    StructureRefDto Structure,
    OpeningStateDto? Open)
{
    /// <summary>A digital service's description by the national standard of digital-mediation places (codes); null otherwise.</summary>
    public MediationDto? Mediation { get; init; }
}

/// <summary>
/// The fields of the national standard of digital-mediation places as codes (see the README: kinds of help, ways of
/// accompaniment, publics, specific support, fees, national programmes, labels, ways to come) and the equipment lent.
/// </summary>
public sealed record MediationDto(
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Support,
    IReadOnlyList<string> Publics,
    IReadOnlyList<string> SpecificSupport,
    IReadOnlyList<string> Fees,
    IReadOnlyList<string> Programmes,
    IReadOnlyList<string> Labels,
    string? OtherLabels,
    IReadOnlyList<string> Access,
    IReadOnlyList<string> Equipment);

public sealed record StructureDto(
    Guid Id,
    string Slug,
    string Name,
    StructureKind Kind,
    string Summary,
    string Description,
    IReadOnlyList<string> Networks,
    AddressDto Address,
    IReadOnlyList<string> Phones,
    string? Email,
    string? Website,
    bool? WheelchairAccessible,
    IReadOnlyList<string> Languages,
    HoursDto Hours,
    IReadOnlyList<NoticeDto> Notices,
    IReadOnlyList<ServiceDto> Services,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    string Url,
    bool Demo);
