using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;
using Reperes.Web.OpenData.DataInclusion;

namespace Reperes.Web.OpenData.Imports;

/// <summary>How to read a file and what to do with what it holds.</summary>
/// <param name="Format">Forced interpretation; by default recognised from the content.</param>
/// <param name="Source">The producer's name for the mediation standard and the template (data·inclusion names its own).</param>
/// <param name="PutOnline">New structures go online at once (otherwise drafts, for the coordination to review).</param>
/// <param name="Overwrite">Replace fields changed by hand in Repères since the last import (otherwise kept and reported).</param>
public sealed record ImportOptions(ImportFormat? Format = null, string? Source = null, bool PutOnline = false, bool Overwrite = false);

/// <summary>Who the revisions of an import are written for.</summary>
public sealed record ImportAuthor(string UserId, string Name);

public enum PlanAction
{
    Create,
    Update,
    Unchanged,
    Rejected,
}

/// <summary>What one line of the file does (or would do): the fields that change, those kept because edited by hand, or why it is refused.</summary>
public sealed record PlanLine(
    int Line,
    string? Part,
    string Label,
    string ExternalId,
    PlanAction Action,
    IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<string> KeptFields,
    IReadOnlyList<ImportMessage> Reasons,
    IReadOnlyList<ImportMessage> Warnings,
    string? Slug);

public sealed record ImportPlan(ImportFormat Format, IReadOnlyList<PlanLine> Lines)
{
    public int Count(PlanAction action) => Lines.Count(l => l.Action == action);
}

/// <summary>
/// Imports structures from data·inclusion, the digital-mediation standard or the template: every line is first
/// planned (create, update with the fields that change, unchanged, rejected with why), then — when applied — each
/// line is written in its own transaction with its revision and its search index entry, so a refused or failing line
/// writes nothing and the others are not held back.
/// </summary>
public sealed class Importer(
    ReperesDbContext db,
    GuideCatalog catalog,
    StructureWriter writer,
    IConfiguration configuration,
    TimeProvider clock)
{
    public static string FormatName(ImportFormat format) => format switch
    {
        ImportFormat.DataInclusion => "data-inclusion",
        ImportFormat.MediationNumerique => "mediation-numerique",
        ImportFormat.Template => "modele",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static ImportFormat? ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "data-inclusion" or "datainclusion" => ImportFormat.DataInclusion,
        "mediation-numerique" or "mediation" => ImportFormat.MediationNumerique,
        "modele" or "template" => ImportFormat.Template,
        _ => null,
    };

    /// <summary>Reads the file (and data·inclusion services apart); throws <see cref="UnreadableFileException"/> when it cannot.</summary>
    public ParsedFile Parse(byte[] file, byte[]? servicesFile, ImportOptions options)
    {
        if (file.LongLength > ImportFile.MaxBytes || servicesFile?.LongLength > ImportFile.MaxBytes)
        {
            throw new UnreadableFileException(new("Le fichier dépasse {0} Mo.", ImportFile.MaxBytes / 1024 / 1024));
        }

        var content = ImportFile.Detect(file);
        var now = clock.GetUtcNow();
        var needs = catalog.Needs;
        if (options.Format == ImportFormat.DataInclusion || (options.Format is null && content == FileContent.Json))
        {
            return DataInclusionReader.Read(file, servicesFile, needs, now);
        }

        if (content == FileContent.Json)
        {
            throw new UnreadableFileException(new("Ce format s’importe en CSV ou en tableur, pas en JSON."));
        }

        var table = content == FileContent.Xlsx ? SpreadsheetFile.Read(file) : ImportFile.Csv(ImportFile.Text(file));
        var format = options.Format
            ?? (MediationReader.Recognises(table) ? ImportFormat.MediationNumerique
                : table.Header.Contains("source") && table.Header.Contains("id") && table.Header.Contains("date_maj") ? ImportFormat.DataInclusion
                : TemplateReader.Recognises(table) ? ImportFormat.Template
                : throw new UnreadableFileException(new("Colonnes non reconnues : ni data·inclusion, ni le standard de la médiation numérique, ni le modèle de Repères.")));
        return format switch
        {
            ImportFormat.DataInclusion => DataInclusionReader.Read(file, servicesFile, needs, now),
            ImportFormat.MediationNumerique => MediationReader.Read(table, Source(options, MediationReader.DefaultSource), needs, now),
            ImportFormat.Template => TemplateReader.Read(table, Source(options, TemplateReader.DefaultSource), needs),
            _ => throw new ArgumentOutOfRangeException(nameof(options), format, null),
        };
    }

    /// <summary>The dry run: what each line would do, nothing written.</summary>
    public async Task<ImportPlan> PlanAsync(ParsedFile parsed, ImportOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<PlanLine>();
        foreach (var item in parsed.Items)
        {
            lines.Add((await PlanItemAsync(item, options, cancellationToken)).Line);
            db.ChangeTracker.Clear();
        }

        return new ImportPlan(parsed.Format, lines);
    }

    /// <summary>Writes every valid line, each in its own transaction; returns what was done.</summary>
    public async Task<ImportPlan> ApplyAsync(ParsedFile parsed, ImportOptions options, ImportAuthor author, CancellationToken cancellationToken)
    {
        var lines = new List<PlanLine>();
        foreach (var item in parsed.Items)
        {
            lines.Add(await ApplyItemAsync(item, parsed.Format, options, author, cancellationToken));
            db.ChangeTracker.Clear();
        }

        // The notices and communes kept in memory follow every line's commit (PublicChanges).
        return new ImportPlan(parsed.Format, lines);
    }

    private static string Source(ImportOptions options, string fallback) => ImportText.Blank(options.Source) is { } source ? source[..Math.Min(source.Length, 100)] : fallback;

    private sealed record Planned(PlanLine Line, Structure? Structure, ExternalReference? Reference, StructureValues? Target, Dictionary<string, string?>? Incoming);

    private async Task<Planned> PlanItemAsync(ImportItem item, ImportOptions options, CancellationToken cancellationToken)
    {
        if (!item.IsValid)
        {
            return new(Line(item, PlanAction.Rejected, [], [], null), null, null, null, null);
        }

        var values = item.Values!;
        var reference = await db.ExternalReferences.FirstOrDefaultAsync(r => r.Source == item.Source && r.ExternalId == item.ExternalId, cancellationToken);
        var structure = reference is null ? null : await Load(db.Structures.Where(s => s.Id == reference.StructureId), cancellationToken);
        if (structure is null && item.ExternalId.StartsWith(OwnSource + "--", StringComparison.Ordinal) && Guid.TryParse(item.ExternalId[(OwnSource.Length + 2)..], out var uid))
        {
            // One of Repères' own exported items: the structure it came from.
            structure = await Load(db.Structures.Where(s => s.Uid == uid), cancellationToken);
        }

        if (structure is null && values.PostalCode is { } postalCode)
        {
            // A structure already in the guide under the same name in the same postal code is this one.
            var name = values.Name.ToLower();
            structure = await Load(
                db.Structures.Where(s => s.PostalCode == postalCode && s.Name.ToLower() == name && s.Status != StructureStatus.PermanentlyClosed
                    && !db.ExternalReferences.Any(r => r.StructureId == s.Id && r.Source == item.Source)),
                cancellationToken);
        }

        var incoming = values.Snapshot();
        if (structure is null)
        {
            var created = incoming.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => new FieldChange(f.Key, null, Display(f.Key, f.Value))).ToList();
            return new(Line(item, PlanAction.Create, created, [], null), null, reference, values, incoming);
        }

        var current = StructureValues.Of(structure, CategoryCode);
        // A file that says nothing of a service's digital mediation (data·inclusion, the template) leaves what it holds.
        current = current with
        {
            Services = current.Services
                .Select(c => values.Services.FirstOrDefault(i => i.Name == c.Name) is { Mediation: null } ? c with { Mediation = null } : c)
                .ToList(),
        };
        var currentFields = current.Snapshot();
        var last = reference?.ImportedValueMap;
        var changed = new List<string>();
        var kept = new List<string>();
        foreach (var key in incoming.Keys.Union(currentFields.Keys))
        {
            var inc = incoming.GetValueOrDefault(key);
            var cur = currentFields.GetValueOrDefault(key);
            if (SheetFields.Same(inc, cur))
            {
                continue;
            }

            var isService = key.StartsWith(StructureValues.ServicePrefix, StringComparison.Ordinal);
            var lst = last?.GetValueOrDefault(key);
            var untouchedSinceImport = last is not null && (last.ContainsKey(key) || !isService) && SheetFields.Same(cur, lst);
            if (!incoming.ContainsKey(key) && !(last?.ContainsKey(key) ?? false))
            {
                // A service added in Repères, never imported: not the import's business.
                continue;
            }

            if (options.Overwrite || untouchedSinceImport || (last is null && string.IsNullOrEmpty(cur)))
            {
                changed.Add(key);
            }
            else
            {
                kept.Add(key);
            }
        }

        var changes = changed.Select(k => new FieldChange(k, Display(k, currentFields.GetValueOrDefault(k)), Display(k, incoming.GetValueOrDefault(k)))).ToList();
        var target = Merge(current, values, changed);
        return new(Line(item, changes.Count > 0 ? PlanAction.Update : PlanAction.Unchanged, changes, kept, structure.Slug), structure, reference, target, incoming);
    }

    private async Task<PlanLine> ApplyItemAsync(ImportItem item, ImportFormat format, ImportOptions options, ImportAuthor author, CancellationToken cancellationToken)
    {
        if (!item.IsValid)
        {
            return (await PlanItemAsync(item, options, cancellationToken)).Line;
        }

        var planned = await PlanItemAsync(item, options, cancellationToken);
        var line = planned.Line;
        switch (line.Action)
        {
            case PlanAction.Rejected:
                return line;
            case PlanAction.Unchanged when planned.Reference is not null:
                return line;
            case PlanAction.Unchanged or PlanAction.Create or PlanAction.Update:
                break;
            default:
                throw new InvalidOperationException($"Unknown action {line.Action}.");
        }

        var now = clock.GetUtcNow();
        var signed = $"Import {FormatName(format)} « {item.Source} » ({author.Name})";
        var structure = planned.Structure;
        if (line.Action == PlanAction.Create)
        {
            var values = planned.Target!;
            structure = new Structure(await Slugs.FreeAsync(db, values.Name, values.City ?? "", cancellationToken), values.Name, values.Kind, now);
            SetFields(structure, values);
            if (options.PutOnline)
            {
                structure.PutOnline(now);
            }
        }

        try
        {
            // The structure, its services, the reference of the import and the revision: one write, one transaction.
            await writer.WriteAsync(new StructureAuthor(author.UserId, signed), structure!, UpdatedDate.Moves, async () =>
            {
                var revision = new List<FieldChange>();
                switch (line.Action)
                {
                    case PlanAction.Create:
                        var values = planned.Target!;
                        revision.AddRange(line.Changes.Where(c => !c.Field.StartsWith(StructureValues.ServicePrefix, StringComparison.Ordinal)));
                        revision.AddRange(await SetServicesAsync(structure!, values, values.Services.Select(s => StructureValues.ServiceKey(s.Name)).ToList(), cancellationToken));
                        break;
                    case PlanAction.Update:
                        var changedKeys = line.Changes.Select(c => c.Field).ToList();
                        SetFields(structure!, planned.Target!);
                        revision.AddRange(line.Changes.Where(c => !c.Field.StartsWith(StructureValues.ServicePrefix, StringComparison.Ordinal)));
                        revision.AddRange(await SetServicesAsync(structure!, item.Values!, changedKeys, cancellationToken));
                        break;
                    case PlanAction.Unchanged or PlanAction.Rejected:
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown action {line.Action}.");
                }

                if (planned.Reference is null)
                {
                    db.ExternalReferences.Add(new ExternalReference(item.Source, item.ExternalId, structure!.Id, FormatName(format), planned.Incoming!, now));
                }
                else
                {
                    planned.Reference.Record(planned.Incoming!, now);
                }

                return revision;
            }, cancellationToken);
        }
        catch (DbUpdateException e)
        {
            return Line(item, PlanAction.Rejected, [], [], null) with { Reasons = [new ImportMessage("Écriture refusée par la base de données : {0}", e.InnerException?.Message ?? e.Message)] };
        }

        return line.Action == PlanAction.Create ? line with { Slug = structure!.Slug } : line;
    }

    private static void SetFields(Structure structure, StructureValues v)
    {
        structure.Describe(v.Name, structure.Id == 0 ? v.Kind : structure.Kind, v.Summary, v.Description, ImportText.Multi(v.Networks));
        structure.PlaceAt(v.Street, v.PostalCode, v.City, v.CommuneCode, v.Latitude, v.Longitude);
        structure.SetContact(ImportText.Multi(v.Phones), v.Email, v.Website);
        structure.SetReception(structure.WheelchairAccessible, structure.LanguageList, v.OpeningHours, structure.OpeningHoursDetails);
    }

    /// <summary>Adds, changes or removes the services named by <paramref name="keys"/>; returns their changes in words.</summary>
    private async Task<List<FieldChange>> SetServicesAsync(Structure structure, StructureValues values, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var changes = new List<FieldChange>();
        var codes = values.Services.Select(s => s.CategoryCode).Distinct().ToList();
        var categories = await db.Categories.Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var key in keys.Where(k => k.StartsWith(StructureValues.ServicePrefix, StringComparison.Ordinal)))
        {
            var wanted = values.Services.FirstOrDefault(s => StructureValues.ServiceKey(s.Name) == key);
            var existing = structure.Services.FirstOrDefault(s => StructureValues.ServiceKey(s.Name) == key);
            var before = existing is null ? null : ServiceFields.Snapshot(existing, catalog.Category(existing.CategoryId));
            if (wanted is null)
            {
                if (existing is not null)
                {
                    db.Services.Remove(existing);
                    structure.Services.Remove(existing);
                    changes.AddRange(ServiceFields.Diff(existing.Name, before, null));
                }

                continue;
            }

            var category = categories[wanted.CategoryCode];
            var service = existing ?? new Service(structure, category, wanted.Name);
            service.Describe(category, wanted.Name, wanted.Description, ImportText.Multi(wanted.Types));
            service.SetAudience(ImportText.Multi(wanted.Publics), service.Gender, service.AgeMin, service.AgeMax, service.AdministrativeSituation);
            service.SetConditions(wanted.Access, wanted.AccessDetails, wanted.IsFree, wanted.CostDetails);
            service.SetReception(wanted.OpeningHours, ImportText.Multi(wanted.ModesAccueil), wanted.RemotePhone, wanted.RemoteWebsite);
            if (wanted.Mediation is { } mediation)
            {
                service.SetMediation(mediation);
            }

            if (existing is null)
            {
                structure.Services.Add(service);
                db.Services.Add(service);
            }

            changes.AddRange(ServiceFields.Diff(wanted.Name, before, ServiceFields.Snapshot(service, catalog.Category(category.Code))));
        }

        return changes;
    }

    private static StructureValues Merge(StructureValues current, StructureValues incoming, List<string> changed)
    {
        bool Take(string field) => changed.Contains(field);
        var coordinates = Take(StructureValues.CoordinatesField);
        return current with
        {
            Name = Take(StructureValues.NameField) ? incoming.Name : current.Name,
            Summary = Take(StructureValues.SummaryField) ? incoming.Summary : current.Summary,
            Description = Take(StructureValues.DescriptionField) ? incoming.Description : current.Description,
            Networks = Take(StructureValues.NetworksField) ? incoming.Networks : current.Networks,
            Street = Take(StructureValues.StreetField) ? incoming.Street : current.Street,
            PostalCode = Take(StructureValues.PostalCodeField) ? incoming.PostalCode : current.PostalCode,
            City = Take(StructureValues.CityField) ? incoming.City : current.City,
            CommuneCode = Take(StructureValues.CommuneCodeField) ? incoming.CommuneCode : current.CommuneCode,
            Latitude = coordinates ? incoming.Latitude : current.Latitude,
            Longitude = coordinates ? incoming.Longitude : current.Longitude,
            Phones = Take(StructureValues.PhonesField) ? incoming.Phones : current.Phones,
            Email = Take(StructureValues.EmailField) ? incoming.Email : current.Email,
            Website = Take(StructureValues.WebsiteField) ? incoming.Website : current.Website,
            OpeningHours = Take(StructureValues.OpeningHoursField) ? incoming.OpeningHours : current.OpeningHours,
            Services = incoming.Services,
        };
    }

    /// <summary>A field's value as the plan shows it: a service in a few words rather than its stored form.</summary>
    private string? Display(string field, string? value)
    {
        if (!field.StartsWith(StructureValues.ServicePrefix, StringComparison.Ordinal) || ServiceValues.FromCanonical(value) is not { } service)
        {
            return value;
        }

        var category = catalog.Category(service.CategoryCode)?.NameFr ?? service.CategoryCode;
        var parts = new[] { category, service.IsFree ? "gratuit" : "payant", service.OpeningHours ?? "", service.Description };
        return string.Join(" — ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    private static PlanLine Line(ImportItem item, PlanAction action, IReadOnlyList<FieldChange> changes, IReadOnlyList<string> kept, string? slug) =>
        new(item.Line, item.Part, item.Label, item.ExternalId, action, changes, kept, item.Errors, item.Warnings, slug);

    private string CategoryCode(int categoryId) => catalog.Category(categoryId)?.Code ?? "";

    private string OwnSource => configuration[DataInclusionExport.SourceKey] is { Length: > 0 } configured ? configured : DataInclusionExport.DefaultSource;

    private static Task<Structure?> Load(IQueryable<Structure> query, CancellationToken cancellationToken) =>
        query.Include(s => s.Services).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);

}
