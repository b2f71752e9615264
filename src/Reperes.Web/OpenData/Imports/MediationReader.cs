using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// The national standard of digital-mediation places (a Frictionless Table Schema for CSV, embedded unchanged):
/// each place becomes a structure, each of its "services" a service of the guide's digital categories.
/// </summary>
public static class MediationReader
{
    public const string DefaultSource = "mediation-numerique";

    /// <summary>The guide's category of public internet access; the other digital services are "Ateliers numériques".</summary>
    public const string InternetAccessCategory = "acces-internet";

    public const string WorkshopsCategory = "mediation-numerique";

    public static readonly TableSchema Schema = TableSchema.Load("mediation-numerique.json");

    /// <summary>The standard's services and the guide's category each belongs to.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceCategories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Aide aux démarches administratives"] = InternetAccessCategory,
        ["Accès internet et matériel informatique"] = InternetAccessCategory,
        ["Maîtrise des outils numériques du quotidien"] = WorkshopsCategory,
        ["Insertion professionnelle via le numérique"] = WorkshopsCategory,
        ["Utilisation sécurisée du numérique"] = WorkshopsCategory,
        ["Parentalité et éducation avec le numérique"] = WorkshopsCategory,
        ["Loisirs et créations numériques"] = WorkshopsCategory,
        ["Compréhension du monde numérique"] = WorkshopsCategory,
        ["Acquisition de matériel informatique à prix solidaire"] = WorkshopsCategory,
    };

    private static readonly Dictionary<string, string> Publics = new(StringComparer.Ordinal)
    {
        ["Jeunes"] = "jeunes",
        ["Étudiants"] = "etudiants",
        ["Familles et/ou enfants"] = "familles",
        ["Seniors"] = "seniors",
        ["Femmes"] = "femmes",
    };

    private static readonly Dictionary<string, string> Networks = new(StringComparer.Ordinal)
    {
        ["Aidants Connect"] = "aidants-connect",
        ["Conseillers numériques"] = "conseillers-numeriques",
        ["Emmaüs Connect"] = "emmaus",
        ["Relais numérique (Emmaüs Connect)"] = "emmaus",
        ["France Services"] = "france-service",
        ["Grande école du numérique"] = "grandes-ecoles-du-numerique",
        ["La Croix Rouge"] = "croix-rouge",
        ["Point d'accès numérique CAF"] = "caf",
    };

    public static bool Recognises(Table table) => table.Header.Contains("pivot") && table.Header.Contains("nom") && table.Header.Contains("date_maj");

    public static ParsedFile Read(Table table, string source, IReadOnlyList<NeedInfo> needs, DateTimeOffset now)
    {
        var missing = Schema.Fields.Where(f => f.Required && !table.Header.Contains(f.Name)).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            throw new UnreadableFileException(new("Colonnes obligatoires absentes : {0}.", string.Join(", ", missing)));
        }

        var categories = needs.SelectMany(n => n.Categories).ToDictionary(c => c.Code);
        var items = new List<ImportItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var errors = Schema.Validate(row);
            var id = row.Get("id");
            if (id.Length > 0 && !seen.TryAdd(id, row.Line))
            {
                errors.Add(new("Identifiant « {0} » déjà vu ligne {1}.", id, seen[id]));
            }

            if (row.Get("date_maj") is { Length: > 0 } date && ImportText.CheckUpdateDate("date_maj", date, now) is { } dateError && errors.Count == 0)
            {
                errors.Add(dateError);
            }

            if (ImportText.TryNumber(row.Get("latitude"), out var latitude) && ImportText.TryNumber(row.Get("longitude"), out var longitude) && !ImportText.AreCoordinates(latitude, longitude))
            {
                errors.Add(new("Latitude et longitude : deux nombres en degrés décimaux sont attendus."));
            }

            var warnings = new List<ImportMessage>();
            var hours = ImportText.Blank(row.Get("horaires"));
            if (hours is not null && !ImportText.IsOpeningHours(hours))
            {
                warnings.Add(new("Horaires illisibles, non importés : « {0} ».", hours));
                hours = null;
            }

            var emails = ImportText.Multi(row.Get("courriels"));
            var email = emails.FirstOrDefault(ImportText.IsEmail);
            if (emails.Count > 0 && email is null)
            {
                errors.Add(new("« {0} » : adresse électronique invalide (« {1} »).", "courriels", emails[0]));
            }

            var sites = ImportText.Multi(row.Get("site_web"));
            var website = sites.FirstOrDefault(ImportText.IsWebAddress);
            if (sites.Count > 0 && website is null)
            {
                errors.Add(new("« {0} » : adresse web invalide (« {1} »).", "site_web", sites[0]));
            }

            var services = ImportText.Multi(row.Get("services"));
            if (services.Count == 0)
            {
                warnings.Add(new("Aucun service indiqué : la structure est importée sans service."));
            }

            if (errors.Count > 0)
            {
                items.Add(new ImportItem(row.Line, null, source, id, row.Get("nom") is { Length: > 0 } n ? n : id, null, errors, warnings));
                continue;
            }

            items.Add(new ImportItem(row.Line, null, source, id, row.Get("nom"), Values(row, services, categories, hours, email, website), [], warnings));
        }

        return new ParsedFile(ImportFormat.MediationNumerique, items);
    }

    private static StructureValues Values(TableRow row, List<string> services, Dictionary<string, CategoryInfo> categories, string? hours, string? email, string? website)
    {
        var summary = row.Get("presentation_resume");
        var description = row.Get("presentation_detail");
        if (ImportText.Blank(row.Get("complement_adresse")) is { } complement)
        {
            description = (description + "\n\nAccès : " + complement).Trim();
        }

        var free = ImportText.Multi(row.Get("frais_a_charge"));
        var access = ImportText.Multi(row.Get("modalites_acces"));
        var support = ImportText.Multi(row.Get("modalites_accompagnement"));
        var publics = ImportText.Multi(row.Get("publics_specifiquement_adresses")).Select(p => Publics.GetValueOrDefault(p)).OfType<string>().ToList();
        var modes = new List<string>();
        if (support.Count == 0 || support.Any(s => s != "À distance"))
        {
            modes.Add("en-presentiel");
        }

        if (support.Contains("À distance"))
        {
            modes.Add("a-distance");
        }

        var condition = access.Count == 0 || access.Contains("Se présenter") ? AccessCondition.Unconditional : AccessCondition.Appointment;
        var isFree = free.Count == 0 || free.Any(f => f.StartsWith("Gratuit", StringComparison.Ordinal));
        var types = support.Contains("Dans un atelier collectif") ? new[] { "accompagnement", "atelier" } : ["accompagnement"];

        // The place's description of its mediation, in the standard's words turned into codes; each guide category its
        // services fall in becomes one service carrying that category's kinds of help and the rest of the description.
        List<string> Codes(IReadOnlyList<MediationValue> list, string column) =>
            ImportText.Multi(row.Get(column)).Select(v => DigitalMediation.FromStandard(list, v)).OfType<string>().ToList();
        var offer = new MediationOffer(
            [],
            Codes(DigitalMediation.Support, "modalites_accompagnement"),
            Codes(DigitalMediation.Publics, "publics_specifiquement_adresses"),
            Codes(DigitalMediation.SpecificSupport, "prise_en_charge_specifique"),
            Codes(DigitalMediation.Fees, "frais_a_charge"),
            Codes(DigitalMediation.Programmes, "dispositif_programmes_nationaux"),
            Codes(DigitalMediation.Labels, "formations_labels"),
            ImportText.Blank(row.Get("autres_formations_labels")),
            Codes(DigitalMediation.Access, "modalites_acces"),
            []);
        var appointments = ImportText.Blank(row.Get("prise_rdv")) is { } link && ImportText.IsWebAddress(link) ? link : null;
        var serviceValues = services
            .GroupBy(s => ServiceCategories[s])
            .Where(g => categories.ContainsKey(g.Key))
            .OrderBy(g => g.Key == InternetAccessCategory ? 0 : 1)
            .Select(g => ServiceValues.Normalised(g.Key, categories[g.Key].NameFr, string.Join(", ", g) + ".", types, publics, condition, null, isFree, null, null, modes, null,
                appointments, offer with { Services = g.Select(s => DigitalMediation.FromStandard(DigitalMediation.Services, s)).OfType<string>().ToList() }))
            .ToList();
        var phone = ImportText.Blank(row.Get("telephone"));
        return new StructureValues(
            row.Get("nom"),
            Kind(ImportText.Multi(row.Get("typologie"))),
            summary.Length > 0 ? summary : ImportText.SummaryOf(description),
            description,
            Structure.Join(ImportText.Multi(row.Get("dispositif_programmes_nationaux")).Select(d => Networks.GetValueOrDefault(d)).OfType<string>()),
            ImportText.Blank(row.Get("adresse")),
            ImportText.Blank(row.Get("code_postal")),
            ImportText.Blank(row.Get("commune")),
            ImportText.Blank(row.Get("code_insee")),
            Coordinate(row, "latitude", "longitude"),
            Coordinate(row, "longitude", "latitude"),
            phone ?? "",
            email,
            website,
            hours,
            serviceValues);
    }

    private static double? Coordinate(TableRow row, string column, string other) =>
        ImportText.TryNumber(row.Get(column), out var value) && ImportText.TryNumber(row.Get(other), out _) ? value : null;

    /// <summary>The standard's typologies (the national list of "lieux de médiation numérique") to the guide's kinds.</summary>
    private static StructureKind Kind(List<string> typologies)
    {
        foreach (var typology in typologies)
        {
            switch (typology.ToUpperInvariant())
            {
                case "CCAS" or "CIAS":
                    return StructureKind.Ccas;
                case "BIB" or "MEDIATHEQUE" or "BIBLIOTHEQUE":
                    return StructureKind.Library;
                case "CS" or "CSC" or "CENTRE_SOCIAL":
                    return StructureKind.SocialCentre;
                case "ASSO" or "TIERS_LIEUX" or "FABLAB":
                    return StructureKind.Association;
                case "MUNI" or "COMMUNE" or "MAIRIE" or "DEPT" or "REG" or "EPCI" or "MDS" or "PE" or "CAF" or "CPAM" or "MSA" or "FRANCE_SERVICES" or "PREF":
                    return StructureKind.Public;
                default:
                    break;
            }
        }

        return StructureKind.Association;
    }
}

/// <summary>A Frictionless Table Schema's field rules: required, type (string, number, date), maxLength and pattern.</summary>
public sealed record TableSchemaField(string Name, string Type, bool Required, int? MaxLength, Regex? Pattern);

public sealed class TableSchema
{
    private TableSchema(IReadOnlyList<TableSchemaField> fields) => Fields = fields;

    public IReadOnlyList<TableSchemaField> Fields { get; }

    public List<ImportMessage> Validate(TableRow row)
    {
        var errors = new List<ImportMessage>();
        if (row.Cells.ContainsKey(ImportFile.ExtraCells))
        {
            errors.Add(new("La ligne a plus de cellules que l’en-tête n’a de colonnes."));
        }

        foreach (var field in Fields)
        {
            var value = row.Get(field.Name);
            if (value.Length == 0)
            {
                if (field.Required)
                {
                    errors.Add(new("« {0} » est obligatoire.", field.Name));
                }

                continue;
            }

            if (field.Type == "number" && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new("« {0} » : un nombre est attendu.", field.Name));
            }
            else if (field.Type == "date" && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add(new("« {0} » : une date AAAA-MM-JJ est attendue (« {1} »).", field.Name, value));
            }
            else if (field.MaxLength is { } max && value.Length > max)
            {
                errors.Add(new("« {0} » : {1} caractères au plus.", field.Name, max));
            }
            else if (field.Pattern is { } pattern && !pattern.IsMatch(value))
            {
                errors.Add(new("« {0} » : valeur « {1} » mal formée.", field.Name, value));
            }
        }

        return errors;
    }

    public static TableSchema Load(string name)
    {
        var assembly = typeof(TableSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Schemas." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var document = JsonDocument.Parse(stream);
        var fields = document.RootElement.GetProperty("fields").EnumerateArray().Select(f =>
        {
            var constraints = f.TryGetProperty("constraints", out var c) ? c : default;
            bool Has(string key, out JsonElement value)
            {
                value = default;
                return constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(key, out value);
            }

            return new TableSchemaField(
                f.GetProperty("name").GetString()!,
                f.GetProperty("type").GetString()!,
                Has("required", out var required) && required.GetBoolean(),
                Has("maxLength", out var maxLength) ? maxLength.GetInt32() : null,
                // A Table Schema pattern matches the whole value.
                Has("pattern", out var pattern) ? new Regex("^(?:" + pattern.GetString() + ")$", RegexOptions.None, TimeSpan.FromSeconds(1)) : null);
        }).ToList();
        return new TableSchema(fields);
    }
}
