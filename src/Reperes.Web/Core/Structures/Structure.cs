using Reperes.Web.Core.Text;

namespace Reperes.Web.Core.Structures;

/// <summary>A help structure of the territory: its sheet, its services and its temporary notices.</summary>
public sealed class Structure
{
    private Structure() { }

    public Structure(string slug, string name, StructureKind kind, DateTimeOffset createdAt, Guid? uid = null)
    {
        Uid = uid ?? Guid.NewGuid();
        Slug = slug;
        Name = name;
        SortName = FrenchOrder.Key(name);
        Kind = kind;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        Status = StructureStatus.Draft;
    }

    public int Id { get; private set; }

    /// <summary>Stable public identifier, used by the open data exports.</summary>
    public Guid Uid { get; private set; }

    public string Slug { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The name as French alphabetical order compares it (<see cref="FrenchOrder.Key"/>): lists sort on it.</summary>
    public string SortName { get; private set; } = "";
    public StructureKind Kind { get; private set; }

    /// <summary>data·inclusion reseaux-porteurs, separated by '|'.</summary>
    public string Networks { get; private set; } = "";

    public string Summary { get; private set; } = "";
    public string Description { get; private set; } = "";

    public string? Street { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }
    public string? CommuneCode { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }

    /// <summary>The 0.1° × 0.1° cell of the coordinates (see <see cref="GeoCells"/>): an index any engine has, for "near me".</summary>
    public int? GeoCell { get; private set; }

    /// <summary>Phone numbers, separated by '|'.</summary>
    public string Phones { get; private set; } = "";

    public string? Email { get; private set; }
    public string? Website { get; private set; }
    public bool? WheelchairAccessible { get; private set; }

    /// <summary>ISO 639-1 codes padded with spaces (" fr en "), so that one code is matched with a plain LIKE on every engine.</summary>
    public string Languages { get; private set; } = " fr ";

    /// <summary>OpenStreetMap opening_hours expression, or null when unknown.</summary>
    public string? OpeningHours { get; private set; }

    public string? OpeningHoursDetails { get; private set; }
    public StructureStatus Status { get; private set; }

    /// <summary>Demonstration data, labelled as such in the interface.</summary>
    public bool IsDemo { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }

    /// <summary>How often the information must be confirmed, in months: 1, 3, 6 (default) or 12.</summary>
    public int UpdateFrequencyMonths { get; private set; } = FreshnessRules.DefaultFrequencyMonths;

    /// <summary>Set when the coordination marks the sheet as unverified (long unconfirmed): the public sees a notice.</summary>
    public DateTimeOffset? UnverifiedSince { get; private set; }

    /// <summary>A direct contact for professionals (a name, a direct line, an address), never shown to the public.</summary>
    public string? ProfessionalContact { get; private set; }

    /// <summary>Notes for partners (how to orient, who to ask for), shown to professionals only.</summary>
    public string? PartnerNotes { get; private set; }

    public List<Service> Services { get; private set; } = [];
    public List<Notice> Notices { get; private set; } = [];

    public Address? Address => Street is null || PostalCode is null || City is null || CommuneCode is null || Latitude is null || Longitude is null
        ? null
        : new Address(Street, PostalCode, City, CommuneCode, Latitude.Value, Longitude.Value);

    public IReadOnlyList<string> PhoneList => Split(Phones);
    public IReadOnlyList<string> LanguageList => Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> NetworkList => Split(Networks);

    public void Describe(string name, StructureKind kind, string summary, string description, IEnumerable<string> networks)
    {
        Name = name;
        SortName = FrenchOrder.Key(name);
        Kind = kind;
        Summary = summary;
        Description = description;
        Networks = Join(networks);
    }

    public void LocateAt(Address? address)
    {
        Street = address?.Street;
        PostalCode = address?.PostalCode;
        City = address?.City;
        CommuneCode = address?.CommuneCode;
        Latitude = address?.Latitude;
        Longitude = address?.Longitude;
        GeoCell = address is null ? null : GeoCells.Of(address.Latitude, address.Longitude);
    }

    /// <summary>
    /// The commune alone, before the exact address is known (a space created by the coordination): no street, no
    /// coordinates, so not found "near me" until the structure's staff complete the address.
    /// </summary>
    public void PlaceInCommune(string postalCode, string city, string? communeCode)
    {
        LocateAt(null);
        PostalCode = postalCode;
        City = city;
        CommuneCode = communeCode;
    }

    /// <summary>
    /// An address as an imported file gives it: any part may be missing (coordinates only as a pair), so that what
    /// the source knows is kept even when the whole address is not.
    /// </summary>
    public void PlaceAt(string? street, string? postalCode, string? city, string? communeCode, double? latitude, double? longitude)
    {
        var located = latitude is not null && longitude is not null;
        Street = street;
        PostalCode = postalCode;
        City = city;
        CommuneCode = communeCode;
        Latitude = located ? latitude : null;
        Longitude = located ? longitude : null;
        GeoCell = located ? GeoCells.Of(latitude!.Value, longitude!.Value) : null;
    }

    /// <summary>Phones are written one way whoever writes them (forms, imports): a number not understood is kept as given.</summary>
    public void SetContact(IEnumerable<string> phones, string? email, string? website)
    {
        Phones = Join(phones.Select(p => PhoneNumbers.Normalize(p) ?? p));
        Email = email;
        Website = website;
    }

    public void SetReception(bool? wheelchairAccessible, IEnumerable<string> languages, string? openingHours, string? openingHoursDetails)
    {
        WheelchairAccessible = wheelchairAccessible;
        var codes = languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        Languages = codes.Count == 0 ? " " : " " + string.Join(' ', codes) + " ";
        OpeningHours = string.IsNullOrWhiteSpace(openingHours) ? null : openingHours.Trim();
        OpeningHoursDetails = openingHoursDetails;
    }

    /// <summary>What only professionals see: a direct contact and notes for partners (blank means none).</summary>
    public void SetPartnerInformation(string? professionalContact, string? partnerNotes)
    {
        ProfessionalContact = string.IsNullOrWhiteSpace(professionalContact) ? null : professionalContact.Trim();
        PartnerNotes = string.IsNullOrWhiteSpace(partnerNotes) ? null : partnerNotes.Trim();
    }

    public void MarkAsDemo() => IsDemo = true;

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    /// <summary>The information was confirmed as right: a new due date, and no more "unverified" notice.</summary>
    public void Verify(DateTimeOffset at)
    {
        VerifiedAt = at;
        UnverifiedSince = null;
    }

    public void SetUpdateFrequency(int months)
    {
        if (!FreshnessRules.IsFrequency(months))
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "The update frequency is 1, 3, 6 or 12 months.");
        }

        UpdateFrequencyMonths = months;
    }

    /// <summary>The coordination flags the sheet as unverified; the first date is kept when flagged again.</summary>
    public void MarkUnverified(DateTimeOffset at) => UnverifiedSince ??= at;

    /// <summary>Puts the sheet online: only a draft or offline sheet can be published.</summary>
    public void PutOnline(DateTimeOffset at)
    {
        Status = Status switch
        {
            StructureStatus.Draft or StructureStatus.Offline or StructureStatus.Online => StructureStatus.Online,
            StructureStatus.PermanentlyClosed => throw new InvalidOperationException("A permanently closed structure cannot be put back online."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        UpdatedAt = at;
    }

    public void TakeOffline(DateTimeOffset at)
    {
        Status = Status switch
        {
            StructureStatus.Online or StructureStatus.Draft or StructureStatus.Offline => StructureStatus.Offline,
            StructureStatus.PermanentlyClosed => throw new InvalidOperationException("A permanently closed structure cannot be taken offline."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        UpdatedAt = at;
    }

    public void CloseForGood(DateTimeOffset at)
    {
        Status = StructureStatus.PermanentlyClosed;
        UpdatedAt = at;
    }

    internal static string Join(IEnumerable<string> values) =>
        string.Join('|', values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct());

    internal static IReadOnlyList<string> Split(string values) =>
        values.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
