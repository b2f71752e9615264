using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>The helper the moderation queue filters with: who moderates which structures.</summary>
public sealed class ModeratorScopesTests
{
    private static Task<string> UserIdAsync(ReperesDbContext db, string email) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

    private static Task<int> StructureIdAsync(ReperesDbContext db, string slug) => db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task StructuresModeratedBy_DependsOnRoleAndScopes(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var coordinator = await UserIdAsync(db, "coordination@demo.reperes.example");
            var moderator = await UserIdAsync(db, "moderation@demo.reperes.example");
            var manager = await UserIdAsync(db, "gestion.ozanam@demo.reperes.example");
            var shelter = await db.Needs.Where(n => n.Code == "avoir-un-toit").Select(n => n.Id).SingleAsync();
            var pointJustice = await StructureIdAsync(db, "point-justice-brest");

            (await ModeratorScopes.StructuresModeratedByAsync(db, coordinator)).ShouldBeNull();
            (await ModeratorScopes.StructuresModeratedByAsync(db, moderator)).ShouldBeNull();
            (await (await ModeratorScopes.StructuresModeratedByAsync(db, manager))!.CountAsync()).ShouldBe(0);
            (await ModeratorScopes.CanModerateAsync(db, manager, pointJustice)).ShouldBeFalse();

            db.ModeratorScopes.AddRange(ModeratorScope.ForNeed(moderator, shelter), ModeratorScope.ForStructure(moderator, pointJustice));
            await db.SaveChangesAsync();
            var scoped = (await ModeratorScopes.StructuresModeratedByAsync(db, moderator)).ShouldNotBeNull();

            // Usable as a filter inside another query, evaluated by the database.
            var slugs = await db.Structures.Where(s => scoped.Contains(s.Id)).Select(s => s.Slug).ToListAsync();
            var sheltering = await db.Services.Where(v => v.Category.NeedId == shelter).Select(v => v.Structure.Slug).Distinct().ToListAsync();
            sheltering.ShouldNotBeEmpty();
            slugs.ShouldBe(sheltering.Append("point-justice-brest").Distinct(), ignoreOrder: true);
            slugs.ShouldNotContain("halte-accueil-ozanam");
            (await ModeratorScopes.CanModerateAsync(db, moderator, await StructureIdAsync(db, "halte-accueil-ozanam"))).ShouldBeFalse();
            (await ModeratorScopes.CanModerateAsync(db, coordinator, await StructureIdAsync(db, "halte-accueil-ozanam"))).ShouldBeTrue();
            return true;
        });
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Scope_WithBothOrNeitherTarget_IsRefusedByTheDatabase(string engine)
    {
        await using var app = new ReperesApp(engine);
        var moderator = await app.WithDbAsync(db => UserIdAsync(db, "moderation@demo.reperes.example"));

        var both = await app.WithDbAsync(db => Should.ThrowAsync<System.Data.Common.DbException>(async () =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO moderator_scopes (user_id, need_id, structure_id) VALUES ({moderator}, {1}, {1})");
        }));
        var neither = await app.WithDbAsync(db => Should.ThrowAsync<System.Data.Common.DbException>(async () =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO moderator_scopes (user_id, need_id, structure_id) VALUES ({moderator}, NULL, NULL)");
        }));

        both.Message.ShouldContain("ck_moderator_scopes_one_target", Case.Insensitive);
        neither.Message.ShouldContain("ck_moderator_scopes_one_target", Case.Insensitive);
        (await app.WithDbAsync(db => db.ModeratorScopes.CountAsync())).ShouldBe(0);
    }
}
