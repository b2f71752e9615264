using System.Globalization;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Audience;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>Where distances are measured from; <paramref name="Approximate"/> when a commune's position is only estimated.</summary>
public sealed record SearchOrigin(double Latitude, double Longitude, string? Label, bool Approximate = false);

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
    IReadOnlyList<NoticeInfo> Notices,
    DateTimeOffset? UnverifiedSince,
    PlaceOpenState Open,
    WhoForLine? For)
{
    /// <summary>What the open data answers add (its stable identifier, postal and INSEE codes, dates of the sheet).</summary>
    public required SearchHitRecord Record { get; init; }
}

/// <summary>A result's stored data that only the open data answers show.</summary>
public sealed record SearchHitRecord(Guid Uid, string? PostalCode, string? CommuneCode, DateTimeOffset UpdatedAt, DateTimeOffset? VerifiedAt);

public sealed record SearchResult(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    bool Capped,
    int Page,
    int PageSize,
    IReadOnlyList<QueryTerm> Terms,
    SearchOrigin? Origin,
    bool UnknownCommune,
    IReadOnlyList<int> ScopeCategoryIds)
{
    /// <summary>At most this many results is "few": the page then proposes where else to look.</summary>
    public const int FewResults = 3;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The commune typed, when the search was from one: what it was understood as, and the others it may mean.</summary>
    public CommuneMatch? Commune { get; init; }

    /// <summary>Misspelt words and the whole words searched instead ("urgance" → "urgence").</summary>
    public IEnumerable<(string Typed, string Corrected)> Corrections =>
        Terms.Where(t => t.Corrected).Select(t => (t.Typed, t.Searched));

    /// <summary>Words typed that the search did not understand (and did not search).</summary>
    public IReadOnlyList<string> NotUnderstood { get; init; } = [];

    /// <summary>True when no place answers every understood word: the places shown answer some of them.</summary>
    public bool AnswersPartly { get; init; }

    /// <summary>For no or few results: the closest categories and needs to try.</summary>
    public SearchSuggestions? Suggestions { get; init; }

    /// <summary>For no result because of filters: the same words without them (or farther away).</summary>
    public RelaxedSearch? Relaxed { get; init; }
}

/// <summary>Categories and needs close to what was asked, to go on from an empty or short answer.</summary>
public sealed record SearchSuggestions(IReadOnlyList<CategoryInfo> Categories, IReadOnlyList<NeedInfo> Needs);

/// <summary>What the same words find with fewer filters: how many places, the first ones, and the search to open.</summary>
public sealed record RelaxedSearch(SearchRequest Request, int Total, IReadOnlyList<SearchHit> Hits, bool WithoutPlace);

/// <summary>
/// The guide's search. Words, needs and categories are matched in the engine's full-text index (which also holds
/// one token per category offered), the other filters in SQL; distance and opening hours (computed now, with
/// notices) are applied in memory. Without distance nor opening filter, SQL counts and pages by itself.
/// </summary>
public sealed class SearchService(
    ReperesDbContext db,
    IServiceScopeFactory scopes,
    GuideCatalog catalog,
    SearchLexicons lexicons,
    SearchIndex index,
    CommuneDirectory communes,
    NoticeBoard notices,
    OpenStates openStates,
    SearchResultCache cache,
    SearchReadModel readModel,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>False: the candidates come from the SQL search even when the read model is current (the equality tests).</summary>
    internal bool UseReadModel { get; set; } = true;

    /// <summary>Beyond this many candidates the person is asked to narrow the search.</summary>
    public const int CandidateLimit = 5000;

    /// <summary>What professionals see on the cards of these places (see <see cref="PartnerLine"/>).</summary>
    public Task<IReadOnlyDictionary<int, PartnerLine>> PartnerLinesAsync(IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) =>
        PartnerLine.ForAsync(db, structureIds, cancellationToken);

    public async Task<SearchResult> SearchAsync(SearchRequest request, DateTimeOffset now, CultureInfo culture, int maxPageSize, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // Computed to the end even when the first person asking leaves: others may be waiting for the same answer.
        var result = cache.Enabled
            ? await cache.GetOrComputeAsync(
                CacheKey(request, culture, maxPageSize),
                now,
                () => ComputeAsync(request, now, culture, maxPageSize, CancellationToken.None))
            : await ComputeAsync(request, now, culture, maxPageSize, cancellationToken);
        Core.Observability.SearchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    /// <summary>Everything an answer depends on but the minute: the search with its page, the language, the largest page.</summary>
    private static string CacheKey(SearchRequest request, CultureInfo culture, int maxPageSize)
    {
        var search = request.ToQueryString(values =>
        {
            values["page"] = request.Page;
            values["pageSize"] = request.PageSize;
        });
        return string.Create(CultureInfo.InvariantCulture, $"{culture.Name}|{maxPageSize}|{search.Value}");
    }

    /// <summary>The answer computed afresh from the read model (or the index) and the database.</summary>
    internal async Task<SearchResult> ComputeAsync(SearchRequest request, DateTimeOffset now, CultureInfo culture, int maxPageSize, CancellationToken cancellationToken)
    {
        var result = await RunAsync(request, now, culture, maxPageSize, cancellationToken);
        if (result.Total > 0 && result.Terms.Count > 0 && result.Terms.All(t => t.Unknown))
        {
            // Words not in the vocabulary read, yet found: the index learnt them since (a place just created or renamed).
            result = result with { NotUnderstood = [] };
        }

        if (result.UnknownCommune || result.Page > 1 || result.Total > SearchResult.FewResults)
        {
            return result;
        }

        // No or few results: where else to look, and for none, the same words with fewer filters.
        var suggestions = SearchSuggester.Suggest(catalog, lexicons.Current, result.Terms, result.NotUnderstood);
        var relaxed = result.Total == 0 ? await RelaxAsync(request, now, culture, cancellationToken) : null;
        return result with { Suggestions = suggestions, Relaxed = relaxed };
    }

    /// <summary>The words alone (or the need or category alone) near the same place, then anywhere.</summary>
    private async Task<RelaxedSearch?> RelaxAsync(SearchRequest request, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken)
    {
        var words = !string.IsNullOrWhiteSpace(request.Query);
        var place = request.HasPosition || !string.IsNullOrWhiteSpace(request.Commune);
        var near = new SearchRequest
        {
            Query = request.Query,
            Need = words ? null : request.Need,
            Category = words ? null : request.Category,
            DigitalParameter = !words && request.Digital ? "true" : null,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            Commune = request.Commune,
            Radius = request.Radius,
            Sort = request.Sort,
            PageSize = SearchResult.FewResults.ToString(CultureInfo.InvariantCulture),
        };
        var anywhere = new SearchRequest { Query = near.Query, Need = near.Need, Category = near.Category, DigitalParameter = near.DigitalParameter, PageSize = near.PageSize };
        var attempts = new List<(SearchRequest Request, bool WithoutPlace)>();
        if (HasFilters(request, near))
        {
            attempts.Add((near, false));
        }

        if (place)
        {
            attempts.Add((anywhere, true));
        }

        foreach (var (attempt, withoutPlace) in attempts)
        {
            if (!attempt.HasCriteria)
            {
                continue;
            }

            var relaxed = await RunAsync(attempt, now, culture, SearchResult.FewResults, cancellationToken);
            if (relaxed.Total > 0)
            {
                attempt.PageSize = null;
                return new RelaxedSearch(attempt, relaxed.Total, relaxed.Hits, withoutPlace);
            }
        }

        return null;
    }

    private static bool HasFilters(SearchRequest request, SearchRequest near) =>
        request.OpenFilter != OpenFilter.Any || request.Free || request.WithoutAppointment || !string.IsNullOrWhiteSpace(request.Audience)
        || !string.IsNullOrWhiteSpace(request.Language) || request.Wheelchair || request.HasMediationFilters
        || request.Need != near.Need || request.Category != near.Category || request.Digital != near.Digital;

    private async Task<SearchResult> RunAsync(SearchRequest request, DateTimeOffset now, CultureInfo culture, int maxPageSize, CancellationToken cancellationToken)
    {
        var postgres = SearchIndex.IsPostgres(db);
        var vocabulary = string.IsNullOrWhiteSpace(request.Query) ? IndexVocabulary.Empty : await index.VocabularyAsync(scopes, cancellationToken);
        var interpretation = QueryInterpreter.Interpret(request.Query, lexicons.Current, vocabulary);
        var terms = interpretation.Terms;

        SearchOrigin? origin = null;
        CommuneMatch? commune = null;
        if (request.Lat is { } lat && request.Lon is { } lon)
        {
            origin = new SearchOrigin(lat, lon, null);
        }
        else if (!string.IsNullOrWhiteSpace(request.Commune))
        {
            commune = communes.Resolve(request.Commune);
            origin = commune.Origin;
        }

        var pageSize = request.Size(maxPageSize);
        if (commune is { Origin: null })
        {
            return new SearchResult([], 0, false, 1, pageSize, terms, null, true, []) { Commune = commune, NotUnderstood = interpretation.NotUnderstood };
        }

        var query = new CandidateQuery(request, terms, origin, catalog, postgres);
        var scope = QuestionScope.Of(request, terms, catalog);
        var connection = db.Database.GetDbConnection();

        // The candidates from memory when the read model holds every change; from SQL otherwise.
        var model = UseReadModel && ReadModelSearch.Supports(query) ? readModel.Fresh : null;
        await using var transaction = postgres && model is null ? await PlannerHintsAsync(cancellationToken) : null;
        if (model is not null)
        {
            readModel.CountServed();
        }

        if (request.OpenFilter == OpenFilter.Any)
        {
            // Filtered, counted, sorted and paged by SQL or the model: only one page is read.
            var pageNumber = request.PageNumber;
            var (rows, total) = model is not null
                ? ReadModelSearch.Page(model, query, (pageNumber - 1) * pageSize, pageSize)
                : await PageAsync(connection, query, pageNumber, pageSize, cancellationToken);
            if (rows.Count == 0 && pageNumber > 1 && total > 0)
            {
                pageNumber = Math.Max(1, (Math.Min(total, CandidateQuery.CountLimit) + pageSize - 1) / pageSize);
                (rows, total) = model is not null
                    ? ReadModelSearch.Page(model, query, (pageNumber - 1) * pageSize, pageSize)
                    : await PageAsync(connection, query, pageNumber, pageSize, cancellationToken);
            }

            var countCapped = total > CandidateQuery.CountLimit;
            total = Math.Min(total, CandidateQuery.CountLimit);

            var located = rows.Select(r => (r, origin is null || r.Latitude is null || r.Longitude is null
                ? (double?)null
                : Geo.DistanceKm(origin.Latitude, origin.Longitude, r.Latitude.Value, r.Longitude.Value))).ToList();
            var pageHits = await HitsAsync(located, scope, now, culture, cancellationToken);
            return new SearchResult(pageHits, total, countCapped, pageNumber, pageSize, terms, origin, false, scope)
            {
                Commune = commune,
                NotUnderstood = interpretation.NotUnderstood,
                AnswersPartly = pageNumber == 1 && rows.Count > 0 && query.AnswersPartly(rows[0]),
            };
        }

        var candidates = model is not null
            ? ReadModelSearch.Candidates(model, query, CandidateLimit + 1, withServices: true)
            : (await connection.QueryAsync<Candidate>(new CommandDefinition(
                query.CandidatesSql(CandidateLimit + 1, withServices: request.OpenFilter != OpenFilter.Any), query.Parameters, cancellationToken: cancellationToken))).AsList();
        var capped = candidates.Count > CandidateLimit;
        if (capped)
        {
            candidates.RemoveRange(CandidateLimit, candidates.Count - CandidateLimit);
        }

        var opening = openStates.Matcher(request.OpenFilter, now);

        // From the model, the answers per structure of this minute for the same filter and categories: the same places
        // asked again for another commune, page or filter are not evaluated again.
        var known = model is null ? null : readModel.OpenAnswers.For(model, now, request.OpenFilter, scope);

        // Up to 5,000 places kept: pooled and sorted in place, rather than copied with their sort keys by LINQ (large
        // objects for the collector at every search).
        var kept = System.Buffers.ArrayPool<Kept>.Shared.Rent(Math.Max(1, candidates.Count));
        var keptCount = 0;
        try
        {
            var board = notices.Read();
            foreach (var row in candidates)
            {
                double? distance = origin is null || row.Latitude is null || row.Longitude is null
                    ? null
                    : Geo.DistanceKm(origin.Latitude, origin.Longitude, row.Latitude.Value, row.Longitude.Value);
                if (origin is not null && (distance is null || distance > request.RadiusKm))
                {
                    continue;
                }

                var placeNotices = board.For(row.Id);
                if (known is not null && placeNotices.Count == 0 && row.DocIndex >= 0)
                {
                    if (known[row.DocIndex] == ReadModelOpenAnswers.Unknown)
                    {
                        known[row.DocIndex] = opening.Matches(new PlaceHours(row.Hours, row.ServiceList(), placeNotices), scope)
                            ? ReadModelOpenAnswers.Open
                            : ReadModelOpenAnswers.NotOpen;
                    }

                    if (known[row.DocIndex] != ReadModelOpenAnswers.Open)
                    {
                        continue;
                    }
                }
                else if (!opening.Matches(new PlaceHours(row.Hours, row.ServiceList(), placeNotices), scope))
                {
                    continue;
                }

                kept[keptCount] = new Kept(row, distance, keptCount);
                keptCount++;
            }

            var byTierThenDistance = origin is not null && (request.SortOrder == SearchSort.Distance || terms.Count == 0);
            kept.AsSpan(0, keptCount).Sort((a, b) => Kept.Compare(a, b, byTierThenDistance, inModelOrder: model is not null));
            var page = Math.Min(request.PageNumber, Math.Max(1, (keptCount + pageSize - 1) / pageSize));
            var pageRows = new List<(Candidate Row, double? Distance)>(pageSize);
            for (var i = (page - 1) * pageSize; i < Math.Min(keptCount, page * pageSize); i++)
            {
                pageRows.Add((kept[i].Row, kept[i].Distance));
            }

            var hits = await HitsAsync(pageRows, scope, now, culture, cancellationToken);
            return new SearchResult(hits, keptCount, capped, page, pageSize, terms, origin, false, scope)
            {
                Commune = commune,
                NotUnderstood = interpretation.NotUnderstood,
                AnswersPartly = page == 1 && pageRows.Count > 0 && query.AnswersPartly(pageRows[0].Row),
            };
        }
        finally
        {
            System.Buffers.ArrayPool<Kept>.Shared.Return(kept, clearArray: true);
        }
    }

    /// <summary>A candidate kept by an opening filter, with its distance and its place among the candidates (ties keep it).</summary>
    private readonly record struct Kept(Candidate Row, double? Distance, int Found)
    {
        /// <summary>
        /// By tier then distance, or by score then distance (0 when unknown); then by French order of the names (the
        /// model's ranks, or the names compared), then as found: the order the SQL search gave.
        /// </summary>
        public static int Compare(Kept a, Kept b, bool byTierThenDistance, bool inModelOrder)
        {
            var order = byTierThenDistance
                ? b.Row.Tier.CompareTo(a.Row.Tier) is var byTier and not 0 ? byTier : Nullable.Compare(a.Distance, b.Distance)
                : b.Row.Score.CompareTo(a.Row.Score) is var byScore and not 0 ? byScore : (a.Distance ?? 0).CompareTo(b.Distance ?? 0);
            if (order != 0)
            {
                return order;
            }

            order = inModelOrder ? a.Row.FrenchRank.CompareTo(b.Row.FrenchRank) : FrenchOrder.Comparer.Compare(a.Row.Name, b.Row.Name);
            return order != 0 ? order : a.Found.CompareTo(b.Found);
        }
    }

    /// <summary>
    /// The structures that the guide's search finds for <paramref name="words"/> alone (best first, at most
    /// <see cref="CandidateLimit"/>), with the words understood: for the open data APIs, which filter and order by
    /// themselves and need no opening state.
    /// </summary>
    public async Task<(IReadOnlyList<int> StructureIds, IReadOnlyList<QueryTerm> Terms, bool Capped)> MatchingStructuresAsync(string words, CancellationToken cancellationToken)
    {
        var postgres = SearchIndex.IsPostgres(db);
        var terms = QueryInterpreter.Interpret(words, lexicons.Current, await index.VocabularyAsync(scopes, cancellationToken)).Terms;
        if (terms.Count == 0)
        {
            // Nothing understood: the callers filter nothing, so the candidates are not read.
            return ([], terms, false);
        }

        var query = new CandidateQuery(new SearchRequest { Query = words }, terms, null, catalog, postgres);
        if (UseReadModel && ReadModelSearch.Supports(query) && readModel.Fresh is { } model)
        {
            var found = ReadModelSearch.Candidates(model, query, CandidateLimit + 1, withServices: false).Select(c => c.Id).ToList();
            return (found.Count > CandidateLimit ? found[..CandidateLimit] : found, terms, found.Count > CandidateLimit);
        }

        await using var transaction = postgres ? await PlannerHintsAsync(cancellationToken) : null;
        var ids = (await db.Database.GetDbConnection().QueryAsync<Candidate>(new CommandDefinition(
            query.CandidatesSql(CandidateLimit + 1, withServices: false), query.Parameters, cancellationToken: cancellationToken))).Select(c => c.Id).ToList();
        var capped = ids.Count > CandidateLimit;
        return (capped ? ids[..CandidateLimit] : ids, terms, capped);
    }

    /// <summary>
    /// PostgreSQL's planner prices a full-text match per row far below its real cost, and reads the whole table where
    /// the GIN index finds the rows for a fraction of it: within this read-only transaction, random reads are priced
    /// as on the SSDs the service runs on.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> PlannerHintsAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL random_page_cost = 1.1", cancellationToken);
        return transaction;
    }

    /// <summary>A page of rows and the total: from the rows' window count, or counted apart (then also past the last page).</summary>
    private static async Task<(List<Candidate> Rows, int Total)> PageAsync(System.Data.Common.DbConnection connection, CandidateQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<Candidate>(new CommandDefinition(query.PageSql((pageNumber - 1) * pageSize, pageSize), query.Parameters, cancellationToken: cancellationToken))).AsList();
        if (query.CountsApart || (rows.Count == 0 && pageNumber > 1))
        {
            return (rows, await connection.ExecuteScalarAsync<int>(new CommandDefinition(query.CountSql(), query.Parameters, cancellationToken: cancellationToken)));
        }

        return (rows, rows.Count == 0 ? 0 : (int)rows[0].Total);
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(List<(Candidate Row, double? Distance)> rows, IReadOnlyList<int> scope, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var cards = rows.All(r => r.Row.Doc?.Card is not null) ? CardsOf(rows) : await CardsAsync(rows, cancellationToken);
        var today = HoursEvaluator.LocalDate(now);
        var hits = new List<SearchHit>(rows.Count);

        // One reading of the notices for the page: every card of it sees the same ones, the clock read once.
        var board = notices.Read();
        foreach (var (row, distance) in rows)
        {
            if (!cards.TryGetValue(row.Id, out var d))
            {
                continue;
            }

            var structureNotices = board.For(row.Id);
            var offered = d.Services;
            var categories = offered.Select(v => v.Hours.CategoryId).Distinct().Select(catalog.Category).OfType<CategoryInfo>().ToList();
            var shownNotices = structureNotices.Where(n => n.ServiceId is null && n.StartsOn <= today.AddDays(30)).ToList();
            var open = openStates.Of(new PlaceHours(d.OpeningHours, offered.Select(v => v.Hours).ToList(), structureNotices), scope, now);
            var relevant = open.Services.Select(s => s.Service.Id).ToHashSet();
            hits.Add(new SearchHit(
                d.Id, d.Slug, d.Name, d.Summary, d.Street, d.City, d.Latitude, d.Longitude, distance,
                d.Phone, d.IsDemo, d.WheelchairAccessible,
                OpenStateText.HeadlineStatus(open, now, localizer, culture), categories, shownNotices, d.UnverifiedSince,
                open, WhoFor.Line(offered.Where(v => relevant.Contains(v.Hours.Id)).Select(v => v.Audience).ToList(), localizer, culture))
            {
                Record = d.Record,
            });
        }

        return hits;
    }

    /// <summary>What a card shows of a structure and its services (by service id).</summary>
    private sealed record Card(
        int Id, string Slug, string Name, string Summary, string? Street, string? City, double? Latitude, double? Longitude, string? Phone, bool IsDemo,
        bool? WheelchairAccessible, string? OpeningHours, DateTimeOffset? UnverifiedSince, SearchHitRecord Record, IReadOnlyList<CardService> Services);

    private sealed record CardService(ServiceHours Hours, ServiceAudience Audience);

    /// <summary>The cards from the read model's structures: no database read.</summary>
    private static Dictionary<int, Card> CardsOf(List<(Candidate Row, double? Distance)> rows)
    {
        var cards = new Dictionary<int, Card>(rows.Count);
        foreach (var (row, _) in rows)
        {
            var doc = row.Doc!;
            var card = doc.Card!;
            cards[doc.Id] = new Card(
                doc.Id, card.Slug, doc.Name, card.Summary, card.Street, card.City, doc.Latitude, doc.Longitude, card.Phone, card.IsDemo,
                doc.Wheelchair, doc.Hours, card.UnverifiedSince, card.Record,
                [.. doc.Services.Select(v => new CardService(
                    new ServiceHours(v.Id, v.Name, v.CategoryId, v.Hours),
                    new ServiceAudience(v.CategoryId, Structure.Split(v.Publics), v.Gender, v.AgeMin, v.AgeMax, v.Access, v.AccessDetails, v.AdministrativeSituation, v.Id)))]);
        }

        return cards;
    }

    /// <summary>The cards read from the database (the SQL search's candidates).</summary>
    private async Task<Dictionary<int, Card>> CardsAsync(List<(Candidate Row, double? Distance)> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Row.Id).ToList();
        var services = (await db.Services.AsNoTracking()
            .Where(v => ids.Contains(v.StructureId))
            .Select(v => new
            {
                v.StructureId,
                Hours = new ServiceHours(v.Id, v.Name, v.CategoryId, v.OpeningHours),
                Audience = new ServiceAudience(v.CategoryId, Structure.Split(v.Publics), v.Gender, v.AgeMin, v.AgeMax, v.Access, v.AccessDetails, v.AdministrativeSituation, v.Id),
            })
            .ToListAsync(cancellationToken))
            .ToLookup(v => v.StructureId);
        return (await db.Structures.AsNoTracking()
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
                s.OpeningHours,
                s.UnverifiedSince,
                Record = new SearchHitRecord(s.Uid, s.PostalCode, s.CommuneCode, s.UpdatedAt, s.VerifiedAt),
            })
            .ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id, s => new Card(
                s.Id, s.Slug, s.Name, s.Summary, s.Street, s.City, s.Latitude, s.Longitude, Structure.Split(s.Phones).FirstOrDefault(), s.IsDemo,
                s.WheelchairAccessible, s.OpeningHours, s.UnverifiedSince, s.Record,
                [.. services[s.Id].OrderBy(v => v.Hours.Id).Select(v => new CardService(v.Hours, v.Audience))]));
    }

    internal sealed class Candidate
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public string? Hours { get; init; }

        /// <summary>The structure's services as "id:category:hours" separated by <see cref="CandidateQuery.ServiceSeparator"/> (only for the opening filters).</summary>
        public string? Services { get; init; }

        public double Score { get; init; }

        /// <summary>What the place answers of the words (see CandidateQuery.Tier), for the order by distance.</summary>
        public long Tier { get; init; }

        public long Total { get; init; }

        /// <summary>Squared flat-earth distance, for the order only.</summary>
        public double Distance { get; init; }

        /// <summary>The name's place in French order among the read model's structures (see <see cref="ReadModelSnapshot.FrenchRanks"/>).</summary>
        public int FrenchRank { get; init; }

        /// <summary>The structure as the read model holds it (null from SQL).</summary>
        public ReadModelDoc? Doc { get; init; }

        /// <summary>Its place in the read model's structures (−1 from SQL).</summary>
        public int DocIndex { get; init; } = -1;

        /// <summary>The services' hours already read (from the read model), instead of <see cref="Services"/>.</summary>
        public IReadOnlyList<ServiceHours>? Parsed { get; init; }

        public IReadOnlyList<ServiceHours> ServiceList()
        {
            if (Parsed is not null)
            {
                return Parsed;
            }

            if (string.IsNullOrEmpty(Services))
            {
                return [];
            }

            var list = new List<ServiceHours>();
            foreach (var item in Services.Split(CandidateQuery.ServiceSeparator))
            {
                var parts = item.Split(':', 3);
                list.Add(new ServiceHours(
                    int.Parse(parts[0], CultureInfo.InvariantCulture),
                    "",
                    int.Parse(parts[1], CultureInfo.InvariantCulture),
                    parts[2].Length == 0 ? null : parts[2]));
            }

            return list;
        }
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
