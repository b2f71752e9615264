using Npgsql;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// The database engines every integration test runs on. SQLite always; PostgreSQL when REPERES_TEST_POSTGRES
/// gives a server (a connection string without database), and always under CI, where its absence is a failure.
/// </summary>
public static class Engines
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";
    public const string PostgresVariable = "REPERES_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PostgresServer is not null || IsCi)
            {
                data.Add(PostgreSql);
            }

            return data;
        }
    }

    /// <summary>Creates an empty database on the PostgreSQL test server and returns its connection string.</summary>
    public static string CreatePostgresDatabase(out string name)
    {
        name = NewPostgresDatabaseName();
        CreatePostgresDatabase(name, template: null);
        return PostgresConnectionString(name);
    }

    public static string NewPostgresDatabaseName() => "reperes_test_" + Guid.NewGuid().ToString("N")[..12];

    public static string PostgresConnectionString(string name)
    {
        var server = PostgresServer ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set: the PostgreSQL leg of the suite is required under CI (see .ci/run).");
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Creates database <paramref name="name"/>, empty or as a copy of <paramref name="template"/> (which no session may hold).</summary>
    public static void CreatePostgresDatabase(string name, string? template)
    {
        using var connection = new NpgsqlConnection(PostgresServer ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set: the PostgreSQL leg of the suite is required under CI (see .ci/run)."));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        command.ExecuteNonQuery();
    }

    public static void DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
