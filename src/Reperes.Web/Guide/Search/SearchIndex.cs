using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The full-text index of structures, kept in each engine's own index: an FTS5 table on SQLite, a tsvector column
/// with a GIN index on PostgreSQL. Both receive terms already folded and stemmed by <see cref="TextNormalizer"/>.
/// </summary>
public sealed class SearchIndex
{
    private static readonly TimeSpan VocabularyLifetime = TimeSpan.FromMinutes(10);
    private volatile VocabularySnapshot? vocabulary;
    private int refreshing;

    public static bool IsPostgres(ReperesDbContext db) => db.Database.IsNpgsql();

    /// <summary>
    /// A sub-query (id, score) of the online structures matching the full-text expression; higher score is better.
    /// Category tokens weigh most, then the name, then the rest of the text.
    /// </summary>
    public static string ScoreQuery(bool postgres, string parameter) => postgres
        ? $"SELECT structure_id AS id, ts_rank(document, to_tsquery('simple', {parameter})) AS score FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})"
        : $"SELECT rowid AS id, -bm25(structure_search, 4.0, 1.0, 10.0) AS score FROM structure_search WHERE structure_search MATCH {parameter}";

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
        : ("structure_search f CROSS JOIN structures s ON s.id = f.rowid", $"f.structure_search MATCH {parameter}", "-bm25(f.structure_search, 4.0, 1.0, 10.0)");

    public static string CountQuery(bool postgres, string parameter) => postgres
        ? $"SELECT COUNT(*) FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})"
        : $"SELECT COUNT(*) FROM structure_search WHERE structure_search MATCH {parameter}";

    /// <summary>Prefix query for one term (terms are [a-z0-9] only, so nothing needs escaping).</summary>
    public static string PrefixTerm(bool postgres, string term) => postgres ? term + ":*" : "\"" + term + "\"*";

    /// <summary>The token that stands in the index for "offers a service of this category".</summary>
    // On PostgreSQL no weight label: a weighted query makes the GIN index recheck every row, and the token is unique anyway.
    public static string CategoryToken(bool postgres, int categoryId) => postgres ? $"c{categoryId}" : $"cats:c{categoryId}";

    public static string Any(bool postgres, IEnumerable<string> parts) => "(" + string.Join(postgres ? " | " : " OR ", parts) + ")";

    public static string All(bool postgres, IEnumerable<string> parts) => string.Join(postgres ? " & " : " AND ", parts);

    /// <summary>
    /// All terms of the index, for typo correction. Read once, then refreshed in the background when older than
    /// ten minutes: reading it costs a scan of the index, which no search request should wait for twice.
    /// </summary>
    public async Task<IReadOnlyList<string>> VocabularyAsync(ReperesDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var cached = vocabulary;
        if (cached is null)
        {
            var terms = await ReadVocabularyAsync(db, cancellationToken);
            vocabulary = new VocabularySnapshot(terms, DateTime.UtcNow);
            return terms;
        }

        if (DateTime.UtcNow - cached.LoadedAt > VocabularyLifetime && Interlocked.Exchange(ref refreshing, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var fresh = await ReadVocabularyAsync(scope.ServiceProvider.GetRequiredService<ReperesDbContext>(), CancellationToken.None);
                    vocabulary = new VocabularySnapshot(fresh, DateTime.UtcNow);
                }
                finally
                {
                    Interlocked.Exchange(ref refreshing, 0);
                }
            }, CancellationToken.None);
        }

        return cached.Terms;
    }

    /// <summary>Makes the next search re-read the vocabulary in the background.</summary>
    public void InvalidateVocabulary()
    {
        if (vocabulary is { } cached)
        {
            vocabulary = cached with { LoadedAt = DateTime.MinValue };
        }
    }

    private static async Task<IReadOnlyList<string>> ReadVocabularyAsync(ReperesDbContext db, CancellationToken cancellationToken)
    {
        var sql = IsPostgres(db)
            ? "SELECT word FROM ts_stat('SELECT document FROM structure_search')"
            : "SELECT term FROM structure_search_vocab";
        var connection = db.Database.GetDbConnection();
        var terms = (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken)))
            .Where(t => !IsCategoryToken(t))
            .ToList();
        terms.Sort(StringComparer.Ordinal);
        return terms;
    }

    private static bool IsCategoryToken(string term) =>
        (term.Length > 1 && term[0] == 'c' && term.Skip(1).All(char.IsAsciiDigit)) || term == "pmr1" || (term.Length == 4 && term.StartsWith("lg", StringComparison.Ordinal));

    /// <summary>
    /// The facets of a structure as index tokens: c&lt;id&gt; per category offered, lg&lt;code&gt; per language spoken,
    /// pmr1 when wheelchair accessible. None of them is a French or English word.
    /// </summary>
    public static string FacetTokens(IEnumerable<int> categoryIds, string languages, bool? wheelchair) =>
        string.Join(' ', categoryIds.Distinct().Select(id => "c" + id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(languages.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => "lg" + l))
            .Concat(wheelchair == true ? ["pmr1"] : []));

    public static string LanguageToken(bool postgres, string language) => postgres ? "lg" + language : "cats:lg" + language;

    public static string WheelchairToken(bool postgres) => postgres ? "pmr1" : "cats:pmr1";

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
                    Services = s.Services.Select(v => new { v.CategoryId, v.Name, v.Description, Category = v.Category.NameFr, CategoryEn = v.Category.NameEn, Need = v.Category.Need.NameFr }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var rows = documents.Where(d => d.Status == StructureStatus.Online).Select(d => new SearchDocument(
                d.Id,
                TextNormalizer.IndexText(d.Name),
                TextNormalizer.IndexText(string.Join(' ', new[] { d.Summary, d.Description, d.City ?? "" }
                    .Concat(d.Services.SelectMany(v => new[] { v.Name, v.Description, v.Category, v.CategoryEn, v.Need })))),
                FacetTokens(d.Services.Select(v => v.CategoryId), d.Languages, d.WheelchairAccessible)))
                .ToList();
            await WriteAsync(db, alreadyEmpty ? [] : chunk, rows, cancellationToken);
        }

        InvalidateVocabulary();
    }

    /// <summary>Empties the index and fills it again from the structures (after a change of the index's format).</summary>
    public async Task RebuildAsync(ReperesDbContext db, CancellationToken cancellationToken = default)
    {
        // Emptied at once: deleting row by row makes FTS5 re-read every document.
        await db.Database.ExecuteSqlRawAsync(IsPostgres(db) ? "TRUNCATE structure_search" : "DELETE FROM structure_search", cancellationToken);
        var ids = await db.Structures.Where(s => s.Status == StructureStatus.Online).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
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

    private sealed record VocabularySnapshot(IReadOnlyList<string> Terms, DateTime LoadedAt);
}
