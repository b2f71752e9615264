using System.Globalization;
using System.Text.RegularExpressions;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.OpenData.DataInclusion;

/// <summary>One exported item: the data·inclusion fields in schema order; values are string, double, string list or null.</summary>
public sealed record DataInclusionRecord(IReadOnlyList<KeyValuePair<string, object?>> Fields);

/// <summary>What the export reads of a structure (a hand-written projection, no tracking).</summary>
public sealed record StructureRow(
    Guid Uid,
    string Slug,
    string Name,
    string Summary,
    string Description,
    string Networks,
    string? Street,
    string? PostalCode,
    string? City,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    string Phones,
    string? Email,
    string? Website,
    string? OpeningHours,
    DateTimeOffset UpdatedAt);

/// <summary>What the export reads of a service, with the structure fields it inherits.</summary>
public sealed record ServiceRow(
    Guid Uid,
    string Name,
    string Description,
    string Types,
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
    string Thematiques,
    StructureRow Structure);

/// <summary>Maps Repères rows to data·inclusion v1 items (schemas structure.json and service.json).</summary>
public static partial class DataInclusionMapper
{
    public static readonly string[] StructureFields =
    [
        "source", "id", "nom", "description", "adresse", "complement_adresse", "code_postal", "commune", "code_insee",
        "latitude", "longitude", "telephone", "courriel", "site_web", "lien_source", "horaires_accueil",
        "accessibilite_lieu", "reseaux_porteurs", "siret", "date_maj",
    ];

    public static readonly string[] ServiceFields =
    [
        "source", "id", "structure_id", "nom", "description", "type", "thematiques", "publics", "publics_precisions",
        "conditions_acces", "frais", "frais_precisions", "modes_accueil", "horaires_accueil", "adresse", "complement_adresse",
        "code_postal", "commune", "code_insee", "latitude", "longitude", "telephone", "courriel", "contact_nom_prenom",
        "lien_source", "lien_mobilisation", "modes_mobilisation", "mobilisable_par", "mobilisation_precisions",
        "zone_eligibilite", "nombre_semaines", "volume_horaire_hebdomadaire", "date_maj",
    ];

    private static readonly HashSet<string> ModesAccueil = ["en-presentiel", "a-distance"];
    private static readonly HashSet<string> TypesDeServices = ["accompagnement", "aide-financiere", "aide-materielle", "atelier", "formation", "information"];

    public static string Id(string source, Guid uid) => $"{source}--{uid:D}";

    public static string SheetUrl(string baseUrl, string slug) => $"{baseUrl}/structure/{Uri.EscapeDataString(slug)}";

    public static DataInclusionRecord Structure(StructureRow s, string source, string baseUrl, DateTimeOffset now) => new(
    [
        new("source", source),
        new("id", Id(source, s.Uid)),
        new("nom", Truncate(s.Name, 150)),
        new("description", Text(s.Description, 5, 10_000) ?? Text(s.Summary, 5, 10_000)),
        new("adresse", Blank(s.Street)),
        new("complement_adresse", null),
        new("code_postal", s.PostalCode is { } p && PostalCodePattern().IsMatch(p) ? p : null),
        new("commune", Blank(s.City)),
        new("code_insee", s.CommuneCode is { } c && InseePattern().IsMatch(c) ? c : null),
        new("latitude", s.Latitude),
        new("longitude", s.Longitude),
        new("telephone", FirstPhone(s.Phones)),
        new("courriel", Email(s.Email)),
        new("site_web", WebUri(s.Website)),
        new("lien_source", SheetUrl(baseUrl, s.Slug)),
        new("horaires_accueil", Blank(s.OpeningHours)),
        // Repères records wheelchair access as yes/no, not an Acceslibre page: nothing to link to.
        new("accessibilite_lieu", null),
        new("reseaux_porteurs", List(s.Networks) is { Count: > 0 } networks ? networks : null),
        new("siret", null),
        new("date_maj", UpdateDate(s.UpdatedAt, now)),
    ]);

    public static DataInclusionRecord Service(ServiceRow v, string source, string baseUrl, DateTimeOffset now)
    {
        var structure = v.Structure;
        var modes = List(v.ModesAccueil).Where(ModesAccueil.Contains).ToList();
        var onSite = modes.Contains("en-presentiel");
        var phone = Phone(v.RemotePhone) ?? FirstPhone(structure.Phones);
        var email = Email(structure.Email);
        var mobilisationLink = WebUri(v.RemoteWebsite);
        return new(
        [
            new("source", source),
            new("id", Id(source, v.Uid)),
            new("structure_id", Id(source, structure.Uid)),
            new("nom", Truncate(v.Name, 150)),
            new("description", Text(v.Description, 5, 10_000) ?? Truncate($"{v.Name} ({structure.Name})", 10_000)),
            new("type", List(v.Types).FirstOrDefault(TypesDeServices.Contains)),
            new("thematiques", List(v.Thematiques) is { Count: > 0 } thematiques ? thematiques : null),
            new("publics", Publics(v.Publics)),
            new("publics_precisions", PublicsDetails(v)),
            new("conditions_acces", AccessText(v.Access, v.AccessDetails)),
            new("frais", v.IsFree ? "gratuit" : "payant"),
            new("frais_precisions", Blank(v.CostDetails)),
            new("modes_accueil", modes.Count > 0 ? modes : null),
            new("horaires_accueil", Blank(v.OpeningHours) ?? Blank(structure.OpeningHours)),
            // A remote-only service has no place where people are received.
            new("adresse", onSite ? Blank(structure.Street) : null),
            new("complement_adresse", null),
            new("code_postal", onSite && structure.PostalCode is { } p && PostalCodePattern().IsMatch(p) ? p : null),
            new("commune", onSite ? Blank(structure.City) : null),
            new("code_insee", onSite && structure.CommuneCode is { } c && InseePattern().IsMatch(c) ? c : null),
            new("latitude", onSite ? structure.Latitude : null),
            new("longitude", onSite ? structure.Longitude : null),
            new("telephone", phone),
            new("courriel", email),
            // Names of people are personal data: never exported.
            new("contact_nom_prenom", null),
            new("lien_source", SheetUrl(baseUrl, structure.Slug)),
            new("lien_mobilisation", mobilisationLink),
            new("modes_mobilisation", MobilisationModes(v.Access, onSite, phone, email, mobilisationLink)),
            new("mobilisable_par", v.Access == AccessCondition.ProfessionalOrientation
                ? new List<string> { "professionnels" }
                : new List<string> { "usagers", "professionnels" }),
            new("mobilisation_precisions", null),
            // Repères does not record an eligibility area, nor a duration (not the guide's kind of service).
            new("zone_eligibilite", null),
            new("nombre_semaines", null),
            new("volume_horaire_hebdomadaire", null),
            new("date_maj", UpdateDate(structure.UpdatedAt, now)),
        ]);
    }

    /// <summary>data·inclusion: a date on or after 2000-01-01 and not in the future.</summary>
    public static string UpdateDate(DateTimeOffset updatedAt, DateTimeOffset now)
    {
        var date = DateOnly.FromDateTime((updatedAt > now ? now : updatedAt).UtcDateTime);
        var floor = new DateOnly(2000, 1, 1);
        return (date < floor ? floor : date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>data·inclusion: "tous-publics" stands alone.</summary>
    public static List<string>? Publics(string publics)
    {
        var list = List(publics);
        if (list.Contains("tous-publics"))
        {
            return ["tous-publics"];
        }

        return list.Count > 0 ? list : null;
    }

    private static string? PublicsDetails(ServiceRow v)
    {
        var parts = new List<string>();
        switch (v.Gender)
        {
            case Gender.All:
                break;
            case Gender.Women:
                parts.Add("Femmes uniquement");
                break;
            case Gender.Men:
                parts.Add("Hommes uniquement");
                break;
            default:
                throw new InvalidOperationException($"Unknown gender {v.Gender}.");
        }

        parts.Add((v.AgeMin, v.AgeMax) switch
        {
            ({ } min, { } max) => $"De {min} à {max} ans",
            ({ } min, null) => $"À partir de {min} ans",
            (null, { } max) => $"Jusqu’à {max} ans",
            (null, null) => "",
        });
        if (Blank(v.AdministrativeSituation) is { } situation)
        {
            parts.Add(situation);
        }

        var text = string.Join(" ; ", parts.Where(p => p.Length > 0));
        return text.Length > 0 ? text : null;
    }

    private static string AccessText(AccessCondition access, string? details)
    {
        var text = access switch
        {
            AccessCondition.Unconditional => "Accueil inconditionnel",
            AccessCondition.Appointment => "Sur rendez-vous",
            AccessCondition.Registration => "Sur inscription",
            AccessCondition.ProfessionalOrientation => "Sur orientation d’un ou d’une professionnelle",
            _ => throw new InvalidOperationException($"Unknown access condition {access}."),
        };
        return Blank(details) is { } more ? $"{text} : {more}" : text;
    }

    private static List<string>? MobilisationModes(AccessCondition access, bool onSite, string? phone, string? email, string? link)
    {
        var modes = new List<string>();
        if (onSite && access == AccessCondition.Unconditional)
        {
            modes.Add("se-presenter");
        }

        if (phone is not null)
        {
            modes.Add("telephoner");
        }

        if (email is not null)
        {
            modes.Add("envoyer-un-courriel");
        }

        if (link is not null)
        {
            modes.Add("utiliser-lien-mobilisation");
        }

        return modes.Count > 0 ? modes : null;
    }

    private static List<string> List(string values) =>
        values.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static string? FirstPhone(string phones) => Phone(List(phones).FirstOrDefault());

    /// <summary>A French ten-digit number in E.164 (+33…), as data·inclusion prefers; other numbers (115, 3919…) as written.</summary>
    public static string? Phone(string? phone)
    {
        if (Blank(phone) is not { } text)
        {
            return null;
        }

        var digits = PhoneSeparators().Replace(text, "");
        return FrenchNumber().IsMatch(digits) ? $"+33{digits[1..]}" : text;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(string? value, int min, int max) =>
        Blank(value) is { } text && text.Length >= min ? Truncate(text, max) : null;

    private static string Truncate(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        // Do not cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
    }

    private static string? Email(string? email) =>
        Blank(email) is { } value && EmailPattern().IsMatch(value) ? value : null;

    /// <summary>An absolute http(s) address in ASCII (what the JSON Schema "uri" format accepts), or null.</summary>
    public static string? WebUri(string? value)
    {
        if (Blank(value) is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        // Kept as written when it is plain ASCII; otherwise with a punycode host and an escaped path.
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        var ascii = UriCharacters().IsMatch(text) ? text : $"{uri.Scheme}://{uri.IdnHost}{port}{uri.PathAndQuery}{uri.Fragment}";
        return ascii.Length <= 2083 ? ascii : null;
    }

    // RFC 3986 characters only, escapes complete: what the "uri" format of the reference validator accepts.
    [GeneratedRegex(@"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")]
    private static partial Regex UriCharacters();

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^0[1-9][0-9]{8}$")]
    private static partial Regex FrenchNumber();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^[0-9A-Za-z]{5}$")]
    private static partial Regex InseePattern();

    // The "email" format of the reference validator (ajv-formats, full mode).
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();
}
