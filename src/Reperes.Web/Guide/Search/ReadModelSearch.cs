using Reperes.Web.Core.Structures;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The candidates of a <see cref="CandidateQuery"/> read from the <see cref="ReadModelSnapshot"/>: the same rows, the
/// same scores and the same order as its SQL (<see cref="CandidateQuery.PageSql"/>, <see cref="CandidateQuery.CandidatesSql"/>).
/// </summary>
internal static class ReadModelSearch
{
    /// <summary>
    /// False when the SQL would read a value typed by the person as a LIKE pattern ('%', '_') or compare letters
    /// beyond ASCII, which the engines fold differently, or a code holding the lists' separator: the SQL answers those.
    /// </summary>
    public static bool Supports(CandidateQuery query)
    {
        static bool Plain(string? value) => value is null || value.All(c => char.IsAscii(c) && c is not ('%' or '_' or '\\'));
        return Plain(query.SpokenLanguage)
            && (query.ServiceFilter is not { } filter || (Plain(filter.Audience) && filter.Mediation.All(m => Plain(m.Code) && !m.Code.Contains('|'))));
    }

    /// <summary>One page (<paramref name="skip"/>, <paramref name="take"/>) in the SQL's order, and how many match.</summary>
    public static (List<SearchService.Candidate> Rows, int Total) Page(ReadModelSnapshot model, CandidateQuery query, int skip, int take)
    {
        using var scratch = new ReadModelScratch(model.Docs.Length);
        var reader = new RowReader(model, query, scratch);
        if (query.SortsByName && query.Area is null && !reader.ReadsStructures)
        {
            return PageByName(model, reader, skip, take);
        }

        // Ordered by the words' rank: the rows first without it, which only the best tiers need (see RankBest). Not
        // by distance: that order reads the tier without the openness, and the distance, not the score.
        var ranksBest = reader.RanksWords && !query.SortsByDistance;
        var (rows, count) = Rows(model, query, reader, ranked: !ranksBest);
        Comparison<Row> order = query.SortsByName
            ? (a, b) => ByName(model, a, b)
            : query.SortsByDistance
                ? ByTierThenDistance
                : query.HasScore
                    ? query.RanksWords ? ByScore : (a, b) => ByScoreThenSortName(model, a, b)
                    : (a, b) => ByName(model, a, b);
        try
        {
            var ordered = ranksBest ? reader.RankBest(rows, count, skip + take) : count;
            var page = Top(rows, ordered, order, skip + take).Skip(skip).Take(take);
            return (page.Select(r => Candidate(model, r, withServices: false)).ToList(), count);
        }
        finally
        {
            System.Buffers.ArrayPool<Row>.Shared.Return(rows);
        }
    }

    /// <summary>At most <paramref name="limit"/> candidates, in the SQL's order for the filters applied in memory.</summary>
    public static List<SearchService.Candidate> Candidates(ReadModelSnapshot model, CandidateQuery query, int limit, bool withServices)
    {
        using var scratch = new ReadModelScratch(model.Docs.Length);

        // Neither scored nor near a place: the SQL's order is the ids', the order the rows are found in, so the first
        // rows found are the candidates and the rest of the country need not be read ("open now" nationwide).
        var inFoundOrder = !query.HasScore && query.Area is null;
        var (rows, count) = Rows(model, query, new RowReader(model, query, scratch), ranked: true, inFoundOrder ? limit : int.MaxValue);
        Comparison<Row> order = query.HasScore
            ? query.RanksWords ? ByScore : (a, b) => ByScoreThenSortName(model, a, b)
            : ByTierThenDistance;
        try
        {
            if (!inFoundOrder && count > limit * 4)
            {
                return Top(rows, count, order, limit).Select(r => Candidate(model, r, withServices)).ToList();
            }

            // Straight from the pooled rows, sorted in place when they are few: no copy of up to `limit` rows first
            // (thousands of rows for "open now": a large object for the collector at every search).
            if (!inFoundOrder)
            {
                SortByKeys(model, query, rows.AsSpan(0, count));
            }

            var taken = Math.Min(count, limit);
            var found = new List<SearchService.Candidate>(taken);
            for (var i = 0; i < taken; i++)
            {
                found.Add(Candidate(model, rows[i], withServices));
            }

            return found;
        }
        finally
        {
            System.Buffers.ArrayPool<Row>.Shared.Return(rows);
        }
    }

    private readonly record struct Row(int Doc, double Score, long Tier, double Distance);

    /// <summary>
    /// Sorts as <see cref="Candidates"/>' order does, by numbers rather than by a comparison delegate: thousands of
    /// rows ("open now" for a category across the country) sorted by the runtime's sort of primitive keys, in the
    /// order of the first key, then each run of equal first keys by the second (unique, or the index breaks its ties).
    /// </summary>
    private static void SortByKeys(ReadModelSnapshot model, CandidateQuery query, Span<Row> rows)
    {
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var keys = pool.Rent(Math.Max(1, rows.Length));
        try
        {
            var first = keys.AsSpan(0, rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                first[i] = query.HasScore ? -rows[i].Score : -rows[i].Tier;
            }

            first.Sort(rows);
            for (var start = 0; start < rows.Length;)
            {
                var end = start + 1;
                while (end < rows.Length && first[end] == first[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    var run = rows[start..end];
                    var second = first[start..end];
                    for (var i = 0; i < run.Length; i++)
                    {
                        second[i] = !query.HasScore ? run[i].Distance : query.RanksWords ? run[i].Doc : model.SortNameRanks[run[i].Doc];
                    }

                    second.Sort(run);
                    if (!query.HasScore)
                    {
                        // Equal distances: by index, as the comparison's last key.
                        for (var i = 0; i < run.Length - 1; i++)
                        {
                            var to = i + 1;
                            while (to < run.Length && second[to] == second[i])
                            {
                                to++;
                            }

                            if (to - i > 1)
                            {
                                run[i..to].Sort(static (a, b) => a.Doc.CompareTo(b.Doc));
                            }

                            i = to - 1;
                        }
                    }
                }

                start = end;
            }
        }
        finally
        {
            pool.Return(keys);
        }
    }

    private static int ByScore(Row a, Row b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Doc.CompareTo(b.Doc);
    }

    private static int ByScoreThenSortName(ReadModelSnapshot model, Row a, Row b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        // The ranks order as (sort name, index) does.
        var ranks = model.SortNameRanks;
        return ranks[a.Doc].CompareTo(ranks[b.Doc]);
    }

    private static int ByTierThenDistance(Row a, Row b)
    {
        var byTier = b.Tier.CompareTo(a.Tier);
        if (byTier != 0)
        {
            return byTier;
        }

        var byDistance = a.Distance.CompareTo(b.Distance);
        return byDistance != 0 ? byDistance : a.Doc.CompareTo(b.Doc);
    }

    private static int ByName(ReadModelSnapshot model, Row a, Row b)
    {
        // The ranks order as (name, index) does.
        var ranks = model.NameRanks;
        return ranks[a.Doc].CompareTo(ranks[b.Doc]);
    }

    /// <summary>The first <paramref name="count"/> rows in order (docs ascend with ids, so "Doc" breaks ties as "id" does).</summary>
    private static List<Row> Top(Row[] rows, int found, Comparison<Row> order, int count)
    {
        if (found <= count * 4)
        {
            var all = rows.AsSpan(0, found);
            all.Sort(order);
            return [.. all[..Math.Min(found, count)]];
        }

        // A page among many: only the best are kept, the worst of them on top of the heap.
        var worstFirst = Comparer<Row>.Create((a, b) => order(b, a));
        var best = new PriorityQueue<Row, Row>(count + 1, worstFirst);
        foreach (var row in rows.AsSpan(0, found))
        {
            if (best.Count < count)
            {
                best.Enqueue(row, row);
            }
            else if (order(row, best.Peek()) < 0)
            {
                best.DequeueEnqueue(row, row);
            }
        }

        var kept = best.UnorderedItems.Select(item => item.Element).ToList();
        kept.Sort(order);
        return kept;
    }

    private static SearchService.Candidate Candidate(ReadModelSnapshot model, Row row, bool withServices)
    {
        var doc = model.Docs[row.Doc];
        return new SearchService.Candidate
        {
            Id = doc.Id,
            Name = doc.Name,
            Latitude = doc.Latitude,
            Longitude = doc.Longitude,
            Hours = doc.Hours,
            Score = row.Score,
            Tier = row.Tier,
            Distance = row.Distance,
            FrenchRank = model.FrenchRanks[row.Doc],
            Doc = doc,
            DocIndex = row.Doc,
            Parsed = withServices ? doc.ServiceHours : null,
        };
    }

    /// <summary>
    /// Every structure passing the query's conditions (the first <paramref name="enough"/> found, by id, when no more
    /// are needed), with its score, tier and distance as the SQL computes them.
    /// </summary>
    private static (Row[] Rows, int Count) Rows(ReadModelSnapshot model, CandidateQuery query, RowReader reader, bool ranked, int enough = int.MaxValue)
    {
        var docs = model.Docs;

        // Near a place, only the structures of the cells covering it are read, not the whole country.
        var (inArea, candidates) = query.Area?.Cells is { } cells ? model.DocsIn(cells) : (null, docs.Length);

        // Rows for the structures that can pass, not for the country: the pool keeps what it lends, per size.
        var room = Math.Min(enough, reader.Match is not { } match ? candidates : Math.Min(candidates, match.AsSpan(0, docs.Length).Count(true)));
        var rows = System.Buffers.ArrayPool<Row>.Shared.Rent(Math.Max(1, room));
        var count = 0;
        try
        {
            for (var k = 0; k < candidates && count < enough; k++)
            {
                var i = inArea is null ? k : inArea[k];
                if (reader.Passes(i, out var distance))
                {
                    rows[count++] = reader.Row(i, distance, ranked);
                }
            }
        }
        finally
        {
            if (inArea is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(inArea);
            }
        }

        return (rows, count);
    }

    /// <summary>
    /// A page of a search ordered by name across the country ("free", a category with filters): the structures read in
    /// the order of names, each passing one counted and only the page's made into rows. Rather than a row for each of
    /// 50,000 matches, then the page's twenty kept from them by comparing names (the same order: ranks are unique).
    /// Only when the conditions read arrays: reaching each structure's object in the order of names rather than in
    /// memory's order is slower than the rows saved.
    /// </summary>
    private static (List<SearchService.Candidate> Rows, int Total) PageByName(ReadModelSnapshot model, RowReader reader, int skip, int take)
    {
        var page = new List<SearchService.Candidate>(Math.Min(take, 64));
        var count = 0;
        foreach (var i in model.NameOrder)
        {
            if (!reader.Passes(i, out var distance))
            {
                continue;
            }

            if (count >= skip && count - skip < take)
            {
                page.Add(Candidate(model, reader.Row(i, distance, ranked: true), withServices: false));
            }

            count++;
        }

        return (page, count);
    }

    /// <summary>What one search reads of each structure: whether it passes, and its row (score, tier, distance) as the SQL computes them.</summary>
    private sealed class RowReader
    {
        private readonly ReadModelSnapshot model;
        private readonly CandidateQuery query;
        private readonly List<(bool[] Mask, int Weight, bool Openness)> parts;
        private readonly ReadModelScratch scratch;
        private readonly Conditions conditions;
        private IRank? ranks;

        public RowReader(ReadModelSnapshot model, CandidateQuery query, ReadModelScratch scratch)
        {
            this.model = model;
            this.query = query;
            Match = query.Match is null ? null : model.Evaluate(query.Match, scratch);
            parts = query.TierParts.Select(p => (model.Evaluate(p.Expression, scratch), p.Weight, p.Openness)).ToList();
            this.scratch = scratch;
            RanksWords = query.HasScore && query.RanksWords && query.Match is not null;
            conditions = Conditions.Of(model, query);
        }

        /// <summary>The structures matching the words, or null when none are asked.</summary>
        public bool[]? Match { get; }

        /// <summary>True when a condition reads the structure's object rather than arrays.</summary>
        public bool ReadsStructures => conditions.ReadsStructure;

        public bool Passes(int index, out double distance)
        {
            if (Match is not null && !Match[index])
            {
                distance = 0;
                return false;
            }

            return ReadModelSearch.Passes(model, query, conditions, index, out distance);
        }

        /// <summary>True when the score holds the words' rank (bm25 on SQLite, ts_rank on PostgreSQL) above the tier.</summary>
        public bool RanksWords { get; }

        /// <summary>Below this many structures to rank, each one's rank is read from the postings rather than arrays of the country.</summary>
        private const int FewToRank = 2_000;

        /// <summary>
        /// The words' rank, built when first needed: for many structures, every matching structure's term frequencies
        /// (or sums) computed at once into arrays of the country; for a few (the best tiers of a page), each one's read
        /// from the postings when asked, without clearing and filling megabytes for them.
        /// </summary>
        private IRank Ranks(int structures) => ranks ??= model.Postgres
            ? new TsRank(model, query.Match!, scratch, dense: structures >= FewToRank)
            : new Bm25(model, query.Match!, scratch, dense: structures >= FewToRank);

        /// <summary>
        /// The rows' ranks added to their tiers' scores, for the rows of the best tiers only: at least
        /// <paramref name="needed"/> of them, in place at the head of <paramref name="rows"/>; returns how many. A tier's
        /// score is its weights × 100 and a rank adds less than 100 (bm25 is capped at 99, ts_rank is at most 1), so a
        /// structure of a lower tier never passes one of a higher tier: "manger" across the country ranks the few
        /// hundred structures of its best tier rather than its 10,000 matches.
        /// </summary>
        public int RankBest(Row[] rows, int count, int needed)
        {
            var kept = count;
            if (count > needed)
            {
                // The tiers from the best down, one pass over the rows each, until they hold enough rows (a tier or
                // two: a count per distinct score by hashing cost more than the ranks saved).
                var lowest = double.MaxValue;
                var reached = 0;
                while (reached < needed)
                {
                    var next = double.MinValue;
                    var inNext = 0;
                    for (var i = 0; i < count; i++)
                    {
                        var score = rows[i].Score;
                        if (score < lowest)
                        {
                            if (score > next)
                            {
                                next = score;
                                inNext = 1;
                            }
                            else if (score == next)
                            {
                                inNext++;
                            }
                        }
                    }

                    lowest = next;
                    reached += inNext;
                }

                kept = 0;
                for (var i = 0; i < count; i++)
                {
                    if (rows[i].Score >= lowest)
                    {
                        rows[kept++] = rows[i];
                    }
                }
            }

            for (var i = 0; i < kept; i++)
            {
                rows[i] = rows[i] with { Score = rows[i].Score + Ranks(kept).Of(rows[i].Doc) };
            }

            return kept;
        }

        public Row Row(int index, double distance, bool ranked)
        {
            long tier = 0;
            long tierWithOpenness = 0;
            foreach (var (mask, weight, openness) in parts)
            {
                if (mask[index])
                {
                    tierWithOpenness += weight;
                    tier += openness ? 0 : weight;
                }
            }

            // Without the rank when asked (see RankBest): the tier's part alone, the same number the rank is added to.
            var score = !query.HasScore ? 0.0 : RanksWords ? ranked ? (tierWithOpenness * 100) + Ranks(int.MaxValue).Of(index) : tierWithOpenness * 100 : tierWithOpenness;
            return new Row(index, score, tier, distance);
        }
    }

    /// <summary>What a query asks of each structure, worked out once per search rather than once per structure.</summary>
    /// <param name="Offers">What one of its services must offer, when nothing else is asked of them (else None).</param>
    /// <param name="Categories">With categories: per category, the structures with a service of it offering that.</param>
    /// <param name="ServicesAnswered">True when these arrays answer the services' conditions (no audience, no digital help asked).</param>
    /// <param name="ReadsStructure">True when a condition needs the structure's object.</param>
    private readonly record struct Conditions(ReadModelSnapshot.Offers Offers, ulong[][]? Categories, bool ServicesAnswered, bool ReadsStructure)
    {
        public static Conditions Of(ReadModelSnapshot model, CandidateQuery query)
        {
            var place = query.Area is not null || query.WheelchairOnly || query.SpokenLanguage is not null;
            if (query.ServiceFilter is not { } filter)
            {
                return new(ReadModelSnapshot.Offers.None, null, true, place);
            }

            var wanted = Wanted(filter);
            var answered = filter.Audience is null && filter.Mediation.Count == 0;
            var categories = filter.Categories.Count > 0
                ? filter.Categories.Distinct().Select(c => model.CategoryStructures.GetValueOrDefault((c, wanted))).OfType<ulong[]>().ToArray()
                : null;
            var offers = categories is null && answered ? wanted : ReadModelSnapshot.Offers.None;
            return new(offers, categories, answered, place || !answered);
        }

        /// <summary>False when no service of the structure is of the categories asked with the offer asked (without reaching its services).</summary>
        public bool MayMeetCategories(int index)
        {
            if (Categories is null)
            {
                return true;
            }

            foreach (var structures in Categories)
            {
                if ((structures[index >> 6] & (1UL << index)) != 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool Passes(ReadModelSnapshot model, CandidateQuery query, Conditions conditions, int index, out double distance)
    {
        distance = 0;
        if (conditions.Offers != ReadModelSnapshot.Offers.None && (model.ServiceOffers[index] & conditions.Offers) == 0)
        {
            return false;
        }

        if (!conditions.MayMeetCategories(index))
        {
            return false;
        }

        // The structure's object is read only when a condition needs it: across the country, a memory miss per
        // structure was most of the time of a search by filters alone ("free" nationwide: 8 ms of 15).
        if (!conditions.ReadsStructure)
        {
            return true;
        }

        var doc = model.Docs[index];

        // The cheap conditions first: the area's are numbers, the services' are strings.
        if (query.Area is { } area)
        {
            if (doc.Latitude is not { } latitude || doc.Longitude is not { } longitude)
            {
                return false;
            }

            if (area.Cells is not null && (doc.GeoCell is not { } cell || !area.Cells.Contains(cell)))
            {
                return false;
            }

            if (latitude < area.MinLat || latitude > area.MaxLat || longitude < area.MinLon || longitude > area.MaxLon)
            {
                return false;
            }

            distance = area.Distance(latitude, longitude);
            if (!(distance <= area.Radius2))
            {
                return false;
            }
        }

        if (query.WheelchairOnly && doc.Wheelchair != true)
        {
            return false;
        }

        if (query.SpokenLanguage is { } language && !Like(model, doc.Languages, language))
        {
            return false;
        }

        return conditions.ServicesAnswered || query.ServiceFilter is not { } filter || AnyMeets(model, doc.Services, filter);
    }

    /// <summary>Free, without appointment, or both from one service.</summary>
    private static ReadModelSnapshot.Offers Wanted(CandidateQuery.ServiceCondition filter) => (filter.Free, filter.WithoutAppointment) switch
    {
        (true, true) => ReadModelSnapshot.Offers.FreeWithoutAppointment,
        (true, false) => ReadModelSnapshot.Offers.Free,
        (false, true) => ReadModelSnapshot.Offers.WithoutAppointment,
        (false, false) => ReadModelSnapshot.Offers.AnyService,
    };

    private static bool AnyMeets(ReadModelSnapshot model, ReadModelService[] services, CandidateQuery.ServiceCondition filter)
    {
        foreach (var service in services)
        {
            if (Meets(model, service, filter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Meets(ReadModelSnapshot model, ReadModelService service, CandidateQuery.ServiceCondition filter)
    {
        if (filter.Categories.Count > 0 && !filter.Categories.Contains(service.CategoryId))
        {
            return false;
        }

        if ((filter.Free && !service.IsFree) || (filter.WithoutAppointment && service.Access != AccessCondition.Unconditional))
        {
            return false;
        }

        if (filter.Audience is { } audience
            && !Like(model, service.Publics, audience) && !Like(model, service.Publics, "tous-publics")
            && !(audience == "femmes" && service.Gender == Gender.Women))
        {
            return false;
        }

        foreach (var (column, code) in filter.Mediation)
        {
            var values = column switch
            {
                "mediation_services" => service.MediationServices,
                "mediation_support" => service.MediationSupport,
                _ => service.MediationEquipment,
            };
            if (!HasItem(model, values, code))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// '|' || values || '|' LIKE '%|code|%' (one of the list's items is the code), without building either text for
    /// each service of each structure.
    /// </summary>
    private static bool HasItem(ReadModelSnapshot model, string values, string code)
    {
        var comparison = model.Postgres ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var start = 0; start <= values.Length;)
        {
            var end = values.IndexOf('|', start);
            end = end < 0 ? values.Length : end;
            if (values.AsSpan(start, end - start).Equals(code, comparison))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    /// <summary>LIKE '%fragment%': SQLite's ignores the case of ASCII letters, PostgreSQL's does not.</summary>
    private static bool Like(ReadModelSnapshot model, string value, string fragment) =>
        value.Contains(fragment, model.Postgres ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private interface IRank
    {
        /// <summary>The rank the SQL adds to the tier: MIN(-bm25(…), 99) on SQLite, ts_rank on PostgreSQL.</summary>
        double Of(int doc);
    }

    /// <summary>
    /// FTS5's bm25(structure_search, 4.0, 1.0, 10.0), computed as FTS5 computes it. A phrase counts in a row only where
    /// every group above it matches the row too: FTS5 reads the instances of the sub-expressions positioned on the
    /// row, so "soin* AND dentair*" inside an OR adds nothing to a row found through the OR's other branch.
    /// </summary>
    private sealed class Bm25 : IRank
    {
        private const double K1 = 1.2;
        private const double B = 0.75;
        private readonly ReadModelSnapshot model;
        private readonly double averageLength;
        private readonly double[] idf;
        private readonly double[]?[] frequencies;
        private readonly (int From, int To)[] ranges;
        private readonly bool[] facets;

        /// <summary>Per phrase, the masks of the groups above it (and its own): all must hold for it to count.</summary>
        private readonly List<bool[]>[] paths;

        private readonly ReadModelScratch scratch;

        /// <param name="dense">
        /// True: every structure's term frequencies computed at once into arrays of the country (many to rank); false:
        /// each structure's read from the postings when asked (a few), the same additions in the same order.
        /// </param>
        public Bm25(ReadModelSnapshot model, FullText match, ReadModelScratch scratch, bool dense)
        {
            this.model = model;
            this.scratch = scratch;
            averageLength = model.TotalLength / (double)model.IndexedCount;
            var leaves = new List<(FullText Leaf, List<bool[]> Path)>();
            Collect(match, [], leaves);
            idf = new double[leaves.Count];
            frequencies = new double[]?[leaves.Count];
            ranges = new (int, int)[leaves.Count];
            facets = new bool[leaves.Count];
            paths = new List<bool[]>[leaves.Count];
            for (var p = 0; p < leaves.Count; p++)
            {
                var (phrase, path) = leaves[p];
                paths[p] = path;
                var facet = phrase is FullText.Facet;
                facets[p] = facet;
                long hits = 0;
                var (from, to) = model.TokenRange(phrase);
                ranges[p] = (from, to);
                if (dense)
                {
                    var frequency = scratch.Numbers();
                    for (var t = from; t < to; t++)
                    {
                        foreach (var posting in model.Postings[t])
                        {
                            var weighted = Weighted(facet, posting.Data);
                            if (weighted > 0)
                            {
                                hits += frequency[posting.Doc] == 0 ? 1 : 0;
                                frequency[posting.Doc] += weighted;
                            }
                        }
                    }

                    frequencies[p] = frequency;
                }
                else
                {
                    // The structures counted once each: a token's postings name a structure once, a prefix's tokens may
                    // name it several times (a bit per structure, a sixty-fourth of the frequencies' array).
                    var seen = to - from > 1 ? new ulong[(model.Docs.Length + 63) / 64] : null;
                    for (var t = from; t < to; t++)
                    {
                        foreach (var posting in model.Postings[t])
                        {
                            if (Weighted(facet, posting.Data) > 0)
                            {
                                if (seen is null)
                                {
                                    hits++;
                                    continue;
                                }

                                ref var word = ref seen[posting.Doc >> 6];
                                var bit = 1UL << posting.Doc;
                                hits += (word & bit) == 0 ? 1 : 0;
                                word |= bit;
                            }
                        }
                    }
                }

                // The phrase's own count of rows, whatever the rest of the expression (FTS5 queries the phrase alone).
                long rows = model.IndexedCount;
                var value = Math.Log((rows - hits + 0.5) / (hits + 0.5));
                idf[p] = value <= 0.0 ? 1e-6 : value;
            }
        }

        /// <summary>A posting's weight in bm25(…, 4.0, 1.0, 10.0): name, body and facets' counts (facets only for a facet).</summary>
        private static double Weighted(bool facet, int data) => facet
            ? 10.0 * ReadModelSnapshot.Cats(data)
            : (4.0 * ReadModelSnapshot.NameCount(data)) + (1.0 * ReadModelSnapshot.BodyCount(data)) + (10.0 * ReadModelSnapshot.Cats(data));

        /// <summary>The phrase's frequency in one structure, from the postings: what the dense array holds for it.</summary>
        private double Frequency(int phrase, int doc)
        {
            var frequency = 0.0;
            var (from, to) = ranges[phrase];
            for (var t = from; t < to; t++)
            {
                var postings = model.Postings[t];
                var at = postings.AsSpan().BinarySearch(new Posting.OfDoc(doc));
                if (at >= 0 && Weighted(facets[phrase], postings[at].Data) is var weighted and > 0)
                {
                    frequency += weighted;
                }
            }

            return frequency;
        }

        private static bool OnPath(List<bool[]> path, int doc)
        {
            foreach (var mask in path)
            {
                if (!mask[doc])
                {
                    return false;
                }
            }

            return true;
        }

        private void Collect(FullText node, List<bool[]> above, List<(FullText, List<bool[]>)> leaves)
        {
            switch (node)
            {
                case FullText.AnyOf or FullText.AllOf:
                    var path = new List<bool[]>(above) { model.Evaluate(node, scratch) };
                    foreach (var part in node is FullText.AnyOf any ? any.Parts : ((FullText.AllOf)node).Parts)
                    {
                        Collect(part, path, leaves);
                    }

                    break;
                default:
                    leaves.Add((node, above));
                    break;
            }
        }

        public double Of(int doc)
        {
            var length = (double)model.Lengths[doc];
            var lengthPart = K1 * (1 - B + (B * length / averageLength));
            var score = 0.0;
            for (var p = 0; p < idf.Length; p++)
            {
                // A phrase absent from the structure, or outside its groups, adds exactly 0: skipped.
                var frequency = frequencies[p] is { } dense ? dense[doc] : Frequency(p, doc);
                if (frequency == 0.0 || !OnPath(paths[p], doc))
                {
                    continue;
                }

                score += idf[p] * ((frequency * (K1 + 1.0)) / (frequency + lengthPart));
            }

            // The SQL's MIN(-bm25(…), 99.0), bm25 being -1.0 × score.
            return Math.Min(-(-1.0 * score), 99.0);
        }
    }

    /// <summary>PostgreSQL's ts_rank(document, query) with the default weights, in float4 as PostgreSQL computes it.</summary>
    private sealed class TsRank : IRank
    {
        private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 1.0f];
        private readonly ReadModelSnapshot model;
        private readonly List<(int From, int To)> operands;
        private readonly bool and;

        /// <summary>
        /// Of "or" (most searches), per structure, the sum ts_rank divides: computed for every structure at once by
        /// reading each token's postings in order, rather than by searching each token's postings for each structure
        /// ranked (15 of "manger"'s 23 ms across the country). Each structure's terms are added in the same order as
        /// ts_rank adds them, in single precision: the same rank to the bit.
        /// </summary>
        private readonly double[]? sums;

        /// <param name="dense">True: every structure's sum computed at once (many to rank); false: each one's from the postings when asked.</param>
        public TsRank(ReadModelSnapshot model, FullText match, ReadModelScratch scratch, bool dense)
        {
            this.model = model;

            // ts_rank reads each distinct operand once, in byte order of their text.
            operands = match.Leaves()
                .GroupBy(Text, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => model.TokenRange(g.First()))
                .ToList();
            and = match.Top() is FullText.AllOf && operands.Count >= 2;
            if (!and && dense)
            {
                sums = scratch.Numbers();
                foreach (var (from, to) in operands)
                {
                    for (var t = from; t < to; t++)
                    {
                        foreach (var posting in model.Postings[t])
                        {
                            sums[posting.Doc] = (float)(sums[posting.Doc] + (Term(model.Positions, posting.Data) / 1.64493406685));
                        }
                    }
                }
            }
        }

        /// <summary>One token's part of a structure's rank, from its positions (count, then position × 4 + weight).</summary>
        private static float Term(int[] positions, int at)
        {
            var count = positions[at];
            var sum = 0.0f;
            var best = -1.0f;
            var bestAt = 0;
            for (var j = 0; j < count; j++)
            {
                var weight = Weights[positions[at + 1 + j] & 3];
                sum = (float)(sum + (float)(weight / ((j + 1) * (j + 1))));
                if (weight > best)
                {
                    best = weight;
                    bestAt = j;
                }
            }

            return (float)((float)(best + sum) - (float)(best / ((bestAt + 1) * (bestAt + 1))));
        }

        private static string Text(FullText leaf) => leaf switch
        {
            FullText.Word word => word.Term,
            FullText.Facet facet => facet.Token,
            _ => throw new ArgumentException(leaf.GetType().Name, nameof(leaf)),
        };

        public double Of(int doc)
        {
            var rank = and ? RankAnd(doc) : RankOr(doc);
            return rank < 0 ? 1e-20f : rank;
        }

        private int Positions(int token, int doc)
        {
            var postings = model.Postings[token];
            var at = postings.AsSpan().BinarySearch(new Posting.OfDoc(doc));
            return at >= 0 ? postings[at].Data : -1;
        }

        private float RankOr(int doc)
        {
            var result = sums is not null ? (float)sums[doc] : Sum(doc);
            return operands.Count > 0 ? (float)(result / operands.Count) : result;
        }

        /// <summary>The sum the dense array holds for one structure, from its postings: the same additions in the same order.</summary>
        private float Sum(int doc)
        {
            var sum = 0.0;
            foreach (var (from, to) in operands)
            {
                for (var t = from; t < to; t++)
                {
                    var at = Positions(t, doc);
                    if (at >= 0)
                    {
                        sum = (float)(sum + (Term(model.Positions, at) / 1.64493406685));
                    }
                }
            }

            return (float)sum;
        }

        private float RankAnd(int doc)
        {
            var positions = model.Positions;
            var result = -1.0f;
            var kept = new int[operands.Count];
            Array.Fill(kept, -1);
            for (var i = 0; i < operands.Count; i++)
            {
                var (from, to) = operands[i];
                for (var t = from; t < to; t++)
                {
                    var at = Positions(t, doc);
                    if (at < 0)
                    {
                        continue;
                    }

                    kept[i] = at;
                    for (var k = 0; k < i; k++)
                    {
                        if (kept[k] < 0)
                        {
                            continue;
                        }

                        var other = kept[k];
                        for (var l = 0; l < positions[at]; l++)
                        {
                            var mine = positions[at + 1 + l];
                            for (var p = 0; p < positions[other]; p++)
                            {
                                var theirs = positions[other + 1 + p];
                                var distance = Math.Abs((mine >> 2) - (theirs >> 2));
                                if (distance == 0)
                                {
                                    continue;
                                }

                                var product = (float)((float)(Weights[mine & 3] * Weights[theirs & 3]) * WordDistance(distance));
                                var current = (float)Math.Sqrt(product);
                                result = result < 0 ? current : (float)(1.0 - ((1.0 - result) * (1.0 - current)));
                            }
                        }
                    }
                }
            }

            return result;
        }

        private static float WordDistance(int distance) =>
            distance > 100 ? 1e-30f : (float)(1.0 / (1.005 + (0.05 * Math.Exp(((float)distance / 1.5) - 2))));
    }
}
