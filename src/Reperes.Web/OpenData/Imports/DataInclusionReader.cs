using System.Text.Json;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// data·inclusion v1 structures (and their services) from JSON — an array, or an object with "structures" and
/// "services" — or from CSV ('|'-separated lists), the reverse of the export's mapping where there is one.
/// </summary>
public static class DataInclusionReader
{
    private sealed record RawItem(int Line, string? Part, Dictionary<string, object?> Fields, List<ImportMessage> TypeErrors);

    public static ParsedFile Read(byte[] file, byte[]? servicesFile, IReadOnlyList<NeedInfo> needs, DateTimeOffset now)
    {
        var structures = new List<RawItem>();
        var services = new List<RawItem>();
        Collect(file, null, structures, services);
        if (servicesFile is not null)
        {
            Collect(servicesFile, "services", structures, services);
        }

        var items = new List<ImportItem>();
        var seen = new Dictionary<(string, string), int>();
        var byId = new Dictionary<string, (RawItem Raw, List<ImportMessage> Errors, List<ServiceValues> Services, List<ImportMessage> Warnings)>(StringComparer.Ordinal);
        foreach (var raw in structures)
        {
            var errors = new List<ImportMessage>(raw.TypeErrors);
            errors.AddRange(DataInclusionSchema.Structure.Validate(raw.Fields));
            if (Text(raw, "date_maj") is { } date && ImportText.CheckUpdateDate("date_maj", date, now) is { } dateError && !errors.Any(e => e.Arguments.FirstOrDefault() as string == "date_maj"))
            {
                errors.Add(dateError);
            }

            if ((Number(raw, "latitude") is not null || Number(raw, "longitude") is not null) && !ImportText.AreCoordinates(Number(raw, "latitude"), Number(raw, "longitude")))
            {
                errors.Add(new("Latitude et longitude : deux nombres en degrés décimaux sont attendus."));
            }

            var source = Text(raw, "source") ?? "";
            var id = Text(raw, "id") ?? "";
            if (id.Length > 0 && seen.TryGetValue((source, id), out var firstLine))
            {
                errors.Add(new("Identifiant « {0} » déjà vu ligne {1}.", id, firstLine));
            }
            else if (id.Length > 0)
            {
                seen[(source, id)] = raw.Line;
            }

            if (id.Length > 0 && errors.Count == 0)
            {
                byId[id] = (raw, errors, [], []);
            }
            else
            {
                items.Add(new ImportItem(raw.Line, raw.Part, source, id, Text(raw, "nom") ?? id, null, errors, []));
            }
        }

        foreach (var raw in services)
        {
            var errors = new List<ImportMessage>(raw.TypeErrors);
            errors.AddRange(DataInclusionSchema.Service.Validate(raw.Fields));
            if (Text(raw, "date_maj") is { } date && ImportText.CheckUpdateDate("date_maj", date, now) is { } dateError && !errors.Any(e => e.Arguments.FirstOrDefault() as string == "date_maj"))
            {
                errors.Add(dateError);
            }

            var publics = List(raw, "publics");
            if (publics.Contains("tous-publics") && publics.Count > 1)
            {
                errors.Add(new("« publics » : « tous-publics » doit être seul."));
            }

            var name = Text(raw, "nom") ?? "";
            var structureId = Text(raw, "structure_id") ?? "";
            var category = ImportText.CategoryFor(needs, List(raw, "thematiques"), Text(raw, "nom") ?? "");
            if (errors.Count == 0 && category is null)
            {
                errors.Add(new("Aucune des thématiques du service ne correspond à une catégorie du guide."));
            }

            if (errors.Count == 0 && !byId.ContainsKey(structureId))
            {
                errors.Add(new("Sa structure « {0} » n’est pas importée avec lui (absente du fichier ou refusée).", structureId));
            }

            if (errors.Count == 0 && byId[structureId].Services.Any(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new("Un autre service de cette structure porte déjà le nom « {0} ».", name));
            }

            if (errors.Count > 0)
            {
                items.Add(new ImportItem(raw.Line, raw.Part ?? "services", Text(raw, "source") ?? "", Text(raw, "id") ?? "", name, null, errors, []));
                continue;
            }

            byId[structureId].Services.Add(Service(raw, category!));
        }

        foreach (var (id, (raw, _, serviceValues, warnings)) in byId)
        {
            items.Add(new ImportItem(raw.Line, raw.Part, Text(raw, "source")!, id, Text(raw, "nom")!, Structure(raw, serviceValues), [], warnings));
        }

        return new ParsedFile(ImportFormat.DataInclusion, items.OrderBy(i => i.Part is null ? 0 : 1).ThenBy(i => i.Line).ToList());
    }

    private static StructureValues Structure(RawItem raw, List<ServiceValues> services)
    {
        var description = Text(raw, "description") ?? "";
        if (Text(raw, "complement_adresse") is { } complement)
        {
            description = (description + "\n\nAccès : " + complement).Trim();
        }

        return new StructureValues(
            Text(raw, "nom")!,
            StructureKind.Association,
            ImportText.SummaryOf(description),
            description,
            Core.Structures.Structure.Join(List(raw, "reseaux_porteurs")),
            Text(raw, "adresse"),
            Text(raw, "code_postal"),
            Text(raw, "commune"),
            Text(raw, "code_insee"),
            Number(raw, "latitude") is { } lat && Number(raw, "longitude") is not null ? lat : null,
            Number(raw, "latitude") is not null ? Number(raw, "longitude") : null,
            Text(raw, "telephone") ?? "",
            Text(raw, "courriel"),
            Text(raw, "site_web"),
            Text(raw, "horaires_accueil"),
            services);
    }

    private static ServiceValues Service(RawItem raw, CategoryInfo category)
    {
        // The export writes "<access in words>[ : details]": read back which it was.
        var conditions = Text(raw, "conditions_acces");
        var access = AccessCondition.Unconditional;
        string? details = conditions;
        foreach (var (condition, words) in AccessWords)
        {
            if (conditions is not null && conditions.StartsWith(words, StringComparison.Ordinal))
            {
                access = condition;
                details = ImportText.Blank(conditions[words.Length..].TrimStart(' ', ':'));
                break;
            }
        }

        if (conditions is null && List(raw, "mobilisable_par") is ["professionnels"])
        {
            access = AccessCondition.ProfessionalOrientation;
        }

        return ServiceValues.Normalised(
            category.Code,
            Text(raw, "nom")!,
            Text(raw, "description") ?? "",
            Text(raw, "type") is { } type ? [type] : [],
            List(raw, "publics"),
            access,
            details,
            Text(raw, "frais") != "payant",
            Text(raw, "frais_precisions"),
            Text(raw, "horaires_accueil"),
            List(raw, "modes_accueil"),
            null,
            Text(raw, "lien_mobilisation"));
    }

    private static readonly (AccessCondition, string)[] AccessWords =
    [
        (AccessCondition.Unconditional, "Accueil inconditionnel"),
        (AccessCondition.Appointment, "Sur rendez-vous"),
        (AccessCondition.Registration, "Sur inscription"),
        (AccessCondition.ProfessionalOrientation, "Sur orientation d’un ou d’une professionnelle"),
    ];

    private static string? Text(RawItem raw, string field) => raw.Fields.GetValueOrDefault(field) is string s ? ImportText.Blank(s) : null;

    private static double? Number(RawItem raw, string field) => raw.Fields.GetValueOrDefault(field) as double?;

    private static List<string> List(RawItem raw, string field) => raw.Fields.GetValueOrDefault(field) as List<string> ?? [];

    private static void Collect(byte[] file, string? part, List<RawItem> structures, List<RawItem> services)
    {
        switch (ImportFile.Detect(file))
        {
            case FileContent.Json:
                CollectJson(file, part, structures, services);
                break;
            case FileContent.Csv:
                var table = ImportFile.Csv(ImportFile.Text(file));
                var isServices = table.Header.Contains("structure_id");
                var schema = isServices ? DataInclusionSchema.Service : DataInclusionSchema.Structure;
                var missing = schema.Required.Where(r => !table.Header.Contains(r)).ToList();
                if (missing.Count > 0)
                {
                    throw new UnreadableFileException(new("Colonnes obligatoires absentes : {0}.", string.Join(", ", missing)));
                }

                foreach (var row in table.Rows)
                {
                    var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                    var errors = new List<ImportMessage>();
                    if (row.Cells.ContainsKey(ImportFile.ExtraCells))
                    {
                        errors.Add(new("La ligne a plus de cellules que l’en-tête n’a de colonnes."));
                    }

                    foreach (var column in table.Header.Where(schema.Properties.Contains))
                    {
                        var cell = row.Get(column);
                        if (cell.Length == 0)
                        {
                            fields[column] = null;
                        }
                        else if (schema.IsArray(column))
                        {
                            fields[column] = ImportText.Multi(cell);
                        }
                        else if (schema.IsNumber(column))
                        {
                            fields[column] = ImportText.TryNumber(cell, out var number) ? number : cell;
                        }
                        else
                        {
                            fields[column] = cell;
                        }
                    }

                    (isServices ? services : structures).Add(new RawItem(row.Line, part ?? (isServices ? "services" : null), fields, errors));
                }

                break;
            case FileContent.Xlsx:
                throw new UnreadableFileException(new("data·inclusion s’importe en JSON ou en CSV, pas en tableur."));
            default:
                throw new InvalidOperationException("Unknown content.");
        }
    }

    private static void CollectJson(byte[] file, string? part, List<RawItem> structures, List<RawItem> services)
    {
        using var document = ImportFile.Json(file);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            AddJson(root, ImportFile.ElementLines(file), part, structures, services);
        }
        else if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("structures", out _) || root.TryGetProperty("services", out _)))
        {
            foreach (var name in new[] { "structures", "services" })
            {
                if (root.TryGetProperty(name, out var array))
                {
                    if (array.ValueKind != JsonValueKind.Array)
                    {
                        throw new UnreadableFileException(new("« {0} » doit être une liste.", name));
                    }

                    AddJson(array, ImportFile.ElementLines(file, name), part, structures, services);
                }
            }
        }
        else
        {
            throw new UnreadableFileException(new("Le JSON doit être une liste de structures data·inclusion (ou un objet avec « structures » et « services »)."));
        }
    }

    private static void AddJson(JsonElement array, List<int> lines, string? part, List<RawItem> structures, List<RawItem> services)
    {
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var line = index < lines.Count ? lines[index] : index + 1;
            index++;
            if (structures.Count + services.Count > ImportFile.MaxRows)
            {
                throw new UnreadableFileException(new("Le fichier a plus de {0} lignes : découpez-le.", ImportFile.MaxRows));
            }

            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            var errors = new List<ImportMessage>();
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new("Un objet JSON est attendu."));
                structures.Add(new RawItem(line, part, fields, errors));
                continue;
            }

            foreach (var property in element.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Array when property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                        property.Value.EnumerateArray().Select(e => e.GetString()!).ToList(),
                    _ => Invalid(property.Name, errors),
                };
            }

            var isService = fields.ContainsKey("structure_id");
            (isService ? services : structures).Add(new RawItem(line, part ?? (isService ? "services" : null), fields, errors));
        }
    }

    private static object? Invalid(string field, List<ImportMessage> errors)
    {
        errors.Add(new("« {0} » : type de valeur inattendu.", field));
        return null;
    }
}
