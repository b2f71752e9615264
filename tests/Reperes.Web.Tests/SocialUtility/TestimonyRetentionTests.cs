using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.SocialUtility;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.SocialUtility;

public sealed class TestimonyRetentionTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RunOnce_TestimonyPastItsDate_IsErasedWithItsCodingAndRecording(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(73));
        var at = app.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(ReperesApp.DefaultNow.Date);
        var recordings = app.Services.GetRequiredService<TestimonyRecordings>();
        var oldRecording = await recordings.SaveAsync(new CheckedRecording(() => new MemoryStream([1, 2, 3]), "audio/mpeg", ".mp3"), default);
        var keptRecording = await recordings.SaveAsync(new CheckedRecording(() => new MemoryStream([4, 5, 6]), "audio/mpeg", ".mp3"), default);
        var (expiredId, lastDayId, criterionId) = await app.WithDbAsync(async db =>
        {
            var structureId = await db.Structures.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var framework = new Framework(structureId, "Référentiel", null, null, at);
            var criterion = framework.AddDimension("Estime de soi", null, at).AddCriterion("Confiance", "Osent-ils ?", null);
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync();
            var action = new EvaluatedAction(structureId, framework.Id, "Atelier", null, at);
            var period = action.OpenPeriod("2025", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
            db.EvaluatedActions.Add(action);
            await db.SaveChangesAsync();
            var expired = new Testimony(structureId, action.Id, period.Id, "Mireille", "J’ose aller à la mairie", TestimonyConsent.Public,
                today.AddDays(-1), new DateOnly(2025, 3, 1), "Anne", "u", at);
            expired.AttachRecording(oldRecording, "audio/mpeg");
            expired.Code(criterion.Id, CodingPolarity.Positive, "J’ose");
            var lastDay = new Testimony(structureId, action.Id, period.Id, "Paul", "Je connais du monde", TestimonyConsent.Internal,
                today, new DateOnly(2025, 3, 1), "Anne", "u", at);
            lastDay.AttachRecording(keptRecording, "audio/mpeg");
            db.Testimonies.AddRange(expired, lastDay);
            await db.SaveChangesAsync();
            return (expired.Id, lastDay.Id, criterion.Id);
        });

        var erased = await app.Services.GetRequiredService<TestimonyRetention>().RunOnceAsync(default);

        erased.ShouldBe(1);
        await app.WithDbAsync(async db =>
        {
            (await db.Testimonies.Select(t => t.Id).ToListAsync()).ShouldBe([lastDayId]);
            (await db.TestimonyCodings.AnyAsync(c => c.TestimonyId == expiredId)).ShouldBeFalse();
            (await db.FrameworkCriteria.AnyAsync(c => c.Id == criterionId)).ShouldBeTrue();
            return 0;
        });
        recordings.PathOf(oldRecording).ShouldBeNull();
        recordings.PathOf(keptRecording).ShouldNotBeNull();
        (await app.Services.GetRequiredService<TestimonyRetention>().RunOnceAsync(default)).ShouldBe(0);
    }
}
