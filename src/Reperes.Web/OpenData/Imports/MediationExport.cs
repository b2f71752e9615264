// The CSV is written by hand (every field quoted, RFC 4180) to match the standard's exact columns; the tests check it against its schema.json with a Table Schema validator.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.OpenData.DataInclusion;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// The online structures that offer digital mediation (a service in "Ateliers numériques" or "Point d'accès public à
/// internet") in the national standard of digital-mediation places: its columns, in its order, its value lists.
/// </summary>
public static partial class MediationExport
{
    /// <summary>What the standard asks when a place has no SIRET or RNA number.</summary>
    public const string NoPivot = "00000000000000";

    private static readonly string[] Categories = [MediationReader.WorkshopsCategory, MediationReader.InternetAccessCategory];

    /// <summary>The guide's networks that are one of the standard's national programmes (codes of <see cref="DigitalMediation.Programmes"/>).</summary>
    private static readonly Dictionary<string, string> Networks = new(StringComparer.Ordinal)
    {
        ["aidants-connect"] = "aidants-connect",
        ["conseillers-numeriques"] = "conseillers-numeriques",
        ["emmaus"] = "emmaus-connect",
        ["france-service"] = "france-services",
        ["grandes-ecoles-du-numerique"] = "grande-ecole-numerique",
        ["croix-rouge"] = "croix-rouge",
        ["caf"] = "caf",
    };

    public static IEndpointRouteBuilder MapMediationExport(this IEndpointRouteBuilder export)
    {
        export.MapGet("/mediation-numerique.csv", (HttpContext context) => TypedResults.Stream(
            body => WriteAsync(body, context.RequestServices, context.RequestAborted), "text/csv; charset=utf-8", "mediation-numerique.csv"))
            .WithName("ExportMediationNumeriqueCsv").CountsAs(UsageKind.Export, "mediation-csv");
        return export;
    }

    private sealed record Row(
        Guid Uid, string Name, StructureKind Kind, string Summary, string Description, string Networks, string? Street, string? PostalCode,
        string? City, string? CommuneCode, double? Latitude, double? Longitude, string Phones, string? Email, string? Website, string? OpeningHours,
        DateTimeOffset UpdatedAt, List<ServiceRow> Services);

    private sealed record ServiceRow(
        string Name, string Category, string Types, string Publics, AccessCondition Access, bool IsFree, string ModesAccueil, string? RemoteWebsite,
        string MediationServices, string MediationSupport, string MediationPublics, string MediationSpecificSupport, string MediationFees,
        string MediationProgrammes, string MediationLabels, string? MediationOtherLabels, string MediationAccess);

    private static async Task WriteAsync(Stream body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ReperesDbContext>();
        var source = services.GetRequiredService<IConfiguration>()[DataInclusionExport.SourceKey] is { Length: > 0 } configured ? configured : DataInclusionExport.DefaultSource;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 65_536, leaveOpen: true);
        await writer.WriteAsync(Line(MediationReader.Schema.Fields.Select(f => f.Name)));
        var rows = PublicData.Structures(db)
            .Where(s => s.Street != null && s.PostalCode != null && s.City != null
                && s.Services.Any(v => Categories.Contains(v.Category.Code)))
            .OrderBy(s => s.Id)
            .Select(s => new Row(s.Uid, s.Name, s.Kind, s.Summary, s.Description, s.Networks, s.Street, s.PostalCode, s.City, s.CommuneCode,
                s.Latitude, s.Longitude, s.Phones, s.Email, s.Website, s.OpeningHours, s.UpdatedAt,
                s.Services.Where(v => Categories.Contains(v.Category.Code))
                    .Select(v => new ServiceRow(v.Name, v.Category.Code, v.Types, v.Publics, v.Access, v.IsFree, v.ModesAccueil, v.RemoteWebsite,
                        v.MediationServices, v.MediationSupport, v.MediationPublics, v.MediationSpecificSupport, v.MediationFees,
                        v.MediationProgrammes, v.MediationLabels, v.MediationOtherLabels, v.MediationAccess)).ToList()))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!PostalCode().IsMatch(row.PostalCode!))
            {
                continue;
            }

            await writer.WriteAsync(Line(Values(row, source, now)));
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static IEnumerable<string> Values(Row s, string source, DateTimeOffset now)
    {
        var phone = DataInclusionMapper.Phone(ImportText.Multi(s.Phones).FirstOrDefault());

        // Each column is what the services describe in the standard's terms (their mediation fields); a service without
        // them (written before they existed, or imported from data·inclusion) is described from its general fields.
        var services = Standard(DigitalMediation.Services, s.Services.SelectMany(v => v.MediationServices.Length > 0
            ? Structure.Split(v.MediationServices)
            : [DigitalMediation.FromStandard(DigitalMediation.Services, v.Name)
                ?? (v.Category == MediationReader.InternetAccessCategory ? "acces-internet" : "outils-quotidien")]));
        var publics = Standard(DigitalMediation.Publics, s.Services.SelectMany(v => Structure.Split(v.MediationPublics).Concat(Structure.Split(v.Publics))));
        var specific = Standard(DigitalMediation.SpecificSupport, s.Services.SelectMany(v => Structure.Split(v.MediationSpecificSupport)));
        var fees = Standard(DigitalMediation.Fees, s.Services.SelectMany(v => v.MediationFees.Length > 0 ? Structure.Split(v.MediationFees) : [v.IsFree ? "gratuit" : "payant"]));
        var programmes = Standard(DigitalMediation.Programmes, s.Services.SelectMany(v => Structure.Split(v.MediationProgrammes))
            .Concat(ImportText.Multi(s.Networks).Select(n => Networks.GetValueOrDefault(n)).OfType<string>()));
        var labels = Standard(DigitalMediation.Labels, s.Services.SelectMany(v => Structure.Split(v.MediationLabels)));
        var otherLabels = string.Join(" ; ", s.Services.Select(v => v.MediationOtherLabels).OfType<string>().Distinct(StringComparer.Ordinal));
        var access = Standard(DigitalMediation.Access, s.Services.SelectMany(v => v.MediationAccess.Length > 0 ? Structure.Split(v.MediationAccess) : v.Access switch
        {
            AccessCondition.Unconditional => ["se-presenter"],
            AccessCondition.Appointment or AccessCondition.Registration => phone is not null ? ["telephoner"] : s.Email is not null ? ["courriel"] : [],
            AccessCondition.ProfessionalOrientation => s.Email is not null ? ["prescription"] : [],
            _ => throw new InvalidOperationException($"Unknown access condition {v.Access}."),
        }));
        var support = Standard(DigitalMediation.Support, s.Services.SelectMany(v => v.MediationSupport.Length > 0 ? Structure.Split(v.MediationSupport) : DerivedSupport(v)));
        var summary = s.Summary.Length > 280 ? s.Summary[..279] + "…" : s.Summary;
        return
        [
            s.Uid.ToString("D"),
            NoPivot,
            s.Name,
            s.City!,
            s.PostalCode!,
            s.CommuneCode is { } insee && Insee().IsMatch(insee) ? insee : "",
            s.Street!,
            "",
            Number(s.Latitude),
            Number(s.Longitude),
            Kind(s.Kind),
            phone is not null && Phone().IsMatch(phone) ? phone : "",
            s.Email is { } email && ImportText.IsEmail(email) ? email : "",
            DataInclusionMapper.WebUri(s.Website) ?? "",
            s.OpeningHours ?? "",
            summary,
            s.Description,
            source,
            "",
            "",
            DataInclusionMapper.UpdateDate(s.UpdatedAt, now),
            services,
            publics,
            specific,
            fees,
            programmes,
            labels,
            otherLabels,
            access,
            support,
            "",
            s.Services.Select(v => DataInclusionMapper.WebUri(v.RemoteWebsite)).FirstOrDefault(u => u is not null) ?? "",
        ];
    }

    /// <summary>Codes of a list as the standard writes them, in the list's order, each once ('|' between).</summary>
    private static string Standard(IReadOnlyList<MediationValue> list, IEnumerable<string> codes) =>
        string.Join('|', DigitalMediation.Known(list, codes).Select(c => DigitalMediation.Find(list, c)!.Standard).OfType<string>());

    /// <summary>How a service without mediation fields accompanies people, from where and how it receives them.</summary>
    private static IEnumerable<string> DerivedSupport(ServiceRow v)
    {
        var modes = ImportText.Multi(v.ModesAccueil);
        if (modes.Contains("en-presentiel"))
        {
            yield return "individuel";
        }

        if (ImportText.Multi(v.Types).Contains("atelier"))
        {
            yield return "atelier";
        }

        if (modes.Contains("a-distance"))
        {
            yield return "distance";
        }
    }

    private static string Kind(StructureKind kind) => kind switch
    {
        StructureKind.Association or StructureKind.CharityNetwork => "ASSO",
        StructureKind.Ccas => "CCAS",
        StructureKind.Library => "BIB",
        StructureKind.SocialCentre => "CS",
        StructureKind.Public => "MUNI",
        StructureKind.Health => "",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>One CSV record, every field quoted (RFC 4180), as the standard's example is written.</summary>
    private static string Line(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n";

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^([013-9]\d|2[AB1-9])\d{3}$")]
    private static partial Regex Insee();

    [GeneratedRegex(@"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$")]
    private static partial Regex Phone();
}
