using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Reperes.OpeningHours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.OpenData.Imports;

public enum ImportFormat
{
    DataInclusion,
    MediationNumerique,
    Template,
}

/// <summary>
/// A service as an import gives it, normalised the way the entity stores it (so that "unchanged" compares equal).
/// <see cref="Mediation"/> is null when the file says nothing of digital mediation (then what the service holds is kept);
/// it is left out of the canonical text then, so that the texts recorded by earlier imports still compare equal.
/// </summary>
public sealed record ServiceValues(
    string CategoryCode,
    string Name,
    string Description,
    string Types,
    string Publics,
    AccessCondition Access,
    string? AccessDetails,
    bool IsFree,
    string? CostDetails,
    string? OpeningHours,
    string ModesAccueil,
    string? RemotePhone,
    string? RemoteWebsite,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediationOffer? Mediation = null)
{
    public static ServiceValues Normalised(string categoryCode, string name, string description, IEnumerable<string> types, IEnumerable<string> publics,
        AccessCondition access, string? accessDetails, bool isFree, string? costDetails, string? openingHours, IEnumerable<string> modes, string? remotePhone, string? remoteWebsite,
        MediationOffer? mediation = null)
    {
        var publicList = publics.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (publicList.Count == 0 || publicList.Contains("tous-publics"))
        {
            publicList = ["tous-publics"];
        }

        var modeList = modes.ToList();
        return new(categoryCode, name.Trim(), description.Trim(), Structure.Join(types), Structure.Join(publicList), access, ImportText.Blank(accessDetails), isFree,
            ImportText.Blank(costDetails), ImportText.Blank(openingHours), Structure.Join(modeList.Count == 0 ? ["en-presentiel"] : modeList),
            ImportText.Blank(remotePhone), ImportText.Blank(remoteWebsite), MediationOrNull(mediation));
    }

    public static ServiceValues Of(Service v, string categoryCode) => new(categoryCode, v.Name, v.Description, v.Types, v.Publics, v.Access, v.AccessDetails,
        v.IsFree, v.CostDetails, v.OpeningHours, v.ModesAccueil, v.RemotePhone, v.RemoteWebsite, MediationOrNull(v.Mediation));

    private static MediationOffer? MediationOrNull(MediationOffer? offer) => offer?.Normalised() is { IsEmpty: false } normalised ? normalised : null;

    public string Canonical() => JsonSerializer.Serialize(this);

    public static ServiceValues? FromCanonical(string? text) => text is null ? null : JsonSerializer.Deserialize<ServiceValues>(text);
}

/// <summary>A structure as an import gives it, normalised like the entity stores it.</summary>
public sealed record StructureValues(
    string Name,
    StructureKind Kind,
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
    IReadOnlyList<ServiceValues> Services)
{
    public const string NameField = "Nom";
    public const string SummaryField = "Résumé";
    public const string DescriptionField = "Présentation";
    public const string NetworksField = "Réseaux";
    public const string StreetField = "Adresse (voie)";
    public const string PostalCodeField = "Code postal";
    public const string CityField = "Commune";
    public const string CommuneCodeField = "Code INSEE";
    public const string CoordinatesField = "Coordonnées";
    public const string PhonesField = "Téléphones";
    public const string EmailField = "Courriel";
    public const string WebsiteField = "Site internet";
    public const string OpeningHoursField = "Horaires";
    public const string ServicePrefix = "Service « ";

    public static string ServiceKey(string name) => $"{ServicePrefix}{name} »";

    /// <summary>The fields an import writes, as texts (the structure's field names of the revisions where they are the same).</summary>
    public Dictionary<string, string?> Snapshot()
    {
        var fields = new Dictionary<string, string?>
        {
            [NameField] = Name,
            [SummaryField] = Summary,
            [DescriptionField] = Description,
            [NetworksField] = Networks.Replace("|", ", ", StringComparison.Ordinal),
            [StreetField] = Street,
            [PostalCodeField] = PostalCode,
            [CityField] = City,
            [CommuneCodeField] = CommuneCode,
            [CoordinatesField] = Latitude is { } lat && Longitude is { } lon
                ? $"{lat.ToString("R", CultureInfo.InvariantCulture)}, {lon.ToString("R", CultureInfo.InvariantCulture)}"
                : null,
            [PhonesField] = Phones.Replace("|", ", ", StringComparison.Ordinal),
            [EmailField] = Email,
            [WebsiteField] = Website,
            [OpeningHoursField] = OpeningHours,
        };
        foreach (var service in Services)
        {
            fields[ServiceKey(service.Name)] = service.Canonical();
        }

        return fields;
    }

    public static StructureValues Of(Structure s, Func<int, string> categoryCode) => new(
        s.Name, s.Kind, s.Summary, s.Description, s.Networks, s.Street, s.PostalCode, s.City, s.CommuneCode, s.Latitude, s.Longitude,
        s.Phones, s.Email, s.Website, s.OpeningHours,
        s.Services.Select(v => ServiceValues.Of(v, categoryCode(v.CategoryId))).ToList());
}

/// <summary>One item of a file: a structure to create or update, or a line that cannot be imported (with why).</summary>
public sealed record ImportItem(
    int Line,
    string? Part,
    string Source,
    string ExternalId,
    string Label,
    StructureValues? Values,
    IReadOnlyList<ImportMessage> Errors,
    IReadOnlyList<ImportMessage> Warnings)
{
    public bool IsValid => Errors.Count == 0 && Values is not null;
}

public sealed record ParsedFile(ImportFormat Format, IReadOnlyList<ImportItem> Items);

/// <summary>Checks of texts shared by the readers.</summary>
public static partial class ImportText
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static List<string> Multi(string? value) =>
        (value ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !value.Any(char.IsWhiteSpace);

    public static bool IsOpeningHours(string value) => OpeningHoursSchedule.TryParse(value, out _, out _);

    public static bool TryNumber(string value, out double number) =>
        double.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>WGS 84 degrees that exist (a swapped or projected pair is not a place).</summary>
    public static bool AreCoordinates(double? latitude, double? longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    public static bool IsPostalCode(string value) => PostalCodePattern().IsMatch(value);

    public static bool IsCommuneCode(string value) => CommuneCodePattern().IsMatch(value);

    /// <summary>The first sentence of a description, short enough for a summary (280 characters).</summary>
    public static string SummaryOf(string description)
    {
        var text = description.Trim();
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return sentence.Length <= 280 ? sentence : sentence[..279].TrimEnd() + "…";
    }

    /// <summary>data·inclusion: a date on or after 2000-01-01 and not in the future.</summary>
    public static ImportMessage? CheckUpdateDate(string column, string value, DateTimeOffset now)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new("« {0} » : une date AAAA-MM-JJ est attendue (« {1} »).", column, value);
        }

        return date < new DateOnly(2000, 1, 1) || date > DateOnly.FromDateTime(now.UtcDateTime)
            ? new("« {0} » : la date doit être entre le 1er janvier 2000 et aujourd’hui (« {1} »).", column, value)
            : null;
    }

    /// <summary>
    /// The category of the guide closest to data·inclusion thematiques: most thematiques in common, then one whose
    /// name or everyday words are in the service's name, then the most specific (fewest other thematiques), then
    /// taxonomy order.
    /// </summary>
    public static CategoryInfo? CategoryFor(IEnumerable<NeedInfo> needs, IReadOnlyCollection<string> thematiques, string serviceName = "")
    {
        var name = " " + TemplateReader.Folded(serviceName) + " ";
        return needs.SelectMany(n => n.Categories)
            .Select(c => (Category: c, Shared: c.Thematiques.Count(thematiques.Contains)))
            .Where(c => c.Shared > 0)
            .OrderByDescending(c => c.Shared)
            .ThenByDescending(c => c.Category.Synonyms.Append(c.Category.NameFr).Any(w => TemplateReader.Folded(w) is { Length: > 2 } word && name.Contains(" " + word + " ", StringComparison.Ordinal)))
            .ThenBy(c => c.Category.Thematiques.Count - c.Shared)
            .Select(c => c.Category)
            .FirstOrDefault();
    }

    // The "email" format of ajv-formats (full mode), which data·inclusion's reference validator uses.
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex CommuneCodePattern();
}
