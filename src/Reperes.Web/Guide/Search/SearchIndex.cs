using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The full-text index of structures, kept in each engine's own index: an FTS5 table on SQLite, a tsvector column
/// with a GIN index on PostgreSQL. Both receive whole words already folded by <see cref="TextNormalizer"/>, and
/// facet tokens: the categories offered, how openly (see <see cref="FacetTokens"/>), languages, wheelchair access.
/// </summary>
public sealed class SearchIndex
{
    private static readonly TimeSpan VocabularyLifetime = TimeSpan.FromMinutes(10);

    // Facet tokens are not words: c12 (category offered), o12 / r12 / s12 / n12 (how openly, see FacetTokens), o12a3
    // and r12a3 (openly to one audience), lgfr (language), pmr1 (wheelchair).
    private static readonly System.Text.RegularExpressions.Regex FacetPattern = new("^(?:[corns][0-9]+(?:a[0-9]+)?|lg[a-z]{2}|pmr1)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    /// <summary>A change on another instance reads the vocabulary again, but not more often than this.</summary>
    private static readonly TimeSpan VocabularyMinimumAge = TimeSpan.FromSeconds(30);
    private volatile VocabularySnapshot? vocabulary;
    private readonly Lock vocabularyGate = new();
    private Task<IndexVocabulary>? vocabularyLoading;

    public SearchIndex(Core.Changes.PublicChanges changes)
    {
        // Words indexed by another instance are learnt here too (this instance's own are added as it indexes them).
        changes.Changed += () =>
        {
            if (vocabulary is { } cached && DateTime.UtcNow - cached.LoadedAt > VocabularyMinimumAge)
            {
                InvalidateVocabulary();
            }
        };
    }

    public static bool IsPostgres(ReperesDbContext db) => db.Database.IsNpgsql();

    /// <summary>
    /// A sub-query (id, score) of the online structures matching the full-text expression; higher score is better.
    /// <paramref name="tier"/> (an expression of <see cref="Membership"/>s, see <see cref="CandidateQuery"/>) ranks
    /// first; then the engine's own rank, where category tokens weigh most, then the name, then the rest of the text.
    /// </summary>
    public static string ScoreQuery(bool postgres, string parameter, Func<string, string> tier) => postgres
        ? $"SELECT structure_id AS id, {tier("structure_id")} * 100 + ts_rank(document, to_tsquery('simple', {parameter})) AS score FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})"
        : $"SELECT rowid AS id, {tier("rowid")} * 100 + MIN(-bm25(structure_search, 4.0, 1.0, 10.0), 99.0) AS score FROM structure_search WHERE structure_search MATCH {parameter}";

    /// <summary>1 when the structure <paramref name="id"/> matches the full-text expression, else 0.</summary>
    // The sub-query does not depend on the row: both engines read its ids once, then look each row up.
    public static string Membership(bool postgres, string id, string parameter) => postgres
        ? $"(CASE WHEN {id} IN (SELECT structure_id FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})) THEN 1 ELSE 0 END)"
        : $"({id} IN (SELECT rowid FROM structure_search WHERE structure_search MATCH {parameter}))";

    /// <summary>SQL condition "structure s matches the full-text expression".</summary>
    public static string MatchCondition(bool postgres, string parameter) => postgres
        ? $"s.id IN (SELECT structure_id FROM structure_search WHERE document @@ to_tsquery('simple', {parameter}))"
        : $"s.id IN (SELECT rowid FROM structure_search WHERE structure_search MATCH {parameter})";

    /// <summary>
    /// The full-text table joined to structures (the index drives: SQLite's CROSS JOIN keeps that order), the match
    /// condition, and the score, which the engine then computes only for the rows that pass every other filter.
    /// </summary>
    public static (string From, string Match, string Score) ScoredJoin(bool postgres, string parameter) => postgres
        ? ("structure_search f JOIN structures s ON s.id = f.structure_id", $"f.document @@ to_tsquery('simple', {parameter})", $"ts_rank(f.document, to_tsquery('simple', {parameter}))")
        : ("structure_search f CROSS JOIN structures s ON s.id = f.rowid", $"f.structure_search MATCH {parameter}", "MIN(-bm25(f.structure_search, 4.0, 1.0, 10.0), 99.0)");

    public static string CountQuery(bool postgres, string parameter) => postgres
        ? $"SELECT COUNT(*) FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})"
        : $"SELECT COUNT(*) FROM structure_search WHERE structure_search MATCH {parameter}";

    /// <summary>The token that stands in the index for "offers a service of this category".</summary>
    public static FullText CategoryToken(int categoryId) => new FullText.Facet(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c{categoryId}"));

    /// <summary>
    /// All terms of the index, for typo correction. Read once, then refreshed in the background when older than
    /// ten minutes: reading it costs a scan of the index, which no search request should wait for twice.
    /// </summary>
    public async Task<IndexVocabulary> VocabularyAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var cached = vocabulary;
        if (cached is null)
        {
            return await Reading(scopes).WaitAsync(cancellationToken);
        }

        if (DateTime.UtcNow - cached.LoadedAt > VocabularyLifetime)
        {
            _ = Reading(scopes);
        }

        return cached.Terms;
    }

    /// <summary>
    /// The reading under way, or a new one: one for every search asking meanwhile (a start, a refresh under traffic),
    /// each would scan the index; in its own scope, so that a search given up does not fail the others waiting.
    /// </summary>
    private Task<IndexVocabulary> Reading(IServiceScopeFactory scopes)
    {
        lock (vocabularyGate)
        {
            return vocabularyLoading ??= Task.Run(async () =>
            {
                try
                {
                    return await ReadAndKeepVocabularyAsync(scopes);
                }
                finally
                {
                    lock (vocabularyGate)
                    {
                        vocabularyLoading = null;
                    }
                }
            }, CancellationToken.None);
        }
    }

    private async Task<IndexVocabulary> ReadAndKeepVocabularyAsync(IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var terms = await ReadVocabularyAsync(scope.ServiceProvider.GetRequiredService<ReperesDbContext>(), CancellationToken.None);
        vocabulary = new VocabularySnapshot(terms, DateTime.UtcNow);
        return terms;
    }

    /// <summary>Makes the next search re-read the vocabulary in the background.</summary>
    public void InvalidateVocabulary()
    {
        if (vocabulary is { } cached)
        {
            vocabulary = cached with { LoadedAt = DateTime.MinValue };
        }
    }

    private static async Task<IndexVocabulary> ReadVocabularyAsync(ReperesDbContext db, CancellationToken cancellationToken)
    {
        var sql = IsPostgres(db)
            ? "SELECT word AS Word, ndoc AS Documents FROM ts_stat('SELECT document FROM structure_search')"
            : "SELECT term AS Word, doc AS Documents FROM structure_search_vocab";
        var connection = db.Database.GetDbConnection();
        var words = (await connection.QueryAsync<VocabularyRow>(new CommandDefinition(sql, cancellationToken: cancellationToken)))
            .Where(t => !FacetPattern.IsMatch(t.Word))
            .Select(t => (t.Word, (int)t.Documents));
        return new IndexVocabulary(words);
    }

    /// <summary>
    /// The facets of a structure as index tokens, none of them a French or English word: c&lt;id&gt; per category
    /// offered, lg&lt;code&gt; per language spoken, pmr1 when wheelchair accessible; and how openly each category is
    /// offered, for the ranking, from its most open service: o&lt;id&gt; for everyone without any condition (all
    /// publics, no appointment, registration nor stated condition), r&lt;id&gt; for everyone after such a step,
    /// s&lt;id&gt; for a specific public without a step, n&lt;id&gt; for anyone but on a professional's orientation
    /// (absent then). o&lt;id&gt;a&lt;n&gt; and r&lt;id&gt;a&lt;n&gt; say the same for audience n of
    /// <see cref="GuideVocabulary.Audiences"/>, which counts as everyone when the person chose it or said it.
    /// </summary>
    /// <summary>A digital service's help, accompaniment, equipment and programmes in words, so that "imprimante",
    /// "scanner" or "France Services" typed in the search find the places that have them.</summary>
    private static IEnumerable<string> MediationWords(string services, string support, string equipment, string programmes) =>
        new[] { (services, DigitalMediation.Services), (support, DigitalMediation.Support), (equipment, DigitalMediation.Equipment), (programmes, DigitalMediation.Programmes) }
            .SelectMany(pair => pair.Item1.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(code => DigitalMediation.LabelOf(pair.Item2, code)));

    public static string FacetTokens(IEnumerable<FacetService> services, string languages, bool? wheelchair)
    {
        var tokens = new List<string>();
        foreach (var service in services)
        {
            var id = service.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tokens.Add("c" + id);
            bool withoutStep;
            switch (service.Access)
            {
                case AccessCondition.ProfessionalOrientation:
                    continue;
                case AccessCondition.Unconditional:
                    withoutStep = string.IsNullOrWhiteSpace(service.AccessDetails) && string.IsNullOrWhiteSpace(service.AdministrativeSituation);
                    break;
                case AccessCondition.Appointment or AccessCondition.Registration:
                    withoutStep = false;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(services), service.Access, null);
            }

            var level = withoutStep ? "o" : "r";
            var publics = service.Publics.Split('|', StringSplitOptions.RemoveEmptyEntries);
            tokens.Add("n" + id);
            if (service.Gender == Gender.All && publics.Contains("tous-publics"))
            {
                tokens.Add(level + id);
            }
            else if (withoutStep)
            {
                tokens.Add("s" + id);
            }

            for (var audience = 0; audience < GuideVocabulary.Audiences.Count; audience++)
            {
                var name = GuideVocabulary.Audiences[audience];
                if (publics.Contains(name) || (name == "femmes" && service.Gender == Gender.Women))
                {
                    tokens.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{level}{id}a{audience}"));
                }
            }
        }

        return string.Join(' ', tokens.Distinct()
            .Concat(languages.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => "lg" + l))
            .Concat(wheelchair == true ? ["pmr1"] : []));
    }

    /// <summary>
    /// Fills the index again when it is empty while structures are online: a migration empties it when the index's
    /// format changes, and the next start (or admin command) rebuilds it.
    /// </summary>
    public async Task EnsureBuiltAsync(ReperesDbContext db, ILogger logger, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var indexed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            IsPostgres(db) ? "SELECT COUNT(*) FROM (SELECT 1 FROM structure_search LIMIT 1) i" : "SELECT COUNT(*) FROM (SELECT rowid FROM structure_search LIMIT 1) i",
            cancellationToken: cancellationToken));
        if (indexed > 0 || !await PublicData.Structures(db).AnyAsync(cancellationToken))
        {
            return;
        }

        logger.LogInformation("The search index is empty: rebuilding it");
        await RebuildAsync(db, cancellationToken);
    }

    public static FullText LanguageToken(string language) => new FullText.Facet("lg" + language);

    public static FullText WheelchairToken { get; } = new FullText.Facet("pmr1");

    /// <summary>(Re)indexes the given structures; removes from the index those that are not online.</summary>
    public async Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken = default, bool alreadyEmpty = false)
    {
        foreach (var chunk in structureIds.Chunk(1000))
        {
            var documents = await db.Structures.AsNoTracking()
                .Where(s => chunk.Contains(s.Id))
                .Select(s => new
                {
                    s.Id,
                    s.Name,
                    s.Status,
                    s.Summary,
                    s.Description,
                    s.City,
                    s.Languages,
                    s.WheelchairAccessible,
                    Services = s.Services.Select(v => new { v.CategoryId, v.Name, v.Description, v.Publics, v.Gender, v.Access, v.AccessDetails, v.AdministrativeSituation, Category = v.Category.NameFr, CategoryEn = v.Category.NameEn, Need = v.Category.Need.NameFr, v.MediationServices, v.MediationSupport, v.MediationEquipment, v.MediationProgrammes }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var rows = documents.Where(d => d.Status == StructureStatus.Online).Select(d => new SearchDocument(
                d.Id,
                TextNormalizer.IndexText(d.Name),
                TextNormalizer.IndexText(string.Join(' ', new[] { d.Summary, d.Description, d.City ?? "" }
                    .Concat(d.Services.SelectMany(v => new[] { v.Name, v.Description, v.Category, v.CategoryEn, v.Need }
                        .Concat(MediationWords(v.MediationServices, v.MediationSupport, v.MediationEquipment, v.MediationProgrammes)))))),
                FacetTokens(d.Services.Select(v => new FacetService(v.CategoryId, v.Publics, v.Gender, v.Access, v.AccessDetails, v.AdministrativeSituation)), d.Languages, d.WheelchairAccessible)))
                .ToList();
            await WriteAsync(db, alreadyEmpty ? [] : chunk, rows, cancellationToken);
            if (!alreadyEmpty && vocabulary is { } cached)
            {
                // The words just indexed are known at once (a new name is found, not "corrected" into another word);
                // the counts follow at the next reading.
                vocabulary = cached with { Terms = cached.Terms.With(rows.SelectMany(r => (r.Name + " " + r.Body).Split(' ', StringSplitOptions.RemoveEmptyEntries))) };
            }
        }

        InvalidateVocabulary();
    }

    /// <summary>Empties the index and fills it again from the structures (after a change of the index's format).</summary>
    public async Task RebuildAsync(ReperesDbContext db, CancellationToken cancellationToken = default)
    {
        // Emptied at once: deleting row by row makes FTS5 re-read every document.
        await db.Database.ExecuteSqlRawAsync(IsPostgres(db) ? "TRUNCATE structure_search" : "DELETE FROM structure_search", cancellationToken);
        var ids = await PublicData.Structures(db).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        await IndexAsync(db, ids, cancellationToken, alreadyEmpty: true);
    }

    private static async Task WriteAsync(ReperesDbContext db, IReadOnlyCollection<int> ids, IReadOnlyList<SearchDocument> rows, CancellationToken cancellationToken)
    {
        var postgres = IsPostgres(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var ambient = db.Database.CurrentTransaction?.GetDbTransaction();
            var transaction = ambient ?? await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var deleteSql = postgres
                    ? "DELETE FROM structure_search WHERE structure_id = ANY(@Ids)"
                    : $"DELETE FROM structure_search WHERE rowid IN ({string.Join(',', ids)})";
                if (ids.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(deleteSql, new { Ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
                }

                var insertSql = postgres
                    ? "INSERT INTO structure_search (structure_id, document) VALUES (@Id, setweight(to_tsvector('simple', @Categories), 'A') || setweight(to_tsvector('simple', @Name), 'B') || setweight(to_tsvector('simple', @Body), 'D'))"
                    : "INSERT INTO structure_search (rowid, name, body, cats) VALUES (@Id, @Name, @Body, @Categories)";
                await connection.ExecuteAsync(new CommandDefinition(insertSql, rows, transaction, cancellationToken: cancellationToken));
                if (ambient is null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (ambient is null)
                {
                    await transaction.DisposeAsync();
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private sealed record SearchDocument(int Id, string Name, string Body, string Categories);

    private sealed record VocabularySnapshot(IndexVocabulary Terms, DateTime LoadedAt);

    private sealed class VocabularyRow
    {
        public string Word { get; init; } = "";
        public long Documents { get; init; }
    }
}

/// <summary>What the index needs of a service for its facet tokens.</summary>
public sealed record FacetService(int CategoryId, string Publics, Gender Gender, AccessCondition Access, string? AccessDetails, string? AdministrativeSituation);

/// <summary>The whole words of the index, sorted, with how many structures hold each (for corrections).</summary>
public sealed class IndexVocabulary
{
    public static readonly IndexVocabulary Empty = new([]);

    private readonly string[] words;
    private readonly Dictionary<string, int> documents;

    /// <summary>Words indexed since the vocabulary was read (one document each until it is read again), sorted.</summary>
    private readonly string[] recent;
    private readonly Lazy<string[]> all;

    /// <summary>
    /// The corrections already worked out against these words, with the lexicon they were worked out with (see
    /// <see cref="QueryInterpreter.Correct"/>): a correction reads the whole vocabulary, tens of thousands of words
    /// at national scale (2 ms a word), and people mistype the same words.
    /// </summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, (SearchLexicon Lexicon, string? Correction)> Corrections { get; } = new(StringComparer.Ordinal);

    public IndexVocabulary(IEnumerable<(string Word, int Documents)> entries)
    {
        documents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, count) in entries)
        {
            documents[word] = documents.GetValueOrDefault(word) + count;
        }

        words = documents.Keys.Order(StringComparer.Ordinal).ToArray();
        recent = [];
        all = new Lazy<string[]>(words);
    }

    private IndexVocabulary(IndexVocabulary read, string[] recent)
    {
        words = read.words;
        documents = read.documents;
        this.recent = recent;
        all = new Lazy<string[]>(() => words.Concat(recent).Order(StringComparer.Ordinal).ToArray());
    }

    public IReadOnlyList<string> Words => all.Value;

    /// <summary>
    /// This vocabulary and <paramref name="more"/> words just indexed: cheap (the words read stay shared), so that a
    /// write never waits for the whole vocabulary to be sorted again.
    /// </summary>
    public IndexVocabulary With(IEnumerable<string> more)
    {
        var added = more.Where(w => !documents.ContainsKey(w) && Array.BinarySearch(recent, w, StringComparer.Ordinal) < 0).ToHashSet(StringComparer.Ordinal);
        return added.Count == 0 ? this : new IndexVocabulary(this, recent.Concat(added).Order(StringComparer.Ordinal).ToArray());
    }

    public int Documents(string word) =>
        documents.TryGetValue(word, out var count) ? count : Array.BinarySearch(recent, word, StringComparer.Ordinal) >= 0 ? 1 : 0;

    /// <summary>True when the index holds a word in one of these forms (a prefix or an exact word).</summary>
    public bool Finds(IReadOnlyList<TextForm> forms) =>
        forms.Any(f => f.Prefix ? HasPrefix(words, f.Term) || HasPrefix(recent, f.Term) : Documents(f.Term) > 0);

    private static bool HasPrefix(string[] sorted, string prefix)
    {
        var index = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        var at = index >= 0 ? index : ~index;
        return at < sorted.Length && sorted[at].StartsWith(prefix, StringComparison.Ordinal);
    }
}
