using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Reperes.Web.Data;

namespace Reperes.Web.Tests.Data;

/// <summary>
/// The application runs on each engine's compiled model (Data/CompiledModels); the entity configurations are the
/// source. When a configuration changes and the compiled models were not generated again, these tests fail: run
/// tools/compile-ef-model.sh. No database is needed: neither context opens a connection.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "The compiled EF model no longer matches the entity configurations: run tools/compile-ef-model.sh";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public void CompiledModel_ComparedWithTheConfigurations_HasTheSameTablesColumnsKeysIndexesAndNavigations(string engine)
    {
        using var configured = Context(engine, compiled: false);
        using var compiled = Context(engine, compiled: true);

        var expected = Describe(configured.GetService<IDesignTimeModel>().Model);
        var actual = Describe(compiled.Model);

        expected.Count.ShouldBeGreaterThan(400);
        // The lines that differ, not both lists: a message that names what changed.
        expected.Except(actual).ShouldBeEmpty(Regenerate);
        actual.Except(expected).ShouldBeEmpty(Regenerate);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public void CompiledModel_OfAnEngine_IsTheOneTheApplicationUses(string engine)
    {
        using var compiled = Context(engine, compiled: true);

        // A DateTimeOffset's conversion differs by engine (UTC ticks on SQLite, UTC on PostgreSQL): the model of the
        // other engine would store instants in a form its database cannot compare.
        var instant = compiled.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).First(p => p.ClrType == typeof(DateTimeOffset));
        (instant.GetTypeMapping().Converter?.ProviderClrType).ShouldBe(engine == "Sqlite" ? typeof(long) : typeof(DateTimeOffset));
    }

    /// <summary>One sorted line per table, column (type, conversion), key, foreign key, index and navigation.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var name = entity.Name;
            lines.Add($"{name} table={entity.GetTableName()} base={entity.BaseType?.Name} owned={entity.IsOwned()}");
            foreach (var property in entity.GetProperties())
            {
                var mapping = property.GetTypeMapping();
                lines.Add($"{name}.{property.Name} clr={property.ClrType} column={property.GetColumnName()} nullable={property.IsNullable} " +
                    $"store={property.GetColumnType()} converter={mapping.Converter?.GetType().FullName} provider={mapping.Converter?.ProviderClrType} " +
                    $"generated={property.ValueGenerated} concurrency={property.IsConcurrencyToken} maxLength={property.GetMaxLength()} " +
                    $"field={property.FieldInfo?.Name} shadow={property.IsShadowProperty()}");
            }

            foreach (var key in entity.GetKeys())
            {
                lines.Add($"{name} key {string.Join(",", key.Properties.Select(p => p.Name))} primary={key.IsPrimaryKey()}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                lines.Add($"{name} fk {string.Join(",", foreignKey.Properties.Select(p => p.Name))} -> {foreignKey.PrincipalEntityType.Name} " +
                    $"delete={foreignKey.DeleteBehavior} required={foreignKey.IsRequired} unique={foreignKey.IsUnique}");
            }

            foreach (var index in entity.GetIndexes())
            {
                lines.Add($"{name} index {index.GetDatabaseName()} {string.Join(",", index.Properties.Select(p => p.Name))} unique={index.IsUnique} filter={index.GetFilter()}");
            }

            foreach (var navigation in entity.GetNavigations())
            {
                lines.Add($"{name} navigation {navigation.Name} -> {navigation.TargetEntityType.Name} collection={navigation.IsCollection} field={navigation.FieldInfo?.Name}");
            }

            foreach (var navigation in entity.GetSkipNavigations())
            {
                lines.Add($"{name} skip {navigation.Name} -> {navigation.TargetEntityType.Name}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static ReperesDbContext Context(string engine, bool compiled)
    {
        var builder = new DbContextOptionsBuilder<ReperesDbContext>();
        if (engine == "Sqlite")
        {
            builder.UseSqlite("Data Source=:memory:");
            if (compiled)
            {
                builder.UseModel(Web.Data.CompiledModels.Sqlite.ReperesDbContextModel.Instance);
            }
        }
        else
        {
            builder.UseNpgsql("Host=localhost");
            if (compiled)
            {
                builder.UseModel(Web.Data.CompiledModels.PostgreSql.ReperesDbContextModel.Instance);
            }
        }

        return new ReperesDbContext(builder.Options);
    }
}
