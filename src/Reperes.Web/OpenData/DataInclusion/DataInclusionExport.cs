using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData.DataInclusion;

/// <summary>
/// The guide as data·inclusion v1 structures and services (JSON or CSV), streamed row by row from the database
/// so that the whole territory exports in constant memory.
/// </summary>
public static class DataInclusionExport
{
    /// <summary>Configuration key of the producer identifier, the prefix of every id ("reperes--…").</summary>
    public const string SourceKey = "Reperes:OpenData:Source";

    public const string DefaultSource = "reperes";

    private const int FlushEvery = 200;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapDataInclusionExport(this RouteGroupBuilder export)
    {
        var group = export.MapGroup("/data-inclusion").CountsAs(UsageKind.Export, "data-inclusion", csvDetail: "data-inclusion-csv");
        group.MapGet("/structures", (string? format, HttpContext context) => Structures(format, context)).WithName("ExportDataInclusionStructures");
        group.MapGet("/structures.csv", (HttpContext context) => Structures("csv", context)).WithName("ExportDataInclusionStructuresCsv").CountsAs(UsageKind.Export, "data-inclusion-csv");
        group.MapGet("/services", (string? format, HttpContext context) => Services(format, context)).WithName("ExportDataInclusionServices");
        group.MapGet("/services.csv", (HttpContext context) => Services("csv", context)).WithName("ExportDataInclusionServicesCsv").CountsAs(UsageKind.Export, "data-inclusion-csv");
        return export;
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> Structures(string? format, HttpContext context) =>
        Export(format, context, "structures", DataInclusionMapper.StructureFields, (db, source, baseUrl, now) =>
            Online(db).Select(s => new StructureRow(s.Uid, s.Slug, s.Name, s.Summary, s.Description, s.Networks, s.Street, s.PostalCode,
                    s.City, s.CommuneCode, s.Latitude, s.Longitude, s.Phones, s.Email, s.Website, s.OpeningHours, s.UpdatedAt))
                .AsAsyncEnumerable()
                .Select(row => DataInclusionMapper.Structure(row, source, baseUrl, now)));

    private static Results<PushStreamHttpResult, ProblemHttpResult> Services(string? format, HttpContext context) =>
        Export(format, context, "services", DataInclusionMapper.ServiceFields, (db, source, baseUrl, now) =>
            PublicData.Services(db)
                .Where(v => v.Name.Length >= 3 && v.Structure.Name.Length >= 3)
                .OrderBy(v => v.Id)
                .Select(v => new ServiceRow(v.Uid, v.Name, v.Description, v.Types, v.Publics, v.Gender, v.AgeMin, v.AgeMax,
                    v.AdministrativeSituation, v.Access, v.AccessDetails, v.IsFree, v.CostDetails, v.OpeningHours, v.ModesAccueil,
                    v.RemotePhone, v.RemoteWebsite, v.Category.Thematiques,
                    new StructureRow(v.Structure.Uid, v.Structure.Slug, v.Structure.Name, v.Structure.Summary, v.Structure.Description,
                        v.Structure.Networks, v.Structure.Street, v.Structure.PostalCode, v.Structure.City, v.Structure.CommuneCode,
                        v.Structure.Latitude, v.Structure.Longitude, v.Structure.Phones, v.Structure.Email, v.Structure.Website,
                        v.Structure.OpeningHours, v.Structure.UpdatedAt)))
                .AsAsyncEnumerable()
                .Select(row => DataInclusionMapper.Service(row, source, baseUrl, now)));

    /// <summary>Only what the public guide shows, and only what data·inclusion accepts (a name of at least 3 characters).</summary>
    private static IQueryable<Structure> Online(ReperesDbContext db) =>
        PublicData.Structures(db).Where(s => s.Name.Length >= 3).OrderBy(s => s.Id);

    private delegate IAsyncEnumerable<DataInclusionRecord> RecordQuery(ReperesDbContext db, string source, string baseUrl, DateTimeOffset now);

    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(string? format, HttpContext context, string name, string[] fields, RecordQuery query)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "Unknown export format",
                detail: "The 'format' parameter must be 'json' (the default) or 'csv'.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var services = context.RequestServices;
        var db = services.GetRequiredService<ReperesDbContext>();
        var source = services.GetRequiredService<IConfiguration>()[SourceKey] is { Length: > 0 } configured ? configured : DefaultSource;
        var baseUrl = services.GetRequiredService<IOptions<ReperesOptions>>().Value.BaseUrl(context.Request);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cancellationToken = context.RequestAborted;
        var records = query(db, source, baseUrl, now);

        return csv
            ? TypedResults.Stream(body => WriteCsvAsync(body, fields, records, cancellationToken), "text/csv; charset=utf-8", $"data-inclusion-{name}.csv")
            : TypedResults.Stream(body => WriteJsonAsync(body, records, cancellationToken), "application/json; charset=utf-8");
    }

    private static async Task WriteJsonAsync(Stream body, IAsyncEnumerable<DataInclusionRecord> records, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body, JsonOptions);
        json.WriteStartArray();
        var count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            foreach (var (field, value) in record.Fields)
            {
                json.WritePropertyName(field);
                switch (value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case string text:
                        json.WriteStringValue(text);
                        break;
                    case double number:
                        json.WriteNumberValue(number);
                        break;
                    case IEnumerable<string> list:
                        json.WriteStartArray();
                        foreach (var item in list)
                        {
                            json.WriteStringValue(item);
                        }

                        json.WriteEndArray();
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected value type {value.GetType()} for {field}.");
                }
            }

            json.WriteEndObject();
            if (++count % FlushEvery == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static async Task WriteCsvAsync(Stream body, string[] fields, IAsyncEnumerable<DataInclusionRecord> records, CancellationToken cancellationToken)
    {
        // RFC 4180, UTF-8 without byte order mark; the writer flushes its 64 KiB buffer as it fills.
        await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteHeader(fields);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            foreach (var (_, value) in record.Fields)
            {
                csv.WriteField(value switch
                {
                    null => "",
                    string text => text,
                    double number => number.ToString("R", CultureInfo.InvariantCulture),
                    // Multi-valued fields are '|'-separated in the field's CSV files.
                    IEnumerable<string> list => string.Join('|', list),
                    _ => throw new InvalidOperationException($"Unexpected value type {value.GetType()}."),
                });
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
