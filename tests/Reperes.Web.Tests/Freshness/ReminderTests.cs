using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Freshness;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Freshness.FreshnessTestData;

namespace Reperes.Web.Tests.Freshness;

public sealed class ReminderTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SendReminders_ClockMovedForward_EachDueStructureGetsExactlyOneReminderPerStep(string engine)
    {
        await using var app = new ReperesApp(engine);
        var ozanamDue = await DueAtAsync(app, Ozanam);
        var restosDue = await DueAtAsync(app, Restos);
        restosDue.ShouldBeGreaterThan(ozanamDue.AddDays(30), "the demo: Ozanam due first, the Restos much later");

        // Before any due date: nothing.
        app.Clock.Now = ozanamDue.AddDays(-1);
        (await RunRemindersAsync(app)).Sent.ShouldBe(0);

        // Ozanam is due: one reminder, to its manager only (not its editor); a second run sends none.
        app.Clock.Now = ozanamDue.AddHours(1);
        var first = await RunRemindersAsync(app);
        first.Sent.ShouldBe(1);
        first.Emails.ShouldBe(1);
        first.WithoutManager.ShouldBe(first.Due - 1, "the other due demo structures have nobody to remind");
        (await RunRemindersAsync(app)).Sent.ShouldBe(0);
        RemindersTo(app, OzanamManager).Count.ShouldBe(1);
        RemindersTo(app, "redaction.ozanam@demo.reperes.example").ShouldBeEmpty();
        RemindersTo(app, RestosManager).ShouldBeEmpty();

        // Unanswered: again after 7 days, then 14 more (21), then 28 more (49): the interval grows.
        var sentAt = new List<int>();
        for (var day = 1; day <= 60; day++)
        {
            app.Clock.Now = ozanamDue.AddDays(day).AddHours(1);
            if ((await RunRemindersAsync(app)).Sent > 0)
            {
                sentAt.Add(day);
            }
        }

        sentAt.Where(d => d <= 50).ShouldBe([7, 21, 49]);
        RemindersTo(app, OzanamManager).Count.ShouldBe(1 + sentAt.Count);
        var reminder = RemindersTo(app, OzanamManager)[0];
        reminder.Subject.ShouldBe("Repères : les informations de « Halte Accueil Frédéric Ozanam » sont-elles toujours à jour ?");
        reminder.Body.ShouldContain("/mise-a-jour?code=");
        reminder.Body.ShouldContain("valable 30 jours");
        reminder.Body.ShouldContain("Les rappels s’arrêtent dès que la fiche est confirmée");
        reminder.Body.ShouldContain("/mon-espace/structure/halte-accueil-ozanam/quitter");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SendReminders_StructureAnswered_StopsUntilTheNextDueDate(string engine)
    {
        await using var app = new ReperesApp(engine);
        var due = await DueAtAsync(app, Ozanam);
        app.Clock.Now = due.AddHours(1);
        (await RunRemindersAsync(app)).Sent.ShouldBe(1);

        // The manager confirms with the link: no more reminders for six months (the Restos get theirs meanwhile).
        var client = app.CreateBrowserLikeClient();
        var link = LinkOf(RemindersTo(app, OzanamManager).Single());
        (await client.PostFormAsync(link, new() { ["section"] = "tout" })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        for (var day = 1; day < 180; day += 3)
        {
            app.Clock.Now = due.AddDays(day);
            await RunRemindersAsync(app);
            RemindersTo(app, OzanamManager).Count.ShouldBe(1, $"day {day}");
        }

        // Six months after the confirmation, a new cycle starts.
        app.Clock.Now = due.AddHours(1).AddMonths(6).AddDays(1);
        await RunRemindersAsync(app);
        RemindersTo(app, OzanamManager).Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ReminderJob_RunAtTheApplicationsClock_SendsWhatIsDueOnce(string engine)
    {
        await using var app = new ReperesApp(engine);
        app.Clock.Now = (await DueAtAsync(app, Restos)).AddMinutes(5);
        var job = app.Services.GetRequiredService<ReminderJob>();

        var run = await job.RunOnceAsync(CancellationToken.None);
        var again = await job.RunOnceAsync(CancellationToken.None);

        run.Sent.ShouldBe(2, "Ozanam (due earlier, first step) and the Restos");
        again.Sent.ShouldBe(0);
        RemindersTo(app, RestosManager).Count.ShouldBe(1);
        (await app.WithDbAsync(db => db.Reminders.CountAsync())).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SendReminders_ServiceWithAShorterFrequency_MakesTheSheetDueSooner(string engine)
    {
        await using var app = new ReperesApp(engine);
        (await DueAtAsync(app, Restos)).ShouldBeGreaterThan(app.Clock.GetUtcNow(), "the Restos' sheet itself is not due");
        await RunRemindersAsync(app);
        RemindersTo(app, RestosManager).ShouldBeEmpty();

        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.Include(s => s.Services).SingleAsync(s => s.Slug == Restos);
            structure.Services[0].SetUpdateFrequency(1);
            return await db.SaveChangesAsync();
        });
        await RunRemindersAsync(app);

        RemindersTo(app, RestosManager).ShouldHaveSingleItem().Body.ShouldContain("plus de 1 mois");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(6, 0)]
    [InlineData(7, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(49, 3)]
    [InlineData(105, 4)]
    [InlineData(161, 5)]
    public void CurrentStep_DaysAfterTheDueDate_FollowsTheGrowingIntervals(int days, int step)
    {
        var due = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero);

        ReminderSchedule.CurrentStep(due, due.AddDays(days)).ShouldBe(step);
        ReminderSchedule.CurrentStep(due, due.AddSeconds(-1)).ShouldBeNull();
    }
}
