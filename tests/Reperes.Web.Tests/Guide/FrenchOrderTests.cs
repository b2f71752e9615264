using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Tests.Data;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Guide;

/// <summary>Names in the alphabetical order French readers expect, in memory and in both databases.</summary>
public sealed class FrenchOrderTests
{
    private static readonly string[] Names =
    [
        "Violences Femmes Info – 3919", "Épicerie solidaire de Pontanézen", "épicerie étudiante", "Ecole de la deuxième chance",
        "Restos du Cœur – centre de Brest", "Restos du coeur de Landerneau", "Œuvre de la Miséricorde", "Accueil de jour", "Zénith",
        "Éveil", "evolution", "« Le Phare »", "CCAS de Brest", "Ça bouge",
    ];

    private static readonly string[] Expected =
    [
        "Accueil de jour", "Ça bouge", "CCAS de Brest", "Ecole de la deuxième chance", "épicerie étudiante", "Épicerie solidaire de Pontanézen",
        "Éveil", "evolution", "« Le Phare »", "Œuvre de la Miséricorde", "Restos du Cœur – centre de Brest", "Restos du coeur de Landerneau",
        "Violences Femmes Info – 3919", "Zénith",
    ];

    [Fact]
    public void Comparer_AccentsCaseAndPunctuation_AreIgnored()
    {
        Names.Order(FrenchOrder.Comparer).ShouldBe(Expected);
        FrenchOrder.Key("Restos du Cœur – centre de Brest").ShouldBe("restos du coeur centre de brest");
        FrenchOrder.Key("  « Le Phare » ").ShouldBe("le phare");
        FrenchOrder.Key(new string('é', 300)).Length.ShouldBe(FrenchOrder.KeyLength);
        FrenchOrder.Comparer.Compare("Épicerie", "Violences").ShouldBeLessThan(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CoordinationList_Structures_InFrenchOrderOnBothEngines(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Coordinator);

        var names = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            var (_, page) = await coordinator.GetPageAsync($"/mon-espace/coordination/structures?statut=en-ligne&page={number}");
            names.AddRange(page.QuerySelectorAll("main .results .result h2").Select(e => e.TextContent.Trim()));
        }

        names.ShouldContain("Épicerie solidaire de Pontanézen");
        names.ShouldContain("Violences Femmes Info – 3919");
        names.ShouldBe(names.Order(FrenchOrder.Comparer).ToList());
        names.IndexOf("Épicerie solidaire de Pontanézen").ShouldBeLessThan(names.IndexOf("Violences Femmes Info – 3919"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Migration_ExistingStructures_GetTheKeyTheApplicationWrites(string engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrations = DatabaseMigrator.MigrationsFor(engine == Engines.PostgreSql);
        await using (var db = database.Context())
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            foreach (var (_, sql) in migrations.Where(m => string.CompareOrdinal(m.Version, "0013") < 0))
            {
                await connection.ExecuteAsync(sql);
            }

            // Rows written before the column existed, as an older version of Repères left them.
            var id = 0;
            foreach (var name in Names)
            {
                id++;
                await InsertStructureAsync(connection, engine, id, name);
            }

            foreach (var (_, sql) in migrations.Where(m => string.CompareOrdinal(m.Version, "0013") >= 0))
            {
                await connection.ExecuteAsync(sql);
            }
        }

        await using (var db = database.Context())
        {
            var stored = await db.Structures.AsNoTracking().Select(s => new { s.Name, s.SortName }).ToListAsync();
            stored.Count.ShouldBe(Names.Length);
            stored.ShouldAllBe(s => s.SortName == FrenchOrder.Key(s.Name));
            (await db.Structures.OrderBy(s => s.SortName).ThenBy(s => s.Name).Select(s => s.Name).ToListAsync()).ShouldBe(Expected);
        }
    }

    private static Task InsertStructureAsync(DbConnection connection, string engine, int id, string name)
    {
        var now = engine == Engines.PostgreSql ? "now()" : "0";
        return connection.ExecuteAsync(
            $"""
            INSERT INTO structures (id, uid, slug, name, kind, networks, summary, description, phones, languages, status, is_demo, created_at, updated_at, update_frequency_months)
            VALUES (@id, @uid, @slug, @name, 0, '', '', '', '', '', 1, {(engine == Engines.PostgreSql ? "false" : "0")}, {now}, {now}, 6)
            """,
            new { id, uid = engine == Engines.PostgreSql ? (object)Guid.NewGuid() : Guid.NewGuid().ToString(), slug = "s" + id, name });
    }
}
