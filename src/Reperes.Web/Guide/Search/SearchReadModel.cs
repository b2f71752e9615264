using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Changes;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The public structures held in memory for the search: what the SQL of <see cref="CandidateQuery"/> reads (the
/// structure, its services, the engine's full-text index) as compact posting lists, so that a search is answered
/// without asking the database for its candidates. It answers exactly what the SQL answers, in the same order: the
/// full-text ranks are the engine's own, computed again (FTS5's bm25 on SQLite, ts_rank on PostgreSQL).
/// Loaded at start-up, then changed from the write path and from the other instances' changes
/// (<see cref="PublicChanges"/>). Until it holds every change signalled, <see cref="Current"/> is null and the SQL
/// search answers: never a stale answer, at worst a slower one.
/// </summary>
public sealed class SearchReadModel : BackgroundService
{
    /// <summary>From this many structures, the memory used to load the model is given back at once (see ExecuteAsync).</summary>
    private const int LargeModel = 20_000;

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SearchReadModel> logger;
    private readonly bool enabled;
    private readonly SemaphoreSlim signal = new(0);
    private readonly object gate = new();
    private readonly HashSet<int> pendingIds = [];
    private bool pendingAll = true;
    private long wanted;
    private readonly PublicChanges changes;
    private volatile ReadModelSnapshot? current;

    public SearchReadModel(IServiceScopeFactory scopes, PublicChanges changes, IOptions<ReperesOptions> options, ILogger<SearchReadModel> logger)
    {
        this.scopes = scopes;
        this.changes = changes;
        this.logger = logger;
        enabled = options.Value.Search.ReadModel;
        changes.StructuresChanged += Invalidate;
    }

    /// <summary>The model when it holds every change signalled so far; otherwise null, and the SQL search answers.</summary>
    internal ReadModelSnapshot? Current => current is { } snapshot && snapshot.Version == Interlocked.Read(ref wanted) ? snapshot : null;

    private long served;

    /// <summary>Searches whose candidates came from the model, since the start.</summary>
    public long Served => Interlocked.Read(ref served);

    internal void CountServed() => Interlocked.Increment(ref served);

    /// <summary>The opening filters' answers per structure of the model, for the minute.</summary>
    internal ReadModelOpenAnswers OpenAnswers { get; } = new();

    /// <summary>
    /// The model, when it holds every structure change this instance knows of: its own writes mark it outdated at once
    /// (<see cref="PublicChanges.Committed"/>), and the log of changes that <see cref="PublicChanges"/> reads every
    /// second brings the others' (another instance, a script on the database) within about a second, as it empties the
    /// caches of answers. Null otherwise, and the SQL search answers. Read from memory: a search asks the database
    /// nothing to know it (one round trip a search was a tenth of the processor under load on PostgreSQL).
    /// </summary>
    internal ReadModelSnapshot? Fresh
    {
        get
        {
            if (Current is not { } snapshot)
            {
                return null;
            }

            if (snapshot.Sequence >= changes.LogPosition)
            {
                return snapshot;
            }

            // The log read holds entries the model has not read (signalled before it loaded): it reads them now.
            Invalidate([]);
            return null;
        }
    }

    /// <summary>True once the model is loaded and up to date (for the tests and the health of an instance).</summary>
    public bool IsCurrent => Current is not null;

    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first snapshot serves.</summary>
    internal Task Loaded => loaded.Task;

    /// <summary>Some structures changed (<paramref name="structureIds"/>), or anything may have (null): read them again.</summary>
    public void Invalidate(IReadOnlyCollection<int>? structureIds)
    {
        lock (gate)
        {
            if (structureIds is null)
            {
                pendingAll = true;
            }
            else
            {
                pendingIds.UnionWith(structureIds);
            }

            wanted++;
        }

        signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            bool all;
            int[] ids;
            long version;
            lock (gate)
            {
                all = pendingAll || current is null;
                ids = [.. pendingIds];
                version = wanted;
                pendingAll = false;
                pendingIds.Clear();
            }

            if (all || ids.Length > 0 || current?.Version != version)
            {
                try
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
                    var first = current is null;
                    var snapshot = (await ReadModelLoader.LoadAsync(db, all ? null : current, all ? null : ids, version, stoppingToken)).Prepare();
                    current = snapshot;
                    loaded.TrySetResult();
                    Observability.ReadModelLoaded(snapshot.Docs.Length);
                    if (all)
                    {
                        logger.LogInformation("Search read model loaded: {Structures} structures, {Tokens} tokens in {Milliseconds} ms", snapshot.Docs.Length, snapshot.Tokens.Length, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                        if (first && snapshot.Docs.Length >= LargeModel)
                        {
                            // Reading every structure leaves hundreds of megabytes of short-lived rows that the
                            // collector would keep committed: given back to the system once, the model alone stays.
                            // At start-up only: later (a taxonomy change) it would pause every request under traffic.
                            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Before the migrations, or the database away for a moment: the SQL search answers, and this tries again.
                    logger.LogDebug(exception, "The search read model could not be loaded");
                    lock (gate)
                    {
                        pendingAll = true;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }
            }

            await signal.WaitAsync(stoppingToken);
            while (signal.CurrentCount > 0)
            {
                await signal.WaitAsync(stoppingToken);
            }
        }
    }

    /// <summary>Loads the whole model now (the tests, after writing structures without the write path).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        // The log read first, so that what it signals is behind us.
        await changes.CheckAsync(cancellationToken);
        Invalidate(null);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!IsCurrent)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The search read model did not load");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}

/// <summary>One service as the search's filters and open states read it.</summary>
internal sealed record ReadModelService(
    int Id, int CategoryId, string? Hours, bool IsFree, AccessCondition Access, string Publics, Gender Gender, string MediationServices, string MediationSupport, string MediationEquipment,
    string Name, int? AgeMin, int? AgeMax, string? AccessDetails, string? AdministrativeSituation);

/// <summary>What a result's card shows of the structure beyond what the search reads (so that a page of results asks the database nothing).</summary>
internal sealed record ReadModelCard(string Slug, string Summary, string? Street, string? City, string? Phone, bool IsDemo, DateTimeOffset? UnverifiedSince, SearchHitRecord Record);

/// <summary>One online structure as the search reads it.</summary>
internal sealed class ReadModelDoc
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string SortName { get; init; } = "";
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public int? GeoCell { get; init; }
    public string? Hours { get; init; }
    public string Languages { get; init; } = "";
    public bool? Wheelchair { get; init; }
    public ReadModelService[] Services { get; set; } = [];

    public ReadModelCard? Card { get; init; }

    /// <summary>The services' hours as the open states read them (the SQL's "id:category:hours" list).</summary>
    public IReadOnlyList<Core.Hours.ServiceHours> ServiceHours { get; set; } = [];

    /// <summary>Tokens of all columns (FTS5's length of the row); 0 when not in the index.</summary>
    public int Length { get; set; }

    public bool Indexed { get; set; }
}

/// <summary>A structure holding a token: on SQLite the counts in name, body and facets (10 bits each), on PostgreSQL the offset of its positions.</summary>
internal readonly record struct Posting(int Doc, int Data)
{
    /// <summary>Finds a structure's posting in a token's list (ordered by structure).</summary>
    public readonly struct OfDoc(int doc) : IComparable<Posting>
    {
        public int CompareTo(Posting other) => doc.CompareTo(other.Doc);
    }
}

/// <summary>The model at one version: immutable, shared by every search until the next one replaces it.</summary>
internal sealed class ReadModelSnapshot
{
    /// <summary>Per grid cell, the structures in it (built before the snapshot serves, see <see cref="Prepare"/>; shared by later versions of the same data).</summary>
    private Lazy<Dictionary<int, int[]>> docsByCell;

    /// <summary>Per structure, its rank by name and by sort name, and what its services offer (see <see cref="Offers"/>).</summary>
    private Lazy<(int[] ByName, int[] NameOrder, int[] BySortName, int[] French, Offers[] Offers, Dictionary<(int Category, Offers Offer), ulong[]> Categories, int[] Lengths)> glance;

    public ReadModelSnapshot()
    {
        docsByCell = new(IndexCells);
        glance = new(Glance);
    }

    /// <summary>
    /// Builds what the searches read besides the postings (the cells, the orders by name, the offers), by the loader,
    /// before the snapshot serves: otherwise the first search after each change would build them while people wait.
    /// </summary>
    public ReadModelSnapshot Prepare()
    {
        _ = docsByCell.Value;
        _ = glance.Value;
        return this;
    }

    /// <summary>What a structure's services offer, for the filters that ask nothing else of them.</summary>
    [Flags]
    internal enum Offers : byte
    {
        None = 0,
        AnyService = 1,
        Free = 2,
        WithoutAppointment = 4,
        FreeWithoutAppointment = 8,
    }

    /// <summary>
    /// The structure's place in the order of names (ordinal, then index): comparing two ranks orders as comparing the
    /// names, without reaching either structure.
    /// </summary>
    public int[] NameRanks => glance.Value.ByName;

    /// <summary>The structures (indexes into <see cref="Docs"/>) in the order of <see cref="NameRanks"/>.</summary>
    public int[] NameOrder => glance.Value.NameOrder;

    /// <summary>The same for the sort names.</summary>
    public int[] SortNameRanks => glance.Value.BySortName;

    /// <summary>
    /// The structure's place in French alphabetical order (<see cref="Core.Text.FrenchOrder"/>: the sort name, then the
    /// name), equal for equal names: comparing two of them compares as <c>FrenchOrder.Comparer</c> compares the names.
    /// </summary>
    public int[] FrenchRanks => glance.Value.French;

    public Offers[] ServiceOffers => glance.Value.Offers;

    /// <summary>
    /// Per category and offer (any service, free, without appointment, both), the structures with one service of that
    /// category offering it (a bit per structure): a search by category and these filters reads no service.
    /// </summary>
    public IReadOnlyDictionary<(int Category, Offers Offer), ulong[]> CategoryStructures => glance.Value.Categories;

    /// <summary>Per structure, its count of tokens (<see cref="ReadModelDoc.Length"/>), read by the ranks without reaching the structure.</summary>
    public int[] Lengths => glance.Value.Lengths;

    private (int[], int[], int[], int[], Offers[], Dictionary<(int, Offers), ulong[]>, int[]) Glance()
    {
        int[] Order(Func<ReadModelDoc, string> name)
        {
            var order = new int[Docs.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) =>
            {
                var byName = string.CompareOrdinal(name(Docs[a]), name(Docs[b]));
                return byName != 0 ? byName : a.CompareTo(b);
            });
            return order;
        }

        int[] Ranks(int[] order)
        {
            var ranks = new int[order.Length];
            for (var r = 0; r < order.Length; r++)
            {
                ranks[order[r]] = r;
            }

            return ranks;
        }

        // The sort name is the name's French key (kept so by the structure): in its order, only the names sharing a
        // sort name are left to order, ordinally, as FrenchOrder breaks such ties (in place: the order is not kept).
        int[] French(int[] bySortName)
        {
            var french = new int[bySortName.Length];
            var rank = -1;
            for (var start = 0; start < bySortName.Length;)
            {
                var end = start + 1;
                while (end < bySortName.Length && Docs[bySortName[end]].SortName == Docs[bySortName[start]].SortName)
                {
                    end++;
                }

                var group = bySortName.AsSpan(start, end - start);
                if (group.Length > 1)
                {
                    group.Sort((a, b) => string.CompareOrdinal(Docs[a].Name, Docs[b].Name));
                }

                for (var i = 0; i < group.Length; i++)
                {
                    if (i == 0 || Docs[group[i]].Name != Docs[group[i - 1]].Name)
                    {
                        rank++;
                    }

                    french[group[i]] = rank;
                }

                start = end;
            }

            return french;
        }

        var offers = new Offers[Docs.Length];
        var categories = new Dictionary<(int, Offers), ulong[]>();
        var lengths = new int[Docs.Length];
        for (var i = 0; i < Docs.Length; i++)
        {
            lengths[i] = Docs[i].Length;
            foreach (var service in Docs[i].Services)
            {
                var walkIn = service.Access == Core.Structures.AccessCondition.Unconditional;
                var offered = Offers.AnyService
                    | (service.IsFree ? Offers.Free : Offers.None)
                    | (walkIn ? Offers.WithoutAppointment : Offers.None)
                    | (service.IsFree && walkIn ? Offers.FreeWithoutAppointment : Offers.None);
                offers[i] |= offered;
                foreach (var offer in (ReadOnlySpan<Offers>)[Offers.AnyService, Offers.Free, Offers.WithoutAppointment, Offers.FreeWithoutAppointment])
                {
                    if ((offered & offer) == 0)
                    {
                        continue;
                    }

                    if (!categories.TryGetValue((service.CategoryId, offer), out var structures))
                    {
                        categories[(service.CategoryId, offer)] = structures = new ulong[(Docs.Length + 63) / 64];
                    }

                    structures[i >> 6] |= 1UL << i;
                }
            }
        }

        var bySortName = Order(d => d.SortName);
        var sortNameRanks = Ranks(bySortName);
        var byName = Order(d => d.Name);
        return (Ranks(byName), byName, sortNameRanks, French(bySortName), offers, categories, lengths);
    }

    public long Version { get; init; }

    /// <summary>The last entry of the log of changed structures (<c>structure_changes</c>) this snapshot holds.</summary>
    public long Sequence { get; init; }

    public bool Postgres { get; init; }

    /// <summary>The same data, known to hold every change up to <paramref name="sequence"/>.</summary>
    public ReadModelSnapshot At(long version, long sequence) => new()
    {
        docsByCell = docsByCell,
        glance = glance,
        Version = version,
        Sequence = sequence,
        Postgres = Postgres,
        Docs = Docs,
        Tokens = Tokens,
        Postings = Postings,
        Positions = Positions,
        IndexedCount = IndexedCount,
        TotalLength = TotalLength,
    };

    /// <summary>The online structures, by id.</summary>
    public ReadModelDoc[] Docs { get; init; } = [];

    /// <summary>Every token of the index, in ordinal order (the engines' own order for these folded words).</summary>
    public string[] Tokens { get; init; } = [];

    /// <summary>Per token, the structures holding it (indexes into <see cref="Docs"/>, ascending).</summary>
    public Posting[][] Postings { get; init; } = [];

    /// <summary>PostgreSQL: per posting, its count of positions then the positions (position × 4 + weight, D 0 to A 3).</summary>
    public int[] Positions { get; init; } = [];

    /// <summary>Structures in the index, and their tokens in all (FTS5's row count and average length).</summary>
    public int IndexedCount { get; init; }

    public long TotalLength { get; init; }

    /// <summary>The structures in these cells, as indexes into <see cref="Docs"/>, in a pooled array (return it to ArrayPool&lt;int&gt;.Shared).</summary>
    public (int[] Docs, int Count) DocsIn(IEnumerable<int> cells)
    {
        var index = docsByCell.Value;
        var total = 0;
        foreach (var cell in cells)
        {
            total += index.TryGetValue(cell, out var docs) ? docs.Length : 0;
        }

        var found = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, total));
        var count = 0;
        foreach (var cell in cells)
        {
            if (index.TryGetValue(cell, out var docs))
            {
                docs.CopyTo(found, count);
                count += docs.Length;
            }
        }

        return (found, count);
    }

    private Dictionary<int, int[]> IndexCells()
    {
        var byCell = new Dictionary<int, List<int>>();
        for (var i = 0; i < Docs.Length; i++)
        {
            if (Docs[i].GeoCell is { } cell)
            {
                if (!byCell.TryGetValue(cell, out var docs))
                {
                    byCell[cell] = docs = [];
                }

                docs.Add(i);
            }
        }

        return byCell.ToDictionary(c => c.Key, c => c.Value.ToArray());
    }

    /// <summary>The tokens that <paramref name="leaf"/> may match: itself, or every token starting with it.</summary>
    public (int From, int To) TokenRange(FullText leaf)
    {
        var (term, prefix) = leaf switch
        {
            FullText.Word word => (word.Term, word.Prefix),
            FullText.Facet facet => (facet.Token, false),
            _ => throw new ArgumentException(leaf.GetType().Name, nameof(leaf)),
        };
        var index = Array.BinarySearch(Tokens, term, StringComparer.Ordinal);
        var from = index >= 0 ? index : ~index;
        if (!prefix)
        {
            return index >= 0 ? (index, index + 1) : (from, from);
        }

        var to = from;
        while (to < Tokens.Length && Tokens[to].StartsWith(term, StringComparison.Ordinal))
        {
            to++;
        }

        return (from, to);
    }

    /// <summary>On SQLite a facet is searched in the facets' column only; words, and everything on PostgreSQL, anywhere.</summary>
    public bool Counts(FullText leaf, Posting posting) => Postgres || leaf is not FullText.Facet || Cats(posting.Data) > 0;

    public static int NameCount(int data) => data & 0x3FF;

    public static int BodyCount(int data) => (data >> 10) & 0x3FF;

    public static int Cats(int data) => (data >> 20) & 0x3FF;

    /// <summary>
    /// The structures matching <paramref name="expression"/>, as a mask over <see cref="Docs"/> (borrowed from
    /// <paramref name="scratch"/>, and kept there for the other parts of the same search).
    /// </summary>
    public bool[] Evaluate(FullText expression, ReadModelScratch scratch)
    {
        if (scratch.Evaluated.TryGetValue(expression, out var known))
        {
            return known;
        }

        var mask = scratch.Mask();
        switch (expression)
        {
            case FullText.Word or FullText.Facet:
                Mark(expression, mask);
                break;
            case FullText.AnyOf any:
                foreach (var part in any.Parts)
                {
                    if (part is FullText.Word or FullText.Facet && !scratch.Evaluated.ContainsKey(part))
                    {
                        // A word or a facet straight into the union: no mask of its own to clear and merge.
                        Mark(part, mask);
                    }
                    else
                    {
                        Merge(mask, Evaluate(part, scratch), or: true);
                    }
                }

                break;
            case FullText.AllOf all:
                Array.Fill(mask, true, 0, Docs.Length);
                foreach (var part in all.Parts)
                {
                    Merge(mask, Evaluate(part, scratch), or: false);
                }

                break;
            default:
                throw new ArgumentException(expression.GetType().Name, nameof(expression));
        }

        scratch.Evaluated[expression] = mask;
        return mask;
    }

    /// <summary>Sets the structures holding the word or facet <paramref name="leaf"/> in <paramref name="mask"/>.</summary>
    private void Mark(FullText leaf, bool[] mask)
    {
        var (from, to) = TokenRange(leaf);
        for (var t = from; t < to; t++)
        {
            foreach (var posting in Postings[t])
            {
                if (Counts(leaf, posting))
                {
                    mask[posting.Doc] = true;
                }
            }
        }
    }

    /// <summary><paramref name="into"/> OR (or AND) <paramref name="other"/> over the structures, many at a time.</summary>
    private void Merge(bool[] into, bool[] other, bool or)
    {
        // A bool is one byte, 0 or 1: the bytes' OR and AND are the booleans'.
        var target = System.Runtime.InteropServices.MemoryMarshal.AsBytes(into.AsSpan(0, Docs.Length));
        var source = System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.AsSpan(0, Docs.Length));
        var width = System.Numerics.Vector<byte>.Count;
        var i = 0;
        for (; i <= target.Length - width; i += width)
        {
            var a = new System.Numerics.Vector<byte>(target[i..]);
            var b = new System.Numerics.Vector<byte>(source[i..]);
            (or ? a | b : a & b).CopyTo(target[i..]);
        }

        for (; i < target.Length; i++)
        {
            target[i] = (byte)(or ? target[i] | source[i] : target[i] & source[i]);
        }
    }
}

/// <summary>
/// The working arrays of one search over the read model, borrowed from the shared pools and given back at the end:
/// a national search reads masks of 100,000 structures, which would otherwise land on the large-object heap each time.
/// </summary>
internal sealed class ReadModelScratch(int size) : IDisposable
{
    private readonly List<bool[]> masks = [];
    private readonly List<double[]> numbers = [];

    /// <summary>The masks already computed in this search, by node.</summary>
    public Dictionary<FullText, bool[]> Evaluated { get; } = new(ReferenceEqualityComparer.Instance);

    public bool[] Mask()
    {
        var mask = System.Buffers.ArrayPool<bool>.Shared.Rent(Math.Max(1, size));
        Array.Clear(mask, 0, size);
        masks.Add(mask);
        return mask;
    }

    public double[] Numbers()
    {
        var values = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, size));
        Array.Clear(values, 0, size);
        numbers.Add(values);
        return values;
    }

    public void Dispose()
    {
        masks.ForEach(m => System.Buffers.ArrayPool<bool>.Shared.Return(m));
        numbers.ForEach(n => System.Buffers.ArrayPool<double>.Shared.Return(n));
        masks.Clear();
        numbers.Clear();
    }
}
