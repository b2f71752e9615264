using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// The simple template for structures that keep a spreadsheet (CSV or XLSX): one structure a row, French column
/// headers (accents and case ignored), one service per category listed.
/// </summary>
public static class TemplateReader
{
    public const string DefaultSource = "modele";

    /// <summary>The template's columns, in order, with what goes in each (shown on the page and in the README).</summary>
    public static readonly IReadOnlyList<(string Column, string Help, string Example)> Columns =
    [
        ("identifiant", "facultatif : votre identifiant de la structure, pour la retrouver au prochain import", "ACC-12"),
        ("nom", "obligatoire", "Accueil de jour Le Phare"),
        ("type", "association, service public, ccas, santé, réseau caritatif, bibliothèque ou centre social", "association"),
        ("résumé", "une phrase, 280 caractères au plus", "Un lieu chaud pour se poser, boire un café et laver son linge."),
        ("description", "texte libre", "Accueil sans condition, en journée, avec une bagagerie."),
        ("adresse", "numéro et voie", "12 rue de Siam"),
        ("code postal", "obligatoire, 5 chiffres", "29200"),
        ("commune", "obligatoire", "Brest"),
        ("code insee", "facultatif, 5 caractères", "29019"),
        ("latitude", "facultatif, en degrés décimaux (point ou virgule)", "48.3904"),
        ("longitude", "facultatif, en degrés décimaux", "-4.4861"),
        ("téléphone", "un ou plusieurs, séparés par |", "02 98 00 00 00"),
        ("courriel", "une adresse", "contact@lephare.example"),
        ("site", "adresse web complète (https://…)", "https://lephare.example"),
        ("horaires", "au format OpenStreetMap", "Mo-Fr 09:00-12:00,14:00-17:00"),
        ("catégories", "codes ou noms des catégories du guide, séparés par |", "accueil-de-jour|laverie"),
        ("gratuit", "oui ou non (oui si vide)", "oui"),
        ("accès", "libre, rendez-vous, inscription ou orientation (libre si vide)", "libre"),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["id"] = "identifiant",
        ["telephones"] = "telephone",
        ["email"] = "courriel",
        ["e mail"] = "courriel",
        ["mail"] = "courriel",
        ["site internet"] = "site",
        ["site web"] = "site",
        ["categorie"] = "categories",
        ["besoins"] = "categories",
        ["besoins categories"] = "categories",
        ["cp"] = "code postal",
        ["ville"] = "commune",
    };

    public static string Key(string header)
    {
        var folded = Folded(header);
        return Aliases.GetValueOrDefault(folded, folded);
    }

    /// <summary>Lower case, without accents, punctuation or repeated spaces: how headers and values are compared.</summary>
    public static string Folded(string text) => string.Join(' ', TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static bool Recognises(Table table)
    {
        var keys = table.Header.Select(Key).ToHashSet();
        return keys.Contains("nom") && keys.Contains("code postal") && keys.Contains("commune");
    }

    public static ParsedFile Read(Table table, string source, IReadOnlyList<NeedInfo> needs)
    {
        var columns = table.Header.Where(h => h.Length > 0).GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var missing = new[] { "nom", "code postal", "commune" }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UnreadableFileException(new("Colonnes obligatoires absentes : {0}.", string.Join(", ", missing)));
        }

        var categories = needs.SelectMany(n => n.Categories).ToList();
        var items = new List<ImportItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            string Cell(string key) => columns.TryGetValue(key, out var header) ? row.Get(header) : "";
            var errors = new List<ImportMessage>();
            var warnings = new List<ImportMessage>();
            var name = Cell("nom");
            var postalCode = Cell("code postal");
            var city = Cell("commune");
            if (row.Cells.ContainsKey(ImportFile.ExtraCells))
            {
                errors.Add(new("La ligne a plus de cellules que l’en-tête n’a de colonnes."));
            }

            if (name.Length < 2)
            {
                errors.Add(new("« {0} » est obligatoire.", "nom"));
            }
            else if (name.Length > 200)
            {
                errors.Add(new("« {0} » : {1} caractères au plus.", "nom", 200));
            }

            if (postalCode.Length == 0)
            {
                errors.Add(new("« {0} » est obligatoire.", "code postal"));
            }
            else if (!ImportText.IsPostalCode(postalCode))
            {
                errors.Add(new("« {0} » : 5 chiffres attendus (« {1} »).", "code postal", postalCode));
            }

            if (city.Length == 0)
            {
                errors.Add(new("« {0} » est obligatoire.", "commune"));
            }

            var communeCode = ImportText.Blank(Cell("code insee"))?.ToUpperInvariant();
            if (communeCode is not null && !ImportText.IsCommuneCode(communeCode))
            {
                errors.Add(new("« {0} » : valeur « {1} » mal formée.", "code insee", communeCode));
            }

            double? latitude = null;
            double? longitude = null;
            if (Cell("latitude").Length > 0 || Cell("longitude").Length > 0)
            {
                if (ImportText.TryNumber(Cell("latitude"), out var lat) && ImportText.TryNumber(Cell("longitude"), out var lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
                {
                    (latitude, longitude) = (lat, lon);
                }
                else
                {
                    errors.Add(new("Latitude et longitude : deux nombres en degrés décimaux sont attendus."));
                }
            }

            var email = ImportText.Blank(Cell("courriel"));
            if (email is not null && !ImportText.IsEmail(email))
            {
                errors.Add(new("« {0} » : adresse électronique invalide (« {1} »).", "courriel", email));
            }

            var website = ImportText.Blank(Cell("site"));
            if (website is not null && !ImportText.IsWebAddress(website))
            {
                errors.Add(new("« {0} » : adresse web invalide (« {1} »).", "site", website));
            }

            var hours = ImportText.Blank(Cell("horaires"));
            if (hours is not null && !ImportText.IsOpeningHours(hours))
            {
                errors.Add(new("« {0} » : horaires illisibles au format OpenStreetMap (« {1} »).", "horaires", hours));
            }

            var summary = Cell("resume");
            if (summary.Length > 280)
            {
                errors.Add(new("« {0} » : {1} caractères au plus.", "résumé", 280));
            }

            var kind = Kind(Cell("type"));
            if (kind is null)
            {
                errors.Add(new("« {0} » : valeur « {1} » inconnue.", "type", Cell("type")));
            }

            var free = Folded(Cell("gratuit"));
            if (free is not ("" or "oui" or "non"))
            {
                errors.Add(new("« {0} » : oui ou non attendu (« {1} »).", "gratuit", Cell("gratuit")));
            }

            var access = Access(Cell("acces"));
            if (access is null)
            {
                errors.Add(new("« {0} » : valeur « {1} » inconnue.", "accès", Cell("acces")));
            }

            var services = new List<ServiceValues>();
            foreach (var wanted in ImportText.Multi(Cell("categories")))
            {
                var folded = Folded(wanted);
                var category = categories.FirstOrDefault(c => c.Code == wanted.Trim().ToLowerInvariant() || Folded(c.NameFr) == folded);
                if (category is null)
                {
                    errors.Add(new("« {0} » : catégorie « {1} » inconnue du guide.", "catégories", wanted));
                    continue;
                }

                if (services.All(s => s.CategoryCode != category.Code))
                {
                    services.Add(ServiceValues.Normalised(category.Code, category.NameFr, "", [], [], access ?? AccessCondition.Unconditional, null, free != "non", null, null, [], null, null));
                }
            }

            var id = ImportText.Blank(Cell("identifiant")) ?? $"{postalCode}--{Folded(name)}";
            if (!seen.TryAdd(id, row.Line))
            {
                errors.Add(new("La même structure est déjà ligne {0}.", seen[id]));
            }

            if (errors.Count > 0)
            {
                items.Add(new ImportItem(row.Line, null, source, id, name.Length > 0 ? name : id, null, errors, warnings));
                continue;
            }

            var description = Cell("description");
            items.Add(new ImportItem(row.Line, null, source, id, name, new StructureValues(
                name,
                kind!.Value,
                summary.Length > 0 ? summary : ImportText.SummaryOf(description),
                description,
                "",
                ImportText.Blank(Cell("adresse")),
                postalCode,
                city,
                communeCode,
                latitude,
                longitude,
                Structure.Join(ImportText.Multi(Cell("telephone"))),
                email,
                website,
                hours,
                services), [], warnings));
        }

        return new ParsedFile(ImportFormat.Template, items);
    }

    private static StructureKind? Kind(string text) => Folded(text) switch
    {
        "" or "association" or "asso" => StructureKind.Association,
        "service public" or "public" => StructureKind.Public,
        "ccas" or "cias" => StructureKind.Ccas,
        "sante" => StructureKind.Health,
        "reseau caritatif" => StructureKind.CharityNetwork,
        "bibliotheque" or "mediatheque" => StructureKind.Library,
        "centre social" => StructureKind.SocialCentre,
        _ => null,
    };

    private static AccessCondition? Access(string text) => Folded(text) switch
    {
        "" or "libre" or "sans condition" => AccessCondition.Unconditional,
        "rendez vous" or "rdv" or "sur rendez vous" => AccessCondition.Appointment,
        "inscription" or "sur inscription" => AccessCondition.Registration,
        "orientation" or "sur orientation" => AccessCondition.ProfessionalOrientation,
        _ => null,
    };
}
