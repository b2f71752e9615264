using System.Text.Json.Serialization;

namespace Reperes.Web.OpenData.Hsds;

// The objects of the Human Services Data Specification 3.0 that Repères publishes. Property names become
// snake_case and null properties are left out (see HsdsApi.Json): HSDS wants optional fields omitted, not null.

/// <summary>The answer of <c>/</c>: which HSDS version and which OpenAPI description the API follows.</summary>
public sealed record HsdsMeta(string Version, string? Profile, string OpenapiUrl);

/// <summary>HSDS's <c>Page</c> wrapper of every list.</summary>
public sealed record HsdsPage<T>(int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

public sealed record HsdsOrganization(
    Guid Id,
    string Name,
    string Description,
    string? Email,
    string? Website,
    string? Uri,
    string? LegalStatus,
    IReadOnlyList<HsdsPhone>? Phones,
    IReadOnlyList<HsdsLocation>? Locations,
    IReadOnlyList<HsdsServiceBrief>? Services);

/// <summary>A service as an organization lists it (HSDS's compiled organization: "service array that contains simple information").</summary>
public sealed record HsdsServiceBrief(Guid Id, string Name, string Status);

public sealed record HsdsService(
    Guid Id,
    Guid OrganizationId,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Status,
    string? ApplicationProcess,
    string? FeesDescription,
    string? EligibilityDescription,
    int? MinimumAge,
    int? MaximumAge,
    string? AssuredDate,
    string? Alert,
    string LastModified,
    IReadOnlyList<HsdsPhone>? Phones,
    IReadOnlyList<HsdsSchedule>? Schedules,
    IReadOnlyList<HsdsServiceAtLocation>? ServiceAtLocations,
    IReadOnlyList<HsdsLanguage>? Languages,
    HsdsOrganization? Organization,
    IReadOnlyList<HsdsCostOption>? CostOptions,
    IReadOnlyList<HsdsAttribute>? Attributes);

public sealed record HsdsLocation(
    Guid Id,
    string LocationType,
    Guid OrganizationId,
    string Name,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<HsdsLanguage>? Languages,
    IReadOnlyList<HsdsAddress>? Addresses,
    IReadOnlyList<HsdsAccessibility>? Accessibility,
    IReadOnlyList<HsdsSchedule>? Schedules);

public sealed record HsdsServiceAtLocation(
    Guid Id,
    Guid ServiceId,
    Guid LocationId,
    string? Description,
    IReadOnlyList<HsdsSchedule>? Schedules,
    HsdsLocation? Location);

public sealed record HsdsAddress(
    Guid Id,
    Guid LocationId,
    [property: JsonPropertyName("address_1")] string Address1,
    string City,
    string StateProvince,
    string PostalCode,
    string Country,
    string AddressType);

public sealed record HsdsAccessibility(Guid Id, Guid LocationId, string Description);

public sealed record HsdsPhone(Guid Id, Guid? OrganizationId, Guid? ServiceId, string Number, string Type);

public sealed record HsdsLanguage(Guid Id, Guid? ServiceId, Guid? LocationId, string Name, string Code);

public sealed record HsdsCostOption(Guid Id, Guid ServiceId, string Option, string? Currency, decimal? Amount, string? AmountDescription);

/// <summary>Links a service to a taxonomy term (HSDS 3.0 classifies through attributes).</summary>
public sealed record HsdsAttribute(Guid Id, Guid LinkId, string LinkType, string LinkEntity, Guid TaxonomyTermId, HsdsTaxonomyTerm TaxonomyTerm);

public sealed record HsdsSchedule(
    Guid Id,
    Guid? ServiceId,
    Guid? LocationId,
    Guid? ServiceAtLocationId,
    string? Freq,
    string? Wkst,
    string? Byday,
    string? OpensAt,
    string? ClosesAt,
    string? Description,
    string? Notes);

public sealed record HsdsTaxonomy(Guid Id, string Name, string Description, string? Uri, string? Version);

public sealed record HsdsTaxonomyTerm(
    Guid Id,
    string Code,
    string Name,
    string Description,
    Guid? ParentId,
    string Taxonomy,
    Guid TaxonomyId,
    string Language,
    string? TermUri);
