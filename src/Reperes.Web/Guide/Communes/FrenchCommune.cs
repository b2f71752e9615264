namespace Reperes.Web.Guide.Communes;

public enum CommuneKind
{
    Commune,
    MunicipalDistrict,
    Delegated,
    Associated,
}

/// <summary>How the position of a commune is known, from the best to none (see build-communes.mjs).</summary>
public enum CentrePrecision
{
    Unknown,
    District,
    Intercommunality,
    PostalCode,
    Exact,
}

/// <summary>
/// A commune of the national list: a current commune, a municipal district of Paris, Lyon or Marseille, or a
/// delegated or associated commune of a merged commune (found by its own name, addressed with its commune's code).
/// </summary>
public sealed record FrenchCommune(
    string Code,
    string Name,
    string Department,
    IReadOnlyList<string> PostalCodes,
    double? Latitude,
    double? Longitude,
    CentrePrecision Precision,
    CommuneKind Kind,
    string? ParentCode,
    int Population)
{
    public bool HasCentre => Latitude is not null && Longitude is not null;

    public bool IsApproximate => Precision != CentrePrecision.Exact;

    /// <summary>The INSEE code an address in this commune carries: a delegated or associated commune's is its commune's.</summary>
    public string AddressCode => Kind is CommuneKind.Delegated or CommuneKind.Associated && ParentCode is not null ? ParentCode : Code;

    public string? MainPostalCode => PostalCodes.Count > 0 ? PostalCodes[0] : null;

    /// <summary>How a person tells it from its homonyms: "Plouzané (29280)", or with the department when it has no postal code.</summary>
    public string Label => MainPostalCode is { } postal ? $"{Name} ({postal})" : $"{Name} ({Department})";
}
