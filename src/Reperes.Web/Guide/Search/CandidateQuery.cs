using System.Globalization;
using Dapper;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The SQL of one search. Words, needs and categories become one full-text expression (any understood word may
/// match, in the text or through the categories it names; a need or a category must); the other filters become
/// WHERE conditions. When there are none, counting and paging read the full-text index alone, which holds only
/// online structures. The order is a tier, then the engine's rank (see <see cref="Tier"/>).
/// </summary>
internal sealed class CandidateQuery
{
    private readonly bool postgres;
    private readonly bool hasMatch;
    private readonly bool hasScore;
    private readonly bool ranksWords;
    private readonly int termCount;
    private readonly bool sortByDistance;
    private readonly string? distanceOrder;
    private readonly List<string> conditions = ["s.status = 1"];

    // Parameters whose membership makes the tier: each term (when several), each term's categories, and openness.
    private readonly List<TierPart> tierParts = [];

    public CandidateQuery(SearchRequest request, IReadOnlyList<QueryTerm> terms, SearchOrigin? origin, GuideCatalog catalog, bool postgres)
    {
        this.postgres = postgres;
        termCount = terms.Count(t => !t.Unknown);
        ScopeCategoryIds = request.FilteredCategoryIds(catalog);

        var match = new List<FullText>();
        var anyTerm = new List<FullText>();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var alternatives = new List<FullText>();
            if (term.HasText)
            {
                alternatives.Add(FullText.All(term.TextWords.Select(forms => FullText.Any(forms.Select(f => new FullText.Word(f.Term, f.Prefix))))));
            }

            var categories = term.CategoryIds.Select(SearchIndex.CategoryToken).ToList();
            alternatives.AddRange(categories);
            var expression = FullText.Any(alternatives);
            anyTerm.Add(expression);

            // How many of the terms a place answers ranks first; then how many through the categories it offers
            // rather than a mention in its text, the term's primary categories before the others.
            if (terms.Count > 1)
            {
                AddTierPart($"term{i}", expression, TermWeight, openness: false);
            }

            var others = term.CategoryIds.Except(term.Primary).ToList();
            if (categories.Count > 0 && (term.HasText || others.Count > 0))
            {
                AddTierPart($"primary{i}", FullText.Any(term.Primary.Select(SearchIndex.CategoryToken)), CategoryWeight, openness: false);
                AddTierPart($"kind{i}", FullText.Any(categories), CategoryWeight, openness: false);
            }
        }

        if (anyTerm.Count > 0)
        {
            match.Add(FullText.Any(anyTerm));
        }

        // Then places open to everyone without condition, then to everyone after a step, then to a specific public
        // (unless the person chose that public or said it) without a step, then with one, and last those reserved to
        // people oriented by a professional (see SearchIndex.FacetTokens).
        // The public chosen in the filters, or said by the words ("réfugié"), counts as everyone.
        var asked = terms.SelectMany(t => t.CategoryIds).Concat(ScopeCategoryIds).Distinct().Order().ToList();
        if (asked.Count > 0 && (terms.Count > 0 || origin is null))
        {
            var audiences = terms.Select(t => t.Audience).Prepend(request.Audience)
                .Select(a => GuideVocabulary.Audiences.ToList().IndexOf(a ?? "")).Where(a => a >= 0).Distinct().ToList();
            IEnumerable<string> Tokens(string level) => asked.SelectMany(id => audiences
                .Select(a => string.Create(CultureInfo.InvariantCulture, $"{level}{id}a{a}")).Prepend($"{level}{id}"));
            AddTierPart("openAll", Facets(Tokens("o")), 1, openness: true);
            AddTierPart("openGeneral", Facets(Tokens("o").Concat(Tokens("r"))), 1, openness: true);
            AddTierPart("openNoStep", Facets(Tokens("o").Concat(Tokens("r")).Concat(asked.Select(id => $"s{id}"))), 1, openness: true);
            AddTierPart("openAny", Facets(asked.Select(id => $"n{id}")), 1, openness: true);
        }

        // Near a place the neighbourhood is small: a need or category is checked on its services there; elsewhere
        // it is a full-text token, which the index answers for the whole country at once.
        var scopeInIndex = ScopeCategoryIds.Count > 0 && origin is null;
        if (scopeInIndex)
        {
            match.Add(FullText.Any(ScopeCategoryIds.Select(SearchIndex.CategoryToken)));
        }

        // Structure facets: index tokens for the whole country, plain conditions in a neighbourhood.
        if (!string.IsNullOrWhiteSpace(request.Language))
        {
            if (origin is null)
            {
                match.Add(SearchIndex.LanguageToken(request.Language));
            }
            else
            {
                Parameters.Add("language", "% " + request.Language + " %");
                conditions.Add("s.languages LIKE @language");
                SpokenLanguage = " " + request.Language + " ";
            }
        }

        if (request.Wheelchair)
        {
            if (origin is null)
            {
                match.Add(SearchIndex.WheelchairToken);
            }
            else
            {
                conditions.Add("s.wheelchair_accessible = " + True);
                WheelchairOnly = true;
            }
        }

        if (match.Count > 0)
        {
            Match = FullText.All(match);
            Parameters.Add("match", Match.ToSql(postgres));

            hasMatch = true;

            // Scores rank words (and a need or a category alone by openness); near a place the distance ranks.
            ranksWords = terms.Count > 0;
            hasScore = (ranksWords || tierParts.Count > 0) && (origin is null || request.SortOrder == SearchSort.Relevance);
            if (!hasScore)
            {
                conditions.Add(SearchIndex.MatchCondition(postgres, "@match"));
            }
        }

        var serviceFilters = new List<string>();
        if (ScopeCategoryIds.Count > 0)
        {
            serviceFilters.Add($"v.category_id IN ({string.Join(',', ScopeCategoryIds)})");
        }

        var serviceFilterCount = scopeInIndex ? serviceFilters.Count : 0;
        if (request.Free)
        {
            serviceFilters.Add("v.is_free = " + True);
        }

        if (request.WithoutAppointment)
        {
            serviceFilters.Add($"v.access = {(int)AccessCondition.Unconditional}");
        }

        if (!string.IsNullOrWhiteSpace(request.Audience))
        {
            Parameters.Add("audience", "%" + request.Audience + "%");
            var women = request.Audience == "femmes" ? $" OR v.gender = {(int)Gender.Women}" : "";
            serviceFilters.Add($"(v.publics LIKE @audience OR v.publics LIKE '%tous-publics%'{women})");
        }

        // The service's mediation lists hold every code asked ('|'-separated, so delimit both ends).
        foreach (var (column, codes) in new[] { ("mediation_services", request.DigitalHelp), ("mediation_support", request.DigitalSupport), ("mediation_equipment", request.DigitalEquipment) })
        {
            foreach (var code in codes)
            {
                var parameter = $"{column}{Parameters.ParameterNames.Count()}";
                Parameters.Add(parameter, "%|" + code + "|%");
                serviceFilters.Add($"('|' || v.{column} || '|') LIKE @{parameter}");
            }
        }

        // A scope in the index needs no SQL of its own; with other service filters, one service must meet them all.
        if (serviceFilters.Count > serviceFilterCount)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM services v WHERE v.structure_id = s.id AND {string.Join(" AND ", serviceFilters)})");
            ServiceFilter = new ServiceCondition(
                ScopeCategoryIds,
                request.Free,
                request.WithoutAppointment,
                string.IsNullOrWhiteSpace(request.Audience) ? null : request.Audience,
                request.DigitalHelp.Select(c => ("mediation_services", c)).Concat(request.DigitalSupport.Select(c => ("mediation_support", c))).Concat(request.DigitalEquipment.Select(c => ("mediation_equipment", c))).ToList());
        }


        if (origin is not null)
        {
            var (minLat, maxLat, minLon, maxLon) = Geo.BoundingBox(origin.Latitude, origin.Longitude, request.RadiusKm);
            Parameters.Add("minLat", minLat);
            Parameters.Add("maxLat", maxLat);
            Parameters.Add("minLon", minLon);
            Parameters.Add("maxLon", maxLon);
            var cells = GeoCells.Covering(minLat, maxLat, minLon, maxLon);
            if (cells is not null)
            {
                conditions.Add($"s.geo_cell IN ({string.Join(',', cells)})");
            }

            conditions.Add("s.latitude BETWEEN @minLat AND @maxLat AND s.longitude BETWEEN @minLon AND @maxLon");
            Parameters.Add("originLat", origin.Latitude);
            Parameters.Add("originLon", origin.Longitude);
            Parameters.Add("lonScale", Math.Cos(origin.Latitude * Math.PI / 180));
            distanceOrder = "((s.latitude - @originLat) * (s.latitude - @originLat)) + ((s.longitude - @originLon) * @lonScale * (s.longitude - @originLon) * @lonScale)";

            // Within the circle, not only the box (flat-earth distance in degrees of latitude: exact enough at these radii).
            var radius2 = Math.Pow(request.RadiusKm / 111.32, 2);
            Parameters.Add("radius2", radius2);
            conditions.Add(distanceOrder + " <= @radius2");
            sortByDistance = request.SortOrder == SearchSort.Distance || !hasScore;
            Area = new AreaCondition(minLat, maxLat, minLon, maxLon, cells?.ToHashSet(), origin.Latitude, origin.Longitude, Math.Cos(origin.Latitude * Math.PI / 180), radius2);
        }
    }

    // What the read model evaluates (SearchReadModel): the same question as the SQL below, as data.

    /// <summary>The full-text expression every result matches (none: every online structure is a candidate).</summary>
    public FullText? Match { get; }

    public IReadOnlyList<TierPart> TierParts => tierParts;

    /// <summary>A language checked on the structure, between spaces as the list holds it (near a place; elsewhere it is a token of <see cref="Match"/>).</summary>
    public string? SpokenLanguage { get; }

    /// <summary>Wheelchair access checked on the structure (near a place).</summary>
    public bool WheelchairOnly { get; }

    /// <summary>What one service of the structure must meet, when anything.</summary>
    public ServiceCondition? ServiceFilter { get; }

    /// <summary>The circle around the origin (and its box and cells), when the search is near a place.</summary>
    public AreaCondition? Area { get; }

    public bool HasScore => hasScore;

    public bool RanksWords => ranksWords;

    public bool SortsByDistance => sortByDistance;

    public bool SortsByName => OrdersByName;

    /// <summary>One part of the tier: <see cref="Weight"/> when the place matches <see cref="Expression"/>.</summary>
    internal sealed record TierPart(string Parameter, FullText Expression, int Weight, bool Openness);

    /// <summary>One service meeting every one of these (categories: any of them, when there are some).</summary>
    internal sealed record ServiceCondition(IReadOnlyList<int> Categories, bool Free, bool WithoutAppointment, string? Audience, IReadOnlyList<(string Column, string Code)> Mediation);

    /// <summary>The SQL's area: the box, the cells when they cover it, and the flat-earth circle.</summary>
    internal sealed record AreaCondition(double MinLat, double MaxLat, double MinLon, double MaxLon, HashSet<int>? Cells, double OriginLat, double OriginLon, double LonScale, double Radius2)
    {
        /// <summary>The squared flat-earth distance, computed as the SQL computes it.</summary>
        public double Distance(double latitude, double longitude) =>
            ((latitude - OriginLat) * (latitude - OriginLat)) + ((longitude - OriginLon) * LonScale * (longitude - OriginLon) * LonScale);
    }

    public DynamicParameters Parameters { get; } = new();

    private const int TermWeight = 1000;
    private const int CategoryWeight = 10;

    /// <summary>The categories of the need or category filter (the open state's question is <see cref="QuestionScope"/>).</summary>
    public IReadOnlyList<int> ScopeCategoryIds { get; }

    private string True => postgres ? "TRUE" : "1";

    /// <summary>
    /// True when only the full-text index decides (status is implied: it holds only online structures).
    /// With scores, no other condition is there; without, only the match condition itself.
    /// </summary>
    private bool IndexOnly => hasMatch && conditions.Count == (hasScore ? 1 : 2);

    private string From => hasScore ? SearchIndex.ScoredJoin(postgres, "@match").From : "structures s";

    // A need or a category alone ranks by openness only, then in French alphabetical order.
    private string Score => "CAST(" + (!hasScore ? "0" : ranksWords ? Tier("s.id", withOpenness: true) + " * 100 + " + SearchIndex.ScoredJoin(postgres, "@match").Score : Tier("s.id", withOpenness: true)) + " AS DOUBLE PRECISION)";

    /// <summary>
    /// The tier of a place: 1000 per term it answers (when there are several); per term it answers through a
    /// category it offers rather than its text, 20 for one of the term's primary categories, else 10; and up to 4
    /// for how openly it offers the categories asked for (everyone without condition 4, everyone after an
    /// appointment, a registration or a stated condition 3, a specific public without a step 2, with one 1, a
    /// professional's orientation 0). Each step stays below the one before (eight terms at most). Sorted by
    /// distance, openness is left out: only what the place answers groups the list.
    /// </summary>
    private string Tier(string id, bool withOpenness)
    {
        var parts = tierParts.Where(p => withOpenness || !p.Openness).ToList();
        return parts.Count == 0
            ? "0"
            : "(" + string.Join(" + ", parts.Select(p => (p.Weight == 1 ? "" : p.Weight.ToString(CultureInfo.InvariantCulture) + " * ") + SearchIndex.Membership(postgres, id, "@" + p.Parameter))) + ")";
    }

    /// <summary>
    /// True when the best place answers only some of several words: its score holds 100 × 1000 per term it answers,
    /// and the rest of the tier and the engine's rank stay below that step.
    /// </summary>
    public bool AnswersPartly(SearchService.Candidate best) =>
        termCount > 1 && ranksWords && (hasScore ? best.Score : best.Tier * 100) < termCount * TermWeight * 100;

    private static FullText Facets(IEnumerable<string> tokens) => FullText.Any(tokens.Select(t => new FullText.Facet(t)));

    private void AddTierPart(string parameter, FullText expression, int weight, bool openness)
    {
        Parameters.Add(parameter, expression.ToSql(postgres));
        tierParts.Add(new TierPart(parameter, expression, weight, openness));
    }

    private string Where => string.Join(" AND ", hasScore ? conditions.Append(SearchIndex.ScoredJoin(postgres, "@match").Match) : conditions);

    /// <summary>Beyond this many, a list in alphabetical order is not counted further ("more than 10,000").</summary>
    public const int CountLimit = 10_000;

    /// <summary>A list without words nor place: alphabetical, read from the name index page by page.</summary>
    private bool OrdersByName => !hasScore && !sortByDistance;

    // Counting needs no score: the matching ids are enough. An alphabetical list over the whole country stops counting
    // at the limit, so that a filter alone (free, a language…) does not check every structure.
    public string CountSql() => IndexOnly
        ? SearchIndex.CountQuery(postgres, "@match")
        : OrdersByName
            ? string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM (SELECT 1 FROM structures s WHERE {Where} LIMIT {CountLimit + 1}) c")
            : $"SELECT COUNT(*) FROM structures s WHERE {string.Join(" AND ", conditions)}" + (hasScore ? " AND " + SearchIndex.MatchCondition(postgres, "@match") : "");

    /// <summary>
    /// True when <see cref="PageSql"/> reads the index alone and the total must be counted apart: cheap on SQLite
    /// (FTS5 counts without ranking); on PostgreSQL one pass with a window count is cheaper than two.
    /// </summary>
    public bool CountsApart => (IndexOnly && hasScore && ranksWords && !postgres) || OrdersByName;

    /// <summary>One page, best first (or nearest first); unless <see cref="CountsApart"/>, each row carries the total.</summary>
    public string PageSql(int skip, int take)
    {
        var limit = string.Create(CultureInfo.InvariantCulture, $"LIMIT {take} OFFSET {skip}");
        if (IndexOnly && hasScore && ranksWords)
        {
            var total = CountsApart ? "0" : "COUNT(*) OVER ()";
            return $"""
                SELECT s.id AS Id, s.name AS Name, s.latitude AS Latitude, s.longitude AS Longitude, s.opening_hours AS Hours, CAST(f.score AS DOUBLE PRECISION) AS Score, f.total AS Total
                FROM (SELECT i.id, i.score, {total} AS total FROM ({SearchIndex.ScoreQuery(postgres, "@match", id => Tier(id, withOpenness: true))}) i ORDER BY i.score DESC, i.id {limit}) f
                JOIN structures s ON s.id = f.id
                ORDER BY f.score DESC, s.id
                """;
        }

        if (OrdersByName)
        {
            return $"SELECT s.id AS Id, s.name AS Name, s.latitude AS Latitude, s.longitude AS Longitude, s.opening_hours AS Hours, CAST(0 AS DOUBLE PRECISION) AS Score FROM structures s WHERE {Where} ORDER BY s.name, s.id {limit}";
        }

        // The score is computed inside (FTS5 allows bm25 only there), the window count and the order outside.
        var order = sortByDistance ? "r.Tier DESC, r.Distance, r.Id" : hasScore ? (ranksWords ? "r.Score DESC, r.Id" : "r.Score DESC, r.SortName, r.Id") : "r.Name, r.Id";
        return $"SELECT r.*, COUNT(*) OVER () AS Total FROM ({Rows("s.opening_hours")}) r ORDER BY {order} {limit}";
    }

    /// <summary>Separates the services of a candidate's <c>Services</c> column (a character no opening hours hold).</summary>
    public const char ServiceSeparator = '\u001e';

    /// <summary>
    /// Rows for the filters applied in memory (distance, opening hours), best first, at most <paramref name="limit"/>;
    /// <paramref name="withServices"/>, each with its services' ids, categories and own hours, for their open state.
    /// </summary>
    public string CandidatesSql(int limit, bool withServices)
    {
        // The services are read for the rows kept only, after the order and the limit (inside, for every match: a
        // national search matches three times the limit).
        var item = "CAST(v.id AS TEXT) || ':' || CAST(v.category_id AS TEXT) || ':' || COALESCE(v.opening_hours, '')";
        var services = !withServices
            ? ""
            : postgres
                ? $", (SELECT string_agg({item}, chr(30)) FROM services v WHERE v.structure_id = r.Id) AS Services"
                : $", (SELECT group_concat({item}, char(30)) FROM services v WHERE v.structure_id = r.Id) AS Services";

        // Beyond the limit, the nearest (or the most relevant) are kept.
        var order = hasScore ? (ranksWords ? "r.Score DESC, r.Id" : "r.Score DESC, r.SortName, r.Id") : distanceOrder is not null ? "r.Tier DESC, r.Distance, r.Id" : "r.Id";
        return string.Create(CultureInfo.InvariantCulture, $"SELECT r.*{services} FROM ({Rows("s.opening_hours")}) r ORDER BY {order} LIMIT {limit}");
    }

    private string Rows(string hoursColumn)
    {
        var distance = distanceOrder ?? "CAST(0 AS DOUBLE PRECISION)";
        return $"SELECT s.id AS Id, s.name AS Name, s.sort_name AS SortName, s.latitude AS Latitude, s.longitude AS Longitude, {hoursColumn} AS Hours, {Score} AS Score, {Tier("s.id", withOpenness: false)} AS Tier, {distance} AS Distance FROM {From} WHERE {Where}";
    }
}
