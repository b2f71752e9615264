using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Freshness;

/// <summary>What the fresh data tests share: the demo's managers, and running the reminders at the app's clock.</summary>
public static class FreshnessTestData
{
    public const string Ozanam = "halte-accueil-ozanam";
    public const string Restos = "restos-du-coeur-brest";
    public const string OzanamManager = "gestion.ozanam@demo.reperes.example";
    public const string RestosManager = "gestion.restos@demo.reperes.example";

    public static async Task<ReminderRun> RunRemindersAsync(ReperesApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendAsync(app.Clock.GetUtcNow());
    }

    public static Task<DateTimeOffset> DueAtAsync(ReperesApp app, string slug) =>
        app.WithDbAsync(async db => FreshnessRules.DueAt(await db.Structures.AsNoTracking().SingleAsync(s => s.Slug == slug)));

    public static IReadOnlyList<Mail> RemindersTo(ReperesApp app, string email) =>
        Mailbox.To(app, email).Where(m => m.Subject.Contains("sont-elles toujours à jour", StringComparison.Ordinal)).ToList();

    /// <summary>The path and query of the update link of a mail.</summary>
    public static string LinkOf(Mail mail) =>
        new Uri(System.Text.RegularExpressions.Regex.Match(mail.Body, @"https?://\S+/mise-a-jour\?code=[A-Za-z0-9_-]+").Value).PathAndQuery;
}
