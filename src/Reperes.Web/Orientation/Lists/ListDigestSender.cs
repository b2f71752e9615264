using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists;

/// <summary>The weekly digest's job (Reperes__ListDigests__…).</summary>
public sealed class ListDigestOptions
{
    public const string Section = "Reperes:ListDigests";

    /// <summary>Run the job inside the application (on by default; the tests turn it off, a cron can use send-list-digests instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between two runs (the digest itself goes once a week).</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>What one run of the digests did.</summary>
public sealed record ListDigestRun(DateOnly Week, int Subscribers, int Mailed, int WithoutChanges, int AlreadyDone);

/// <summary>The signed link that stops the digest without signing in (the account's id, protected by the site's keys).</summary>
public sealed class DigestUnsubscribe(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Reperes.Lists.DigestUnsubscribe");

    public string Token(string userId) => protector.Protect(userId);

    /// <summary>The account of a token, or null for anything altered or foreign.</summary>
    public string? UserIdOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Sends the weekly digest of changes in their lists to the professionals who asked for it: from Monday 8:00 (Paris)
/// on, once per person and week (a row unique per person and week is written before the mail, so that runs that
/// overlap, on several instances or by the admin command, never send two), the changes since their previous digest
/// (a week back the first time, two weeks at most). No change, no mail (the week is still done).
/// </summary>
public sealed class ListDigestSender(
    ReperesDbContext db,
    ListChanges listChanges,
    DigestUnsubscribe unsubscribe,
    IMailer mailer,
    IOptions<ReperesOptions> options,
    ILogger<ListDigestSender> logger)
{
    /// <summary>How far back a digest looks at most.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(14);

    public static DateOnly WeekOf(DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
    }

    /// <summary>When the week's digest is due: its Monday at 8:00 in Paris.</summary>
    public static DateTimeOffset DueAt(DateOnly week) => ParisTime.ToInstant(week, new TimeOnly(8, 0));

    public async Task<ListDigestRun> SendAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var week = WeekOf(now);
        if (now < DueAt(week))
        {
            return new ListDigestRun(week, 0, 0, 0, 0);
        }

        var subscribers = await db.ListWatches.AsNoTracking()
            .Where(w => w.Digest)
            .Join(db.Users, w => w.UserId, u => u.Id, (w, u) => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var ids = subscribers.Select(s => s.Id).ToList();
        var done = (await db.ListDigests.AsNoTracking().Where(d => d.Week == week && ids.Contains(d.UserId)).Select(d => d.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var previous = (await db.ListDigests.AsNoTracking()
                .Where(d => ids.Contains(d.UserId))
                .Select(d => new { d.UserId, d.SentAt })
                .ToListAsync(cancellationToken))
            .GroupBy(d => d.UserId)
            .ToDictionary(g => g.Key, g => g.Max(d => d.SentAt));
        var staffRoles = await db.Roles.Where(r => r.Name == NetworkRoles.Coordinator || r.Name == NetworkRoles.Moderator).Select(r => r.Id).ToListAsync(cancellationToken);

        var baseUrl = options.Value.BaseUrlOutsideRequests(logger, "the digests");
        int mailed = 0, withoutChanges = 0;
        foreach (var subscriber in subscribers.Where(s => !done.Contains(s.Id)))
        {
            // Lists are a professional's: an account that no longer is one gets nothing.
            if (subscriber.Email is null
                || !(await ProfessionalAccess.IsProfessionalAsync(db, subscriber.Id, cancellationToken)
                     || await db.UserRoles.AnyAsync(r => r.UserId == subscriber.Id && staffRoles.Contains(r.RoleId), cancellationToken)))
            {
                continue;
            }

            // Since the previous digest, at most two weeks back (a first digest, one after a pause or a missed week).
            var since = !previous.TryGetValue(subscriber.Id, out var last) ? now.AddDays(-7)
                : last > now - MaxLookBack ? last
                : now - MaxLookBack;
            var viewer = await ListAccess.ViewerAsync(db, subscriber.Id, cancellationToken);
            var changes = await listChanges.ForAsync(viewer, since, now, cancellationToken);
            db.ListDigests.Add(new ListDigest(subscriber.Id, week, now, changes.Count));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run did this person's week at the same time: it sends the mail, not this one.
                db.ChangeTracker.Clear();
                continue;
            }

            if (changes.Count == 0)
            {
                withoutChanges++;
                continue;
            }

            var (subject, body) = ListDigestMail.Digest(subscriber.DisplayName, changes, since, baseUrl, unsubscribe.Token(subscriber.Id));
            if (await mailer.TrySendAsync(subscriber.Email, subject, body, cancellationToken))
            {
                mailed++;
            }
            else
            {
                logger.LogError("The digest of week {Week} could not be sent to {Email}", week, subscriber.Email);
            }
        }

        logger.LogInformation("List digests of week {Week}: {Mailed} mailed, {WithoutChanges} without changes, {Already} already done", week, mailed, withoutChanges, done.Count);
        return new ListDigestRun(week, subscribers.Count, mailed, withoutChanges, done.Count);
    }
}

/// <summary>Runs the digests inside the application every <see cref="ListDigestOptions.IntervalMinutes"/> minutes; sending is idempotent.</summary>
public sealed class ListDigestJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ListDigestOptions> options, ILogger<ListDigestJob> logger) : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(45);

    public async Task<ListDigestRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListDigestSender>().SendAsync(clock.GetUtcNow(), cancellationToken);
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}

/// <summary>The admin subcommand send-list-digests [--as-of DATE]: one run of the weekly digests, for a cron or to catch up.</summary>
public static class SendListDigestsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var index = Array.IndexOf(args, "--as-of");
        if (index >= 0)
        {
            if (index + 1 >= args.Length || !DateOnly.TryParseExact(args[index + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync("send-list-digests: --as-of takes a date written 2027-06-01. See --help.");
                return 2;
            }

            now = ParisTime.ToInstant(day, new TimeOnly(9, 0));
        }

        var run = await services.GetRequiredService<ListDigestSender>().SendAsync(now);
        Console.WriteLine(now < ListDigestSender.DueAt(run.Week)
            ? $"The digests of the week of {run.Week:yyyy-MM-dd} go from Monday 8:00 (Paris): nothing sent."
            : $"Week of {run.Week:yyyy-MM-dd}: {run.Mailed} digests mailed, {run.WithoutChanges} subscribers without changes, {run.AlreadyDone} already done ({run.Subscribers} subscribers).");
        return 0;
    }
}
