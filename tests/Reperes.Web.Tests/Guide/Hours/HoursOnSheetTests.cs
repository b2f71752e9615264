using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Hours;

/// <summary>"Open now" and temporary notices as a person sees them on a sheet and in results, at chosen moments.</summary>
public sealed class HoursOnSheetTests
{
    private static async Task<ReperesApp> AppWithStructureAsync(string engine, string hours, Func<Structure, Notice>? notice = null)
    {
        var app = new ReperesApp(engine, demoData: false);
        _ = app.Server;
        await app.WithDbAsync(async db =>
        {
            var category = db.Categories.First(c => c.Code == "repas");
            var structure = new Structure("test-hours", "Restaurant solidaire test", StructureKind.Association, app.Clock.Now);
            structure.Describe("Restaurant solidaire test", StructureKind.Association, "Repas chauds", "", []);
            structure.LocateAt(new Address("1 rue de Siam", "29200", "Brest", "29019", 48.39, -4.49));
            structure.SetReception(true, ["fr"], hours, null);
            var service = new Service(structure, category, "Repas");
            service.Describe(category, "Repas", "", []);
            structure.Services.Add(service);
            if (notice is not null)
            {
                structure.Notices.Add(notice(structure));
            }

            structure.PutOnline(app.Clock.Now);
            db.Structures.Add(structure);
            await db.SaveChangesAsync();
            await app.Services.GetRequiredService<SearchIndex>().IndexAsync(db, [structure.Id]);
            return structure.Id;
        });
        app.Services.GetRequiredService<CommuneDirectory>().Invalidate();
        return app;
    }

    private static async Task<string> BadgeAtAsync(ReperesApp app, DateTimeOffset at)
    {
        app.Clock.Now = at;
        var (_, page) = await app.CreateClient().GetPageAsync("/structure/test-hours");
        return page.QuerySelector("p.badge")!.TextContent.Trim();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sheet_WeekdayHoursWithPublicHolidaysOff_ShowsTheRightStateAtEachMoment(string engine)
    {
        await using var app = await AppWithStructureAsync(engine, "Mo-Fr 09:00-12:00,14:00-17:30; PH off");

        (await BadgeAtAsync(app, new DateTimeOffset(2027, 7, 14, 10, 0, 0, TimeSpan.FromHours(2)))).ShouldStartWith("Fermé");
        (await BadgeAtAsync(app, new DateTimeOffset(2027, 3, 29, 10, 0, 0, TimeSpan.FromHours(2)))).ShouldStartWith("Fermé");
        (await BadgeAtAsync(app, new DateTimeOffset(2027, 3, 30, 10, 0, 0, TimeSpan.FromHours(2)))).ShouldBe("Ouvert · ferme à 12:00");
        (await BadgeAtAsync(app, new DateTimeOffset(2027, 3, 30, 12, 30, 0, TimeSpan.FromHours(2)))).ShouldBe("Fermé · ouvre à 14:00");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sheet_TemporaryClosure_ShowsBeforeAppliesDuringAndDisappearsAfter(string engine)
    {
        var start = new DateOnly(2026, 12, 1);
        await using var app = await AppWithStructureAsync(engine, "Mo-Su 09:00-18:00",
            s => new Notice(s, null, NoticeKind.Closure, start, start.AddDays(9), "Travaux", null));
        var client = app.CreateClient();

        app.Clock.Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
        var (_, before) = await client.GetPageAsync("/structure/test-hours");
        before.QuerySelector("p.badge")!.TextContent.ShouldStartWith("Ouvert");
        before.QuerySelector("p.alert")!.TextContent.ShouldStartWith("Fermé à partir du 1 décembre");

        app.Clock.Now = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(1));
        var (_, during) = await client.GetPageAsync("/structure/test-hours");
        during.QuerySelector("p.badge")!.TextContent.ShouldStartWith("Fermé jusqu’au 10 décembre");
        var openNow = await client.GetStringAsync("/api/v1/search?open=now");
        openNow.ShouldContain("\"total\":0");

        app.Clock.Now = new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.FromHours(1));
        var (_, after) = await client.GetPageAsync("/structure/test-hours");
        after.QuerySelector("p.badge")!.TextContent.ShouldStartWith("Ouvert");
        after.QuerySelector("p.alert").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Results_ExceptionalHours_ReplaceTheRegularOnesWithinTheirDates(string engine)
    {
        var start = new DateOnly(2026, 11, 23);
        await using var app = await AppWithStructureAsync(engine, "Mo-Fr 09:00-12:00",
            s => new Notice(s, null, NoticeKind.ExceptionalHours, start, start.AddDays(6), "Horaires d’hiver", "Mo-Fr 14:00-16:00"));
        var client = app.CreateClient();

        app.Clock.Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
        (await client.GetStringAsync("/api/v1/search?open=now")).ShouldContain("\"total\":0");
        app.Clock.Now = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.FromHours(1));
        (await client.GetStringAsync("/api/v1/search?open=now")).ShouldContain("\"total\":1");
        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
        (await client.GetStringAsync("/api/v1/search?open=now")).ShouldContain("\"total\":1");
    }
}
