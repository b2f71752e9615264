using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.Core.Structures;

/// <summary>
/// The structure's own fields as revisions record them: one readable text per field (the French name is the key).
/// The texts can be read back, so that a sheet can be set back to what a revision left.
/// </summary>
public static partial class SheetFields
{
    public const string Name = "Nom";
    public const string Summary = "Résumé";
    public const string Description = "Présentation";
    public const string Address = "Adresse";
    public const string Phones = "Téléphones";
    public const string Email = "Courriel";
    public const string Website = "Site internet";
    public const string Wheelchair = "Accessibilité";
    public const string Languages = "Langues";
    public const string OpeningHours = "Horaires";
    public const string OpeningHoursDetails = "Précisions sur les horaires";
    public const string ProfessionalContact = "Contact pour les professionnels";
    public const string PartnerNotes = "Notes pour les partenaires";

    /// <summary>Recorded in revisions, not restored with the sheet's fields.</summary>
    public const string UpdateFrequency = "Fréquence de mise à jour";

    /// <summary>Not a field: the change that says which version a restore brought back (its "after" is the instant, round-trip format).</summary>
    public const string RestoredVersion = "Version rétablie";

    /// <summary>The "after" of <see cref="RestoredVersion"/> when the sheet went back to before its first recorded change.</summary>
    public const string OriginalVersion = "origine";

    public static readonly IReadOnlyList<string> All = [Name, Summary, Description, Address, Phones, Email, Website, Wheelchair, Languages, OpeningHours, OpeningHoursDetails, ProfessionalContact, PartnerNotes];

    public static Dictionary<string, string?> Snapshot(Structure s) => new()
    {
        [Name] = s.Name,
        [Summary] = s.Summary,
        [Description] = s.Description,
        [Address] = s.Address is { } a ? $"{a.Street}, {a.PostalCode} {a.City} ({a.CommuneCode}; {a.Latitude.ToString(CultureInfo.InvariantCulture)}, {a.Longitude.ToString(CultureInfo.InvariantCulture)})" : null,
        [Phones] = string.Join(", ", s.PhoneList),
        [Email] = s.Email,
        [Website] = s.Website,
        [Wheelchair] = s.WheelchairAccessible?.ToString(),
        [Languages] = string.Join(", ", s.LanguageList),
        [OpeningHours] = s.OpeningHours,
        [OpeningHoursDetails] = s.OpeningHoursDetails,
        [ProfessionalContact] = s.ProfessionalContact,
        [PartnerNotes] = s.PartnerNotes,
    };

    public static List<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        before.Where(b => !Same(b.Value, after.GetValueOrDefault(b.Key))).Select(b => new FieldChange(b.Key, b.Value, after.GetValueOrDefault(b.Key))).ToList();

    public static string Months(int months) => $"{months} mois";

    public static bool Same(string? a, string? b) => (a ?? "") == (b ?? "");

    /// <summary>Can this text be given back to the field? (An address must read as one; a name cannot be empty.)</summary>
    public static bool CanRestore(string field, string? value) => field switch
    {
        Name => !string.IsNullOrWhiteSpace(value),
        Address => string.IsNullOrEmpty(value) || ParseAddress(value) is not null,
        Wheelchair => string.IsNullOrEmpty(value) || bool.TryParse(value, out _),
        _ => All.Contains(field),
    };

    /// <summary>Sets every field of the structure from a full snapshot (as <see cref="Snapshot"/> makes it).</summary>
    public static void Apply(Structure s, IReadOnlyDictionary<string, string?> values)
    {
        s.Describe(values[Name] ?? s.Name, s.Kind, values[Summary] ?? "", values[Description] ?? "", s.NetworkList);
        s.LocateAt(string.IsNullOrEmpty(values[Address]) ? null : ParseAddress(values[Address]!) ?? s.Address);
        s.SetContact(List(values[Phones]), Blank(values[Email]), Blank(values[Website]));
        s.SetReception(bool.TryParse(values[Wheelchair], out var wheelchair) ? wheelchair : null, List(values[Languages]), Blank(values[OpeningHours]), Blank(values[OpeningHoursDetails]));
        s.SetPartnerInformation(values.GetValueOrDefault(ProfessionalContact), values.GetValueOrDefault(PartnerNotes));
    }

    /// <summary>A recorded value as a person reads it (yes/no rather than True/False).</summary>
    public static string? Display(string field, string? value, IHtmlLocalizer l) => field switch
    {
        Wheelchair => value switch
        {
            "True" => l["Accessible en fauteuil roulant"].Value,
            "False" => l["Non accessible en fauteuil roulant"].Value,
            _ => value,
        },
        _ => value,
    };

    private static Address? ParseAddress(string text)
    {
        var match = AddressPattern().Match(text);
        return match.Success
            && double.TryParse(match.Groups["lat"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(match.Groups["lon"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            ? new Address(match.Groups["street"].Value, match.Groups["postal"].Value, match.Groups["city"].Value, match.Groups["insee"].Value, latitude, longitude)
            : null;
    }

    private static List<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"^(?<street>.+), (?<postal>[^ ,]+) (?<city>.+) \((?<insee>[^;()]+); (?<lat>[^,()]+), (?<lon>[^,()]+)\)$", RegexOptions.Singleline)]
    private static partial Regex AddressPattern();
}

/// <summary>
/// The French words of the interface whatever the language of the person editing: revisions are written in French,
/// like their field names (French is the key of every translation).
/// </summary>
public sealed class FrenchLabels : IHtmlLocalizer
{
    public static readonly FrenchLabels Instance = new();

    public LocalizedHtmlString this[string name] => new(name, name);

    public LocalizedHtmlString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.GetCultureInfo("fr"), name, arguments));

    public LocalizedString GetString(string name) => new(name, name);

    public LocalizedString GetString(string name, params object[] arguments) => new(name, string.Format(CultureInfo.GetCultureInfo("fr"), name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
