using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The full-text index of structures, kept in each engine's own index: an FTS5 table on SQLite, a tsvector column
/// with a GIN index on PostgreSQL. Both receive terms already folded and stemmed by <see cref="TextNormalizer"/>.
/// </summary>
public sealed class SearchIndex
{
    private volatile IReadOnlyList<string>? vocabulary;

    public static bool IsPostgres(ReperesDbContext db) => db.Database.IsNpgsql();

    /// <summary>SQL condition "structure s matches the term parameter".</summary>
    public static string MatchCondition(bool postgres, string parameter) => postgres
        ? $"s.id IN (SELECT structure_id FROM structure_search WHERE document @@ to_tsquery('simple', {parameter}))"
        : $"s.id IN (SELECT rowid FROM structure_search WHERE structure_search MATCH {parameter})";

    /// <summary>A sub-query (id, score) of the structures matching any of the terms; higher score is better.</summary>
    public static string ScoreQuery(bool postgres, string parameter) => postgres
        ? $"SELECT structure_id AS id, ts_rank(document, to_tsquery('simple', {parameter})) AS score FROM structure_search WHERE document @@ to_tsquery('simple', {parameter})"
        : $"SELECT rowid AS id, -bm25(structure_search, 8.0, 1.0) AS score FROM structure_search WHERE structure_search MATCH {parameter}";

    /// <summary>Prefix query for one term (terms are [a-z0-9] only, so nothing needs escaping).</summary>
    public static string PrefixTerm(bool postgres, string term) => postgres ? term + ":*" : "\"" + term + "\"*";

    public static string AnyOf(bool postgres, IEnumerable<string> terms) =>
        string.Join(postgres ? " | " : " OR ", terms.Select(t => PrefixTerm(postgres, t)));

    /// <summary>All terms of the index, for typo correction. Cached until the index changes.</summary>
    public async Task<IReadOnlyList<string>> VocabularyAsync(ReperesDbContext db, CancellationToken cancellationToken)
    {
        if (vocabulary is { } cached)
        {
            return cached;
        }

        var sql = IsPostgres(db)
            ? "SELECT word FROM ts_stat('SELECT document FROM structure_search')"
            : "SELECT term FROM structure_search_vocab";
        var connection = db.Database.GetDbConnection();
        var terms = (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToList();
        terms.Sort(StringComparer.Ordinal);
        vocabulary = terms;
        return terms;
    }

    public void InvalidateVocabulary() => vocabulary = null;

    /// <summary>(Re)indexes the given structures; removes from the index those that are not online.</summary>
    public async Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in structureIds.Chunk(500))
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
                    Services = s.Services.Select(v => new { v.Name, v.Description, Category = v.Category.NameFr, CategoryEn = v.Category.NameEn, Need = v.Category.Need.NameFr }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var rows = documents.Where(d => d.Status == StructureStatus.Online).Select(d => new SearchDocument(
                d.Id,
                TextNormalizer.IndexText(d.Name),
                TextNormalizer.IndexText(string.Join(' ', new[] { d.Summary, d.Description, d.City ?? "" }
                    .Concat(d.Services.SelectMany(v => new[] { v.Name, v.Description, v.Category, v.CategoryEn, v.Need }))))))
                .ToList();
            await WriteAsync(db, chunk, rows, cancellationToken);
        }

        InvalidateVocabulary();
    }

    public async Task RebuildAsync(ReperesDbContext db, CancellationToken cancellationToken = default)
    {
        var ids = await db.Structures.Select(s => s.Id).ToListAsync(cancellationToken);
        await IndexAsync(db, ids, cancellationToken);
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
                await connection.ExecuteAsync(new CommandDefinition(deleteSql, new { Ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
                var insertSql = postgres
                    ? "INSERT INTO structure_search (structure_id, document) VALUES (@Id, setweight(to_tsvector('simple', @Name), 'A') || setweight(to_tsvector('simple', @Body), 'B'))"
                    : "INSERT INTO structure_search (rowid, name, body) VALUES (@Id, @Name, @Body)";
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

    private sealed record SearchDocument(int Id, string Name, string Body);
}

internal static class DbTransactionExtensions
{
    public static DbTransaction GetDbTransaction(this Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) =>
        Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction);
}
