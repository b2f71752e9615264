using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Reads the online structures, their services and the engine's full-text index into a <see cref="ReadModelSnapshot"/>:
/// all of them, or only the changed ones on top of the previous snapshot. The three reads share one transaction, so
/// that they see the same moment.
/// </summary>
internal static class ReadModelLoader
{
    private const int CountMask = 0x3FF;

    /// <summary>Beyond this many changed structures, all are read again.</summary>
    private const int IncrementalLimit = 20_000;

    public static async Task<ReadModelSnapshot> LoadAsync(ReperesDbContext db, ReadModelSnapshot? previous, int[]? changedIds, long version, CancellationToken cancellationToken)
    {
        var postgres = SearchIndex.IsPostgres(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(postgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
            HashSet<int>? changed = null;
            long sequence = 0;
            if (previous is not null && changedIds is not null)
            {
                // The structures asked for, and every one logged since the previous snapshot (whoever wrote them).
                var logged = (await connection.QueryAsync<(long Sequence, int StructureId)>(new CommandDefinition(
                    "SELECT seq, structure_id FROM structure_changes WHERE seq > @from ORDER BY seq LIMIT " + (IncrementalLimit + 1),
                    new { from = previous.Sequence }, transaction, cancellationToken: cancellationToken))).AsList();
                changed = [.. changedIds, .. logged.Select(l => l.StructureId)];
                sequence = logged.Count > 0 ? Math.Max(previous.Sequence, logged[^1].Sequence) : previous.Sequence;
                if (logged.Count > IncrementalLimit || changed.Count > IncrementalLimit)
                {
                    changed = null;
                }
                else if (changed.Count == 0)
                {
                    return previous.At(version, sequence);
                }
            }

            if (changed is null)
            {
                sequence = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM structure_changes", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
            }

            var ids = changed is null ? null : string.Join(',', changed.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            var texts = new TextPool();
            var docs = await ReadDocsAsync(connection, transaction, ids, texts, cancellationToken);
            await ReadServicesAsync(connection, transaction, ids, docs, texts, cancellationToken);
            var index = await ReadIndexAsync(connection, transaction, postgres, ids, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            return changed is null
                ? Rebuild(new ReadModelSnapshot { Postgres = postgres }, [], docs, index, version, sequence)
                : Rebuild(previous!, changed, docs, index, version, sequence);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<List<ReadModelDoc>> ReadDocsAsync(DbConnection connection, DbTransaction transaction, string? ids, TextPool texts, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT s.id, s.name, s.sort_name, s.latitude, s.longitude, s.geo_cell, s.opening_hours, s.languages, s.wheelchair_accessible,"
            + " s.slug, s.summary, s.street, s.city, s.phones, s.is_demo, s.unverified_since, s.uid, s.postal_code, s.commune_code, s.updated_at, s.verified_at"
            + " FROM structures s WHERE s.status = 1"
            + (ids is null ? "" : $" AND s.id IN ({ids})") + " ORDER BY s.id";
        var docs = new List<ReadModelDoc>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            docs.Add(new ReadModelDoc
            {
                Id = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                Name = reader.GetString(1),
                SortName = reader.GetString(2),
                Latitude = reader.IsDBNull(3) ? null : Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture),
                Longitude = reader.IsDBNull(4) ? null : Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture),
                GeoCell = reader.IsDBNull(5) ? null : Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                Hours = reader.IsDBNull(6) ? null : texts.Get(reader.GetString(6)),
                Languages = texts.Get(reader.GetString(7)),
                Wheelchair = reader.IsDBNull(8) ? null : Convert.ToBoolean(reader.GetValue(8), CultureInfo.InvariantCulture),
                Card = new ReadModelCard(
                    reader.GetString(9),
                    reader.GetString(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : texts.Get(reader.GetString(12)),
                    Structure.Split(reader.GetString(13)).FirstOrDefault(),
                    Convert.ToBoolean(reader.GetValue(14), CultureInfo.InvariantCulture),
                    reader.IsDBNull(15) ? null : Instant(reader, 15),
                    new SearchHitRecord(
                        reader.GetGuid(16),
                        reader.IsDBNull(17) ? null : texts.Get(reader.GetString(17)),
                        reader.IsDBNull(18) ? null : texts.Get(reader.GetString(18)),
                        Instant(reader, 19),
                        reader.IsDBNull(20) ? null : Instant(reader, 20))),
            });
        }

        return docs;
    }

    private static async Task ReadServicesAsync(DbConnection connection, DbTransaction transaction, string? ids, List<ReadModelDoc> docs, TextPool texts, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT v.id, v.structure_id, v.category_id, v.opening_hours, v.is_free, v.access, v.publics, v.gender, v.mediation_services, v.mediation_support, v.mediation_equipment,"
            + " v.name, v.age_min, v.age_max, v.access_details, v.administrative_situation"
            + " FROM services v JOIN structures s ON s.id = v.structure_id WHERE s.status = 1"
            + (ids is null ? "" : $" AND s.id IN ({ids})") + " ORDER BY v.structure_id, v.id";
        var byId = docs.ToDictionary(d => d.Id);
        var services = new Dictionary<int, List<ReadModelService>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var structureId = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            if (!services.TryGetValue(structureId, out var list))
            {
                services[structureId] = list = [];
            }

            list.Add(new ReadModelService(
                Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : texts.Get(reader.GetString(3)),
                Convert.ToBoolean(reader.GetValue(4), CultureInfo.InvariantCulture),
                (AccessCondition)Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                texts.Get(reader.GetString(6)),
                (Gender)Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
                texts.Get(reader.GetString(8)),
                texts.Get(reader.GetString(9)),
                texts.Get(reader.GetString(10)),
                texts.Get(reader.GetString(11)),
                reader.IsDBNull(12) ? null : Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture),
                reader.IsDBNull(13) ? null : Convert.ToInt32(reader.GetValue(13), CultureInfo.InvariantCulture),
                reader.IsDBNull(14) ? null : texts.Get(reader.GetString(14)),
                reader.IsDBNull(15) ? null : texts.Get(reader.GetString(15))));
        }

        foreach (var (structureId, list) in services)
        {
            if (byId.TryGetValue(structureId, out var doc))
            {
                doc.Services = [.. list];

                // As the SQL hands them to the open states: an empty text is no hours.
                doc.ServiceHours = list.Select(v => new ServiceHours(v.Id, "", v.CategoryId, string.IsNullOrEmpty(v.Hours) ? null : v.Hours)).ToList();
            }
        }
    }

    /// <summary>An instant as the context stores it: UTC ticks on SQLite, <c>timestamptz</c> on PostgreSQL.</summary>
    private static DateTimeOffset Instant(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) is long ticks ? ReperesDbContext.FromUtcBinary(ticks) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>One copy of each repeated text (hours, languages, publics, mediation lists): most structures share theirs.</summary>
    private sealed class TextPool
    {
        private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

        public string Get(string text)
        {
            if (!texts.TryGetValue(text, out var shared))
            {
                texts[text] = shared = text;
            }

            return shared;
        }
    }

    /// <summary>One row of the engine's index: per token, the counts per column (SQLite) or the positions (PostgreSQL).</summary>
    internal sealed record IndexRow(int Id, int Length, List<(string Token, int Data, int[]? Positions)> Tokens);

    private static async Task<List<IndexRow>> ReadIndexAsync(DbConnection connection, DbTransaction transaction, bool postgres, string? ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = postgres
            ? "SELECT structure_id, document::text FROM structure_search" + (ids is null ? "" : $" WHERE structure_id IN ({ids})")
            : "SELECT rowid, name, body, cats FROM structure_search" + (ids is null ? "" : $" WHERE rowid IN ({ids})");
        var rows = new List<IndexRow>();
        var lexemes = new LexemePool();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            rows.Add(postgres ? ParseVector(id, reader.GetString(1), lexemes) : Tokenize(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), lexemes));
        }

        return rows;
    }

    /// <summary>
    /// One string per distinct token of a reading: the same few thousand words stand millions of times in the index,
    /// and a string allocated for each was most of what a load allocated (and parsed) on the first searches' cores.
    /// </summary>
    internal sealed class LexemePool
    {
        private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> bySpan;

        public LexemePool() => bySpan = strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<char> token)
        {
            if (!bySpan.TryGetValue(token, out var value))
            {
                value = token.ToString();
                strings.Add(value, value);
            }

            return value;
        }
    }

    /// <summary>FTS5's unicode61 tokens of the three columns (the text is already folded: lower case, no accents).</summary>
    internal static IndexRow Tokenize(int id, string name, string body, string cats, LexemePool lexemes)
    {
        Span<char> lower = stackalloc char[64];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        var column = 0;
        foreach (var text in new[] { name, body, cats })
        {
            var shift = column * 10;
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inToken = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (inToken && start < 0)
                {
                    start = i;
                }
                else if (!inToken && start >= 0)
                {
                    var span = text.AsSpan(start, i - start);
                    var token = span.Length <= lower.Length
                        ? lexemes.Get(lower[..span.ToLowerInvariant(lower)])
                        : lexemes.Get(span.ToString().ToLowerInvariant());
                    counts.TryGetValue(token, out var data);
                    if (((data >> shift) & CountMask) < CountMask)
                    {
                        data += 1 << shift;
                    }

                    counts[token] = data;
                    length++;
                    start = -1;
                }
            }

            column++;
        }

        return new IndexRow(id, length, counts.Select(c => (c.Key, c.Value, (int[]?)null)).ToList());
    }

    /// <summary>PostgreSQL's text of a tsvector: 'lexeme':1A,5B,7 … (weight D unwritten).</summary>
    internal static IndexRow ParseVector(int id, string text, LexemePool lexemes)
    {
        var tokens = new List<(string, int, int[]?)>();
        var escaped = new System.Text.StringBuilder();
        var positions = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\'')
            {
                i++;
                continue;
            }

            i++;
            var start = i;
            var end = text.Length;
            var plain = true;
            escaped.Clear();
            while (i < text.Length)
            {
                if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    Unescape(ref plain, escaped, text, start, i).Append('\'');
                    i += 2;
                }
                else if (text[i] == '\\' && i + 1 < text.Length)
                {
                    Unescape(ref plain, escaped, text, start, i).Append(text[i + 1]);
                    i += 2;
                }
                else if (text[i] == '\'')
                {
                    end = i++;
                    break;
                }
                else
                {
                    if (!plain)
                    {
                        escaped.Append(text[i]);
                    }

                    i++;
                }
            }

            // Most lexemes hold no quote nor backslash: read in place (the closing quote excluded).
            var lexeme = plain ? lexemes.Get(text.AsSpan(start, end - start)) : lexemes.Get(escaped.ToString());
            positions.Clear();
            if (i < text.Length && text[i] == ':')
            {
                i++;
                while (i < text.Length && text[i] != ' ')
                {
                    var number = 0;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        number = (number * 10) + (text[i++] - '0');
                    }

                    var weight = 0;
                    if (i < text.Length && text[i] is >= 'A' and <= 'D')
                    {
                        weight = 'D' - text[i++];
                    }

                    positions.Add((number << 2) | weight);
                    if (i < text.Length && text[i] == ',')
                    {
                        i++;
                    }
                }
            }

            tokens.Add((lexeme, 0, [.. positions]));
        }

        return new IndexRow(id, 0, tokens);
    }

    /// <summary>At a lexeme's first escape, what came before it is copied into the builder, which takes the rest.</summary>
    private static System.Text.StringBuilder Unescape(ref bool plain, System.Text.StringBuilder escaped, string text, int start, int at)
    {
        if (plain)
        {
            escaped.Append(text, start, at - start);
            plain = false;
        }

        return escaped;
    }

    private static ReadModelSnapshot Rebuild(ReadModelSnapshot previous, HashSet<int> changed, List<ReadModelDoc> loaded, List<IndexRow> index, long version, long sequence)
    {
        var postgres = previous.Postgres;
        var docs = previous.Docs.Where(d => !changed.Contains(d.Id)).Concat(loaded).OrderBy(d => d.Id).ToArray();
        var newIndex = new Dictionary<int, int>(docs.Length);
        for (var i = 0; i < docs.Length; i++)
        {
            newIndex[docs[i].Id] = i;
        }

        var lists = new Dictionary<string, List<Posting>>(previous.Tokens.Length + 64, StringComparer.Ordinal);
        var pool = new List<int>(previous.Positions.Length + 1024);
        for (var t = 0; t < previous.Tokens.Length; t++)
        {
            var list = new List<Posting>(previous.Postings[t].Length);
            foreach (var posting in previous.Postings[t])
            {
                var id = previous.Docs[posting.Doc].Id;
                if (changed.Contains(id) || !newIndex.TryGetValue(id, out var at))
                {
                    continue;
                }

                list.Add(new Posting(at, postgres ? CopyPositions(previous.Positions, posting.Data, pool) : posting.Data));
            }

            if (list.Count > 0)
            {
                lists[previous.Tokens[t]] = list;
            }
        }

        var appended = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in index)
        {
            if (!newIndex.TryGetValue(row.Id, out var at))
            {
                continue;
            }

            docs[at].Indexed = true;
            docs[at].Length = row.Length;
            foreach (var (token, data, positions) in row.Tokens)
            {
                if (!lists.TryGetValue(token, out var list))
                {
                    lists[token] = list = [];
                }

                var value = data;
                if (positions is not null)
                {
                    value = pool.Count;
                    pool.Add(positions.Length);
                    pool.AddRange(positions);
                }

                list.Add(new Posting(at, value));
                appended.Add(token);
            }
        }

        var tokens = lists.Keys.Order(StringComparer.Ordinal).ToArray();
        var postings = new Posting[tokens.Length][];
        for (var t = 0; t < tokens.Length; t++)
        {
            var array = lists[tokens[t]].ToArray();
            // Kept postings stay in order (the structures keep theirs); appended ones are sorted in.
            if (appended.Contains(tokens[t]))
            {
                Array.Sort(array, (a, b) => a.Doc.CompareTo(b.Doc));
            }

            postings[t] = array;
        }

        var indexed = docs.Where(d => d.Indexed).ToList();
        return new ReadModelSnapshot
        {
            Version = version,
            Sequence = sequence,
            Postgres = postgres,
            Docs = docs,
            Tokens = tokens,
            Postings = postings,
            Positions = [.. pool],
            IndexedCount = indexed.Count,
            TotalLength = indexed.Sum(d => (long)d.Length),
        };
    }

    private static int CopyPositions(int[] from, int offset, List<int> pool)
    {
        var at = pool.Count;
        var count = from[offset];
        pool.Add(count);
        for (var i = 1; i <= count; i++)
        {
            pool.Add(from[offset + i]);
        }

        return at;
    }
}
