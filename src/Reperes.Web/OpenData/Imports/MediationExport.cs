// The CSV is written by hand (every field quoted, RFC 4180) to match the standard's exact columns; the tests check it against its schema.json with a Table Schema validator.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
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

    private static readonly Dictionary<string, string> Publics = new(StringComparer.Ordinal)
    {
        ["jeunes"] = "Jeunes",
        ["etudiants"] = "Étudiants",
        ["familles"] = "Familles et/ou enfants",
        ["seniors"] = "Seniors",
        ["femmes"] = "Femmes",
    };

    private static readonly Dictionary<string, string> Networks = new(StringComparer.Ordinal)
    {
        ["aidants-connect"] = "Aidants Connect",
        ["conseillers-numeriques"] = "Conseillers numériques",
        ["emmaus"] = "Emmaüs Connect",
        ["france-service"] = "France Services",
        ["grandes-ecoles-du-numerique"] = "Grande école du numérique",
        ["croix-rouge"] = "La Croix Rouge",
        ["caf"] = "Point d'accès numérique CAF",
    };

    public static IEndpointRouteBuilder MapMediationExport(this IEndpointRouteBuilder export)
    {
        export.MapGet("/mediation-numerique.csv", (HttpContext context) => TypedResults.Stream(
            body => WriteAsync(body, context.RequestServices, context.RequestAborted), "text/csv; charset=utf-8", "mediation-numerique.csv"))
            .WithName("ExportMediationNumeriqueCsv");
        return export;
    }

    private sealed record Row(
        Guid Uid, string Name, StructureKind Kind, string Summary, string Description, string Networks, string? Street, string? PostalCode,
        string? City, string? CommuneCode, double? Latitude, double? Longitude, string Phones, string? Email, string? Website, string? OpeningHours,
        DateTimeOffset UpdatedAt, List<ServiceRow> Services);

    private sealed record ServiceRow(string Name, string Category, string Types, string Publics, AccessCondition Access, bool IsFree, string ModesAccueil, string? RemoteWebsite);

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
                    .Select(v => new ServiceRow(v.Name, v.Category.Code, v.Types, v.Publics, v.Access, v.IsFree, v.ModesAccueil, v.RemoteWebsite)).ToList()))
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
        var serviceNames = s.Services
            .Select(v => MediationReader.ServiceCategories.ContainsKey(v.Name) ? v.Name
                : v.Category == MediationReader.InternetAccessCategory ? "Accès internet et matériel informatique"
                : "Maîtrise des outils numériques du quotidien")
            .Distinct().ToList();
        var publics = s.Services.SelectMany(v => ImportText.Multi(v.Publics)).Select(p => Publics.GetValueOrDefault(p)).OfType<string>().Distinct().ToList();
        var free = s.Services.Select(v => v.IsFree ? "Gratuit" : "Payant").Distinct().Order(StringComparer.Ordinal).ToList();
        var access = s.Services.Select(v => v.Access).Distinct().SelectMany(a => a switch
        {
            AccessCondition.Unconditional => ["Se présenter"],
            AccessCondition.Appointment or AccessCondition.Registration => phone is not null ? ["Téléphoner"] : s.Email is not null ? (IEnumerable<string>)["Contacter par mail"] : [],
            AccessCondition.ProfessionalOrientation => s.Email is not null ? ["Envoyer un mail avec une fiche de prescription"] : [],
            _ => throw new InvalidOperationException($"Unknown access condition {a}."),
        }).Distinct().ToList();
        var modes = s.Services.SelectMany(v => ImportText.Multi(v.ModesAccueil)).Distinct().ToList();
        var support = new List<string>();
        if (modes.Contains("en-presentiel"))
        {
            support.Add("Accompagnement individuel");
        }

        if (s.Services.Any(v => ImportText.Multi(v.Types).Contains("atelier")))
        {
            support.Add("Dans un atelier collectif");
        }

        if (modes.Contains("a-distance"))
        {
            support.Add("À distance");
        }

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
            string.Join('|', serviceNames),
            string.Join('|', publics),
            "",
            string.Join('|', free),
            string.Join('|', ImportText.Multi(s.Networks).Select(n => Networks.GetValueOrDefault(n)).OfType<string>().Distinct()),
            "",
            "",
            string.Join('|', access),
            string.Join('|', support),
            "",
            s.Services.Select(v => DataInclusionMapper.WebUri(v.RemoteWebsite)).FirstOrDefault(u => u is not null) ?? "",
        ];
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
