using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.OpeningHours;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;

namespace Reperes.Web.Guide.Search;

public sealed record SearchOrigin(double Latitude, double Longitude, string? Label);

public sealed record SearchHit(
    int Id,
    string Slug,
    string Name,
    string Summary,
    string? Street,
    string? City,
    double? Latitude,
    double? Longitude,
    double? DistanceKm,
    string? Phone,
    bool IsDemo,
    bool? WheelchairAccessible,
    HoursStatus Hours,
    IReadOnlyList<CategoryInfo> Categories,
    IReadOnlyList<NoticeInfo> Notices);

public sealed record SearchResult(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    bool Capped,
    int Page,
    int PageSize,
    IReadOnlyList<QueryTerm> Terms,
    SearchOrigin? Origin,
    bool UnknownCommune)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IEnumerable<(string Typed, string Corrected)> Corrections =>
        Terms.Where(t => t.Typed is not null).Select(t => (t.Typed!, t.Stem));
}

/// <summary>
/// The guide's search: the engine's full-text index and the synonym table select candidates in SQL with the
/// filters that SQL does well; distance and opening hours (computed now, with notices) are applied in memory.
/// </summary>
public sealed class SearchService(
    ReperesDbContext db,
    GuideCatalog catalog,
    SearchIndex index,
    CommuneDirectory communes,
    NoticeBoard notices,
    HoursEvaluator hours)
{
    /// <summary>Beyond this many candidates the person is asked to narrow the search.</summary>
    public const int CandidateLimit = 5000;

    public async Task<SearchResult> SearchAsync(SearchRequest request, DateTimeOffset now, CultureInfo culture, int maxPageSize, CancellationToken cancellationToken)
    {
        var postgres = SearchIndex.IsPostgres(db);
        var vocabulary = string.IsNullOrWhiteSpace(request.Query) ? [] : await index.VocabularyAsync(db, cancellationToken);
        var terms = QueryInterpreter.Interpret(request.Query, catalog, vocabulary);

        SearchOrigin? origin = null;
        var unknownCommune = false;
        if (request.Lat is { } lat && request.Lon is { } lon)
        {
            origin = new SearchOrigin(lat, lon, null);
        }
        else if (!string.IsNullOrWhiteSpace(request.Commune))
        {
            var commune = communes.Find(request.Commune);
            origin = commune is null ? null : new SearchOrigin(commune.Latitude, commune.Longitude, commune.Name);
            unknownCommune = commune is null;
        }

        var pageSize = request.Size(maxPageSize);
        if (unknownCommune)
        {
            return new SearchResult([], 0, false, 1, pageSize, terms, null, true);
        }

        var candidates = await CandidatesAsync(request, terms, origin, postgres, cancellationToken);
        var capped = candidates.Count > CandidateLimit;
        if (capped)
        {
            candidates.RemoveRange(CandidateLimit, candidates.Count - CandidateLimit);
        }

        var radius = request.RadiusKm;
        var statusMemo = new Dictionary<string, bool>(StringComparer.Ordinal);
        var kept = new List<(Candidate Row, double? Distance)>(candidates.Count);
        foreach (var row in candidates)
        {
            double? distance = origin is null || row.Latitude is null || row.Longitude is null
                ? null
                : Geo.DistanceKm(origin.Latitude, origin.Longitude, row.Latitude.Value, row.Longitude.Value);
            if (origin is not null && (distance is null || distance > radius))
            {
                continue;
            }

            if (request.OpenFilter != OpenFilter.Any && !MatchesOpening(request.OpenFilter, row, now, statusMemo))
            {
                continue;
            }

            kept.Add((row, distance));
        }

        IEnumerable<(Candidate Row, double? Distance)> ordered = origin is not null && (request.SortOrder == SearchSort.Distance || terms.Count == 0)
            ? kept.OrderBy(k => k.Distance).ThenBy(k => k.Row.Name, StringComparer.Ordinal)
            : kept.OrderByDescending(k => k.Row.CategoryMatches).ThenByDescending(k => k.Row.Score).ThenBy(k => k.Distance ?? 0).ThenBy(k => k.Row.Name, StringComparer.Ordinal);

        var page = Math.Min(request.PageNumber, Math.Max(1, (kept.Count + pageSize - 1) / pageSize));
        var pageRows = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var hits = await HitsAsync(pageRows, request, now, culture, cancellationToken);
        return new SearchResult(hits, kept.Count, capped, page, pageSize, terms, origin, false);
    }

    private bool MatchesOpening(OpenFilter filter, Candidate row, DateTimeOffset now, Dictionary<string, bool> memo)
    {
        var structureNotices = notices.For(row.Id);
        var applicable = structureNotices.Where(n => n.ServiceId is null).ToList();
        if (applicable.Count == 0 && row.Hours is not null && memo.TryGetValue(row.Hours, out var known))
        {
            return known;
        }

        var result = filter switch
        {
            OpenFilter.Now => hours.StatusAt(row.Hours, applicable, now) == OpeningStatus.Open,
            OpenFilter.Today => hours.OpensLaterToday(row.Hours, applicable, now),
            OpenFilter.Any => true,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
        };
        if (applicable.Count == 0 && row.Hours is not null)
        {
            memo[row.Hours] = result;
        }

        return result;
    }

    private async Task<List<Candidate>> CandidatesAsync(SearchRequest request, IReadOnlyList<QueryTerm> terms, SearchOrigin? origin, bool postgres, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        var parameters = new DynamicParameters();
        var where = new List<string> { "s.status = 1" };

        // Services in scope: the category or need filter, and the service-level filters.
        var scope = new List<string>();
        if (catalog.Category(request.Category) is { } category)
        {
            scope.Add($"v.category_id = {category.Id}");
        }
        else if (catalog.Need(request.Need) is { } need)
        {
            scope.Add($"v.category_id IN ({string.Join(',', need.Categories.Select(c => c.Id).DefaultIfEmpty(-1))})");
        }

        var serviceFilters = new List<string>(scope);
        if (request.Free)
        {
            serviceFilters.Add("v.is_free = " + (postgres ? "TRUE" : "1"));
        }

        if (request.WithoutAppointment)
        {
            serviceFilters.Add($"v.access = {(int)AccessCondition.Unconditional}");
        }

        if (!string.IsNullOrWhiteSpace(request.Audience))
        {
            parameters.Add("audience", "%" + request.Audience + "%");
            var genderCondition = request.Audience == "femmes" ? $" OR v.gender = {(int)Gender.Women}" : "";
            serviceFilters.Add($"(v.publics LIKE @audience OR v.publics LIKE '%tous-publics%'{genderCondition})");
        }

        if (serviceFilters.Count > 0)
        {
            where.Add($"EXISTS (SELECT 1 FROM services v WHERE v.structure_id = s.id AND {string.Join(" AND ", serviceFilters)})");
        }

        if (!string.IsNullOrWhiteSpace(request.Language))
        {
            parameters.Add("language", "% " + request.Language + " %");
            where.Add("s.languages LIKE @language");
        }

        if (request.Wheelchair)
        {
            where.Add("s.wheelchair_accessible = " + (postgres ? "TRUE" : "1"));
        }

        if (origin is not null)
        {
            var (minLat, maxLat, minLon, maxLon) = Geo.BoundingBox(origin.Latitude, origin.Longitude, request.RadiusKm);
            parameters.Add("minLat", minLat);
            parameters.Add("maxLat", maxLat);
            parameters.Add("minLon", minLon);
            parameters.Add("maxLon", maxLon);
            where.Add("s.latitude BETWEEN @minLat AND @maxLat AND s.longitude BETWEEN @minLon AND @maxLon");
        }

        // Every word must match: in the text, or through the categories it names.
        var termIndex = 0;
        foreach (var term in terms)
        {
            var name = "t" + termIndex++;
            parameters.Add(name, SearchIndex.PrefixTerm(postgres, term.Stem));
            var condition = SearchIndex.MatchCondition(postgres, "@" + name);
            if (term.CategoryIds.Count > 0)
            {
                condition = $"({condition} OR EXISTS (SELECT 1 FROM services c WHERE c.structure_id = s.id AND c.category_id IN ({string.Join(',', term.CategoryIds)})))";
            }

            where.Add(condition);
        }

        var synonymCategories = terms.SelectMany(t => t.CategoryIds).Distinct().ToList();
        var hoursColumn = scope.Count > 0
            ? $"COALESCE((SELECT MIN(v.opening_hours) FROM services v WHERE v.structure_id = s.id AND {scope[0]}), s.opening_hours)"
            : "s.opening_hours";
        var categoryMatch = synonymCategories.Count > 0
            ? $"(SELECT COUNT(DISTINCT c.category_id) FROM services c WHERE c.structure_id = s.id AND c.category_id IN ({string.Join(',', synonymCategories)}))"
            : "CAST(0 AS BIGINT)";

        sql.Append("SELECT s.id AS Id, s.name AS Name, s.latitude AS Latitude, s.longitude AS Longitude, ")
            .Append(hoursColumn).Append(" AS Hours, ")
            .Append(terms.Count > 0 ? "CAST(COALESCE(f.score, 0) AS DOUBLE PRECISION)" : "CAST(0 AS DOUBLE PRECISION)").Append(" AS Score, ")
            .Append(categoryMatch).Append(" AS CategoryMatches FROM structures s ");
        if (terms.Count > 0)
        {
            parameters.Add("all", SearchIndex.AnyOf(postgres, terms.Select(t => t.Stem)));
            sql.Append("LEFT JOIN (").Append(SearchIndex.ScoreQuery(postgres, "@all")).Append(") f ON f.id = s.id ");
        }

        sql.Append("WHERE ").Append(string.Join(" AND ", where));
        sql.Append(terms.Count > 0 ? " ORDER BY Score DESC" : " ORDER BY s.id");
        sql.Append(" LIMIT ").Append(CandidateLimit + 1);

        var connection = db.Database.GetDbConnection();
        var rows = await connection.QueryAsync<Candidate>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(List<(Candidate Row, double? Distance)> rows, SearchRequest request, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Row.Id).ToList();
        var details = await db.Structures.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Name,
                s.Summary,
                s.Street,
                s.City,
                s.Latitude,
                s.Longitude,
                s.Phones,
                s.IsDemo,
                s.WheelchairAccessible,
                CategoryIds = s.Services.Select(v => v.CategoryId).ToList(),
            })
            .ToDictionaryAsync(s => s.Id, cancellationToken);

        var hits = new List<SearchHit>(rows.Count);
        foreach (var (row, distance) in rows)
        {
            if (!details.TryGetValue(row.Id, out var d))
            {
                continue;
            }

            var structureNotices = notices.For(row.Id);
            var applicable = structureNotices.Where(n => n.ServiceId is null).ToList();
            var categories = d.CategoryIds.Distinct().Select(catalog.Category).OfType<CategoryInfo>().ToList();
            var shownNotices = structureNotices.Where(n => n.ServiceId is null && n.StartsOn <= HoursEvaluator.LocalDate(now).AddDays(30)).ToList();
            hits.Add(new SearchHit(
                d.Id, d.Slug, d.Name, d.Summary, d.Street, d.City, d.Latitude, d.Longitude, distance,
                Structure.Split(d.Phones).FirstOrDefault(), d.IsDemo, d.WheelchairAccessible,
                hours.Describe(row.Hours, applicable, now, culture), categories, shownNotices));
        }

        return hits;
    }

    private sealed class Candidate
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public string? Hours { get; init; }
        public double Score { get; init; }
        public long CategoryMatches { get; init; }
    }
}

public static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(double lat, double lon, double radiusKm)
    {
        var dLat = radiusKm / 111.32;
        var dLon = radiusKm / (111.32 * Math.Max(0.01, Math.Cos(ToRadians(lat))));
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
