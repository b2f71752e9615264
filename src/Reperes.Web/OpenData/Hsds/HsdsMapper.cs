using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>What the HSDS API reads of a structure (public fields only).</summary>
public sealed record HsdsStructureRow(
    int Id,
    Guid Uid,
    string Slug,
    string Name,
    string Summary,
    string Description,
    string? Street,
    string? PostalCode,
    string? City,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    string Phones,
    string? Email,
    string? Website,
    bool? WheelchairAccessible,
    string Languages,
    string? OpeningHours,
    string? OpeningHoursDetails,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt)
{
    /// <summary>A place to go: an address or at least a commune or coordinates.</summary>
    public bool HasPlace => City is not null || (Latitude is not null && Longitude is not null);
}

/// <summary>What the HSDS API reads of a service.</summary>
public sealed record HsdsServiceRow(
    int Id,
    Guid Uid,
    int CategoryId,
    string Name,
    string Description,
    string Publics,
    Gender Gender,
    int? AgeMin,
    int? AgeMax,
    string? AdministrativeSituation,
    AccessCondition Access,
    string? AccessDetails,
    bool IsFree,
    string? CostDetails,
    string? OpeningHours,
    string ModesAccueil,
    string? RemotePhone,
    string? RemoteWebsite,
    HsdsStructureRow Structure)
{
    public bool InPerson => Core.Structures.Structure.Split(ModesAccueil).Contains("en-presentiel");
}

/// <summary>Maps the guide's public data to HSDS 3.0 objects, in the request's language.</summary>
public sealed class HsdsMapper(GuideCatalog catalog, IStringLocalizer l, IHtmlLocalizer html, string baseUrl, DateTimeOffset now, OpenStates states)
{
    private readonly DateOnly today = HoursEvaluator.LocalDate(now);

    public const string TaxonomyVersion = "1";

    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;
    private IReadOnlyList<HsdsTaxonomyTerm>? terms;

    public HsdsOrganization Organization(HsdsStructureRow s, IReadOnlyList<HsdsServiceBrief>? services = null) => new(
        s.Uid,
        s.Name,
        !string.IsNullOrWhiteSpace(s.Description) ? s.Description : s.Summary,
        Email(s.Email),
        Url(s.Website),
        $"{baseUrl}/structure/{s.Slug}",
        null,
        NonEmpty(Phones(s.Uid, s.Phones, organizationId: s.Uid)),
        Location(s) is { } location ? [location] : null,
        services);

    /// <summary>The structure's place, or null when it has none (a service given only remotely, an unknown address).</summary>
    public HsdsLocation? Location(HsdsStructureRow s)
    {
        if (!s.HasPlace)
        {
            return null;
        }

        var id = HsdsIds.Location(s.Uid);
        HsdsAddress? address = s.Street is { Length: > 0 } street && s.PostalCode is { Length: > 0 } postalCode && s.City is { Length: > 0 } city
            && Department(s.CommuneCode, postalCode) is { } department
            ? new HsdsAddress(HsdsIds.Of(id, "address"), id, street, city, department, postalCode, "FR", "physical")
            : null;
        HsdsAccessibility? access = s.WheelchairAccessible switch
        {
            true => new HsdsAccessibility(HsdsIds.Of(id, "accessibility:wheelchair"), id, l["Accessible en fauteuil roulant"]),
            false => new HsdsAccessibility(HsdsIds.Of(id, "accessibility:wheelchair"), id, l["Non accessible en fauteuil roulant"]),
            null => null,
        };
        return new HsdsLocation(
            id,
            "physical",
            s.Uid,
            s.Name,
            s.Latitude is not null && s.Longitude is not null ? s.Latitude : null,
            s.Latitude is not null && s.Longitude is not null ? s.Longitude : null,
            NonEmpty(Languages(id, s.Languages, locationId: id)),
            address is null ? null : [address],
            access is null ? null : [access],
            HsdsSchedules.Schedules(HsdsSchedules.Describe(s.OpeningHours, s.OpeningHoursDetails, l), id, locationId: id));
    }

    /// <param name="full">With its organization and its services at a location (the answer of <c>/services/{id}</c>).</param>
    public HsdsService Service(HsdsServiceRow v, IReadOnlyList<NoticeInfo> notices, bool full)
    {
        var s = v.Structure;
        var current = notices.Where(n => (n.ServiceId is null || n.ServiceId == v.Id) && n.EndsOn >= today).OrderBy(n => n.StartsOn).ToList();
        var hours = new ServiceHours(v.Id, v.Name, v.CategoryId, v.OpeningHours);
        var closedToday = states.OfService(new PlaceHours(s.OpeningHours, [hours], current), hours, now).Closure is not null;
        var phones = new[] { v.RemotePhone }.Concat(Core.Structures.Structure.Split(s.Phones)).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct();
        return new HsdsService(
            v.Uid,
            s.Uid,
            v.Name,
            string.IsNullOrWhiteSpace(v.Description) ? null : v.Description,
            Url(v.RemoteWebsite) ?? $"{baseUrl}/structure/{s.Slug}",
            Email(s.Email),
            closedToday ? "temporarily closed" : "active",
            ApplicationProcess(v),
            v.IsFree ? l["Gratuit"] : string.IsNullOrWhiteSpace(v.CostDetails) ? l["Payant"] : v.CostDetails.Trim(),
            Eligibility(v),
            v.AgeMin,
            v.AgeMax,
            s.VerifiedAt?.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            current.Count == 0 ? null : string.Join(' ', current.Select(Alert)),
            LastModified(s.UpdatedAt),
            NonEmpty(phones.Select(p => new HsdsPhone(HsdsIds.Of(v.Uid, $"phone:{p}"), null, v.Uid, p, "voice")).ToList()),
            HsdsSchedules.Schedules(Hours(v), v.Uid, serviceId: v.Uid),
            full && ServiceAtLocation(v, withLocation: true) is { } at ? [at] : null,
            NonEmpty(Languages(v.Uid, s.Languages, serviceId: v.Uid)),
            full ? Organization(s) : null,
            [CostOption(v)],
            Attributes(v));
    }

    /// <summary>The service where it is given in person, or null when it has no place (remote only, no address).</summary>
    public HsdsServiceAtLocation? ServiceAtLocation(HsdsServiceRow v, bool withLocation)
    {
        if (!v.InPerson || !v.Structure.HasPlace)
        {
            return null;
        }

        var locationId = HsdsIds.Location(v.Structure.Uid);
        var id = HsdsIds.ServiceAtLocation(v.Uid, locationId);
        return new HsdsServiceAtLocation(
            id,
            v.Uid,
            locationId,
            l["{0} à {1}", v.Name, v.Structure.Name],
            HsdsSchedules.Schedules(Hours(v), id, serviceId: v.Uid, locationId: locationId, serviceAtLocationId: id),
            withLocation ? Location(v.Structure) : null);
    }

    public HsdsTaxonomy Taxonomy() => new(
        HsdsIds.Taxonomy,
        l["Repères — besoins et catégories"],
        l["Les neuf besoins du guide Repères et leurs catégories (chaque catégorie correspond à des thématiques data·inclusion)."],
        $"{baseUrl}/api/v1/categories",
        TaxonomyVersion);

    /// <summary>Every term: the needs, then each need's categories (whose parent is their need).</summary>
    public IReadOnlyList<HsdsTaxonomyTerm> Terms() => terms ??= BuildTerms();

    private List<HsdsTaxonomyTerm> BuildTerms()
    {
        var taxonomy = Taxonomy().Name;
        var language = culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        var list = new List<HsdsTaxonomyTerm>();
        foreach (var need in catalog.Needs)
        {
            var needId = HsdsIds.Term(need.Code);
            list.Add(new HsdsTaxonomyTerm(needId, need.Code, need.Name(culture), need.Description(culture), null, taxonomy, HsdsIds.Taxonomy, language, $"{baseUrl}/besoin/{need.Code}"));
            list.AddRange(need.Categories.Select(c => new HsdsTaxonomyTerm(
                HsdsIds.Term(c.Code),
                c.Code,
                c.Name(culture),
                c.Thematiques.Count == 0
                    ? l["Catégorie du besoin « {0} ».", need.Name(culture)]
                    : l["Catégorie du besoin « {0} » (thématiques data·inclusion : {1}).", need.Name(culture), string.Join(", ", c.Thematiques)],
                needId,
                taxonomy,
                HsdsIds.Taxonomy,
                language,
                null)));
        }

        return list;
    }

    public static string LastModified(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private HoursDescription? Hours(HsdsServiceRow v) => v.OpeningHours is not null
        ? HsdsSchedules.Describe(v.OpeningHours, null, l)
        : HsdsSchedules.Describe(v.Structure.OpeningHours, v.Structure.OpeningHoursDetails, l);

    private IReadOnlyList<HsdsAttribute> Attributes(HsdsServiceRow v)
    {
        var category = catalog.Category(v.CategoryId);
        if (category is null)
        {
            return [];
        }

        var all = Terms();
        return new[] { category.NeedCode, category.Code }
            .Select(code => all.First(t => t.Code == code))
            .Select(t => new HsdsAttribute(HsdsIds.Of(v.Uid, $"attribute:{t.Id}"), v.Uid, "category", "service", t.Id, t))
            .ToList();
    }

    private HsdsCostOption CostOption(HsdsServiceRow v) => v.IsFree
        ? new HsdsCostOption(HsdsIds.Of(v.Uid, "cost"), v.Uid, l["Gratuit"], "EUR", 0m, null)
        : new HsdsCostOption(HsdsIds.Of(v.Uid, "cost"), v.Uid, l["Payant"], null, null, string.IsNullOrWhiteSpace(v.CostDetails) ? null : v.CostDetails.Trim());

    private string ApplicationProcess(HsdsServiceRow v)
    {
        var parts = new List<string> { Labels.Access(v.Access, html) };
        if (!string.IsNullOrWhiteSpace(v.AccessDetails))
        {
            parts.Add(v.AccessDetails.Trim());
        }

        var modes = Core.Structures.Structure.Split(v.ModesAccueil);
        if (modes.Contains("a-distance"))
        {
            parts.Add(v.InPerson ? l["Sur place ou à distance."] : l["À distance uniquement."]);
        }

        return string.Join(". ", parts.Select(p => p.TrimEnd('.'))) + ".";
    }

    private string Eligibility(HsdsServiceRow v)
    {
        var parts = new List<string> { string.Join(", ", Core.Structures.Structure.Split(v.Publics).Select(p => Labels.Audience(p, html))) };
        if (v.Gender != Gender.All)
        {
            parts.Add(Labels.Gender(v.Gender, html));
        }

        if (v.AgeMin is not null || v.AgeMax is not null)
        {
            string ages = (v.AgeMin, v.AgeMax) switch
            {
                ({ } min, { } max) => l["de {0} à {1} ans", min, max],
                ({ } min, null) => l["à partir de {0} ans", min],
                (null, { } max) => l["jusqu’à {0} ans", max],
                _ => "",
            };
            parts.Add(ages.Length == 0 ? ages : char.ToUpper(ages[0], culture) + ages[1..]);
        }

        if (!string.IsNullOrWhiteSpace(v.AdministrativeSituation))
        {
            parts.Add(v.AdministrativeSituation.Trim());
        }

        return string.Join(". ", parts.Where(p => p.Length > 0).Select(p => p.TrimEnd('.'))) + ".";
    }

    private string Alert(NoticeInfo n)
    {
        var period = n.StartsOn == n.EndsOn
            ? l["Le {0}", n.StartsOn.ToString("d", culture)]
            : l["Du {0} au {1}", n.StartsOn.ToString("d", culture), n.EndsOn.ToString("d", culture)];
        var what = n.Kind switch
        {
            NoticeKind.Closure => l["fermeture exceptionnelle"].Value,
            NoticeKind.Message => l["information"].Value,
            NoticeKind.ExceptionalHours => l["horaires exceptionnels : {0}", n.OpeningHours ?? ""].Value,
            _ => throw new ArgumentOutOfRangeException(nameof(n), n.Kind, null),
        };
        var text = string.IsNullOrWhiteSpace(n.Text) ? "" : " — " + n.Text.Trim().TrimEnd('.');
        return $"{period} : {what}{text}.";
    }

    private List<HsdsPhone> Phones(Guid owner, string phones, Guid? organizationId = null) =>
        Core.Structures.Structure.Split(phones).Distinct().Select(p => new HsdsPhone(HsdsIds.Of(owner, $"phone:{p}"), organizationId, null, p, "voice")).ToList();

    private static List<HsdsLanguage> Languages(Guid owner, string languages, Guid? serviceId = null, Guid? locationId = null) =>
        languages.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => new HsdsLanguage(HsdsIds.Of(owner, $"language:{code}"), serviceId, locationId, Labels.Language(code), code))
            .ToList();

    private static IReadOnlyList<T>? NonEmpty<T>(IReadOnlyList<T> items) => items.Count == 0 ? null : items;

    /// <summary>The département of an address: from the INSEE commune code (2A, 2B, 971…), else the postal code.</summary>
    public static string? Department(string? communeCode, string postalCode)
    {
        var code = communeCode is { Length: 5 } ? communeCode : postalCode;
        if (code.Length != 5)
        {
            return null;
        }

        if (code.StartsWith("97", StringComparison.Ordinal) || code.StartsWith("98", StringComparison.Ordinal))
        {
            return code[..3];
        }

        // Corsica's postal codes (20xxx) do not say which of its two départements.
        return code.StartsWith("20", StringComparison.Ordinal) && communeCode is null ? null : code[..2];
    }

    private static string? Url(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;

    private static string? Email(string? value) =>
        MailAddress.TryCreate(value?.Trim(), out var address) && address.Address == value!.Trim() && address.Host.Contains('.') ? address.Address : null;
}
