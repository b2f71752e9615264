using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Data;

/// <summary>The hand-written migrations must produce exactly the schema of the EF model, on both engines.</summary>
public sealed class MigrationTests
{
    // Objects that only the migrations create (the search index), and the migrations' own journal.
    private static readonly string[] MigrationOnly = ["schema_migrations", "structure_search", "coordination_changes", "guide_changes", "structure_changes"];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Migrate_FreshDatabase_EqualsTheEfModel(string engine)
    {
        await using var migrated = await TestDatabase.CreateAsync(engine);
        await using var created = await TestDatabase.CreateAsync(engine);
        await using (var db = migrated.Context())
        {
            var applied = await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(db);
            applied.ShouldBe(DatabaseMigrator.MigrationsFor(engine == Engines.PostgreSql).Count);
        }

        await using (var db = created.Context())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaAsync(created);
        var actual = await SchemaAsync(migrated);

        expected.ShouldNotBeEmpty();
        actual.Where(line => !MigrationOnly.Any(line.StartsWith)).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime(string engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance);
        await using var db = database.Context();

        (await migrator.MigrateAsync(db)).ShouldBeGreaterThan(0);
        (await migrator.MigrateAsync(db)).ShouldBe(0);
        migrator.IsUpToDate.ShouldBeTrue();
    }

    /// <summary>Tables, columns (type, nullability), indexes and foreign keys, one sorted line each.</summary>
    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = database.Engine == Engines.PostgreSql ? await PostgresSchemaAsync(connection) : await SqliteSchemaAsync(connection);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> SqliteSchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = (await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'structure_search%'")).ToList();
        foreach (var table in tables)
        {
            foreach (var column in await connection.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info(\"{table}\")"))
            {
                lines.Add($"{table} column {column.Name} {column.Type} notnull={column.NotNull} pk={column.Pk}");
            }

            foreach (var index in await connection.QueryAsync<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list(\"{table}\")"))
            {
                var columns = await connection.QueryAsync<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info(\"{index.Name}\")");
                lines.Add($"{table} index {index.Name} unique={index.Unique} ({string.Join(',', columns.Select(c => c.Name))})");
            }

            foreach (var fk in await connection.QueryAsync<(long Id, long Seq, string Table, string From, string To, string OnUpdate, string OnDelete, string Match)>($"PRAGMA foreign_key_list(\"{table}\")"))
            {
                lines.Add($"{table} fk {fk.From} -> {fk.Table}.{fk.To} on delete {fk.OnDelete}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> PostgresSchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await connection.QueryAsync<(string Table, string Column, string Type, string Nullable, int? Length, string? Default)>(
            """
            SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, column_default
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
        {
            lines.Add($"{c.Table} column {c.Column} {c.Type}({c.Length}) nullable={c.Nullable} default={c.Default}");
        }

        foreach (var i in await connection.QueryAsync<(string Table, string Name, string Definition)>(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"{i.Table} index {i.Name} {i.Definition}");
        }

        foreach (var f in await connection.QueryAsync<(string Table, string Name, string Definition)>(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.contype IN ('f', 'p', 'u')
            """))
        {
            lines.Add($"{f.Table} constraint {f.Name} {f.Definition}");
        }

        return lines;
    }
}

/// <summary>An empty database of the given engine, outside any application.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? postgresName;
    private readonly string? sqliteFile;

    private TestDatabase(string engine, string connectionString, string? postgresName, string? sqliteFile)
    {
        Engine = engine;
        ConnectionString = connectionString;
        this.postgresName = postgresName;
        this.sqliteFile = sqliteFile;
    }

    public string Engine { get; }

    public string ConnectionString { get; }

    public static Task<TestDatabase> CreateAsync(string engine)
    {
        if (engine == Engines.PostgreSql)
        {
            var connectionString = Engines.CreatePostgresDatabase(out var name);
            return Task.FromResult(new TestDatabase(engine, connectionString, name, null));
        }

        var file = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return Task.FromResult(new TestDatabase(engine, $"Data Source={file}", null, file));
    }

    public ReperesDbContext Context()
    {
        var builder = new DbContextOptionsBuilder<ReperesDbContext>();
        if (Engine == Engines.PostgreSql)
        {
            builder.UseNpgsql(ConnectionString);
        }
        else
        {
            builder.UseSqlite(ConnectionString);
        }

        return new ReperesDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        if (postgresName is not null)
        {
            Engines.DropPostgresDatabase(postgresName);
        }

        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(sqliteFile);
        }

        return ValueTask.CompletedTask;
    }
}
