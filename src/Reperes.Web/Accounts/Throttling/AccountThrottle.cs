using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts.Throttling;

/// <summary>
/// How many attempts the account throttles allow (Reperes__Accounts__…). The windows are fixed: a quarter of an hour
/// for logins and for the messages to one address, an hour for the messages asked from one client address.
/// </summary>
public sealed class AccountThrottleOptions
{
    public const string Section = "Reperes:Accounts";

    /// <summary>Wrong passwords for one e-mail address within 15 minutes before it is refused for the rest of them (known or unknown address alike).</summary>
    public int LoginFailuresPerAccount { get; set; } = 5;

    /// <summary>Wrong passwords from one client address within 15 minutes, whatever the e-mail, before it waits.</summary>
    public int LoginFailuresPerClient { get; set; } = 20;

    /// <summary>Password-reset messages to one e-mail address within 15 minutes.</summary>
    public int ResetMailsPerAccount { get; set; } = 1;

    /// <summary>Password-reset messages asked from one client address within an hour.</summary>
    public int ResetMailsPerClient { get; set; } = 5;
}

/// <summary>
/// Counts attempts in the database (<see cref="ThrottleEvent"/>), so that every instance sees the same counts: a
/// sliding window per rule and key (an e-mail address or a client address).
/// </summary>
public sealed class AccountThrottle(ReperesDbContext db, TimeProvider clock, IOptions<AccountThrottleOptions> options)
{
    /// <summary>Taken by every instance before counting and adding reset requests (PostgreSQL), so that two at once do not both pass.</summary>
    private const long ResetLockId = 0x52_65_70_27;

    public (int Limit, TimeSpan Window) LimitOf(ThrottleRule rule) => rule switch
    {
        ThrottleRule.LoginFailureForAccount => (options.Value.LoginFailuresPerAccount, TimeSpan.FromMinutes(15)),
        ThrottleRule.LoginFailureFromClient => (options.Value.LoginFailuresPerClient, TimeSpan.FromMinutes(15)),
        ThrottleRule.ResetForAccount => (options.Value.ResetMailsPerAccount, TimeSpan.FromMinutes(15)),
        ThrottleRule.ResetFromClient => (options.Value.ResetMailsPerClient, TimeSpan.FromHours(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>The client's address as counted: IPv4 whole, IPv6 by its /64 network (one subscriber's usual share).</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => new IPAddress([.. v6.GetAddressBytes()[..8], .. new byte[8]]).ToString() + "/64",
        var address => address.ToString(),
    };

    /// <summary>An e-mail address as counted: the same whatever its case or spaces around it.</summary>
    public static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    /// <summary>How long until the next attempt is allowed, or null when it is allowed now.</summary>
    public async Task<TimeSpan?> WaitBeforeNextAsync(ThrottleRule rule, string key, CancellationToken cancellationToken)
    {
        var (limit, window) = LimitOf(rule);
        var now = clock.GetUtcNow();
        var hash = Hash(rule, key);
        var since = now - window;

        // The limit-th most recent attempt in the window: once it leaves the window, one more is allowed.
        var oldestCounted = await db.ThrottleEvents.Where(e => e.KeyHash == hash && e.OccurredAt > since)
            .OrderByDescending(e => e.OccurredAt).Skip(limit - 1).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        return oldestCounted is { } at ? at + window - now : null;
    }

    /// <summary>Counts one attempt under each rule.</summary>
    public async Task RecordAsync(IEnumerable<(ThrottleRule Rule, string Key)> attempts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.ThrottleEvents.AddRange(attempts.Select(a => new ThrottleEvent(a.Rule, Hash(a.Rule, a.Key), now)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Counts one attempt under each rule if none of them is at its limit, atomically across instances; false (and
    /// nothing counted) otherwise.
    /// </summary>
    public async Task<bool> TryTakeAsync(IReadOnlyList<(ThrottleRule Rule, string Key)> attempts, CancellationToken cancellationToken)
    {
        // SQLite: the transaction begins IMMEDIATE, so writers take turns; PostgreSQL: an advisory lock until commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ResetLockId})", cancellationToken);
        }

        foreach (var (rule, key) in attempts)
        {
            if (await WaitBeforeNextAsync(rule, key, cancellationToken) is not null)
            {
                return false;
            }
        }

        await RecordAsync(attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Forgets the attempts counted for a key (a password that worked, or was reset, ends its account's failures).</summary>
    public Task ForgetAsync(ThrottleRule rule, string key, CancellationToken cancellationToken)
    {
        var hash = Hash(rule, key);
        return db.ThrottleEvents.Where(e => e.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The key as stored: neither the e-mail nor the client address is kept in clear.</summary>
    private static string Hash(ThrottleRule rule, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}:{key}")));
}

/// <summary>Deletes counted attempts older than a day, every hour (on any instance: deleting twice does no harm).</summary>
public sealed class ThrottleSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ThrottleSweeper> logger) : PeriodicJob(logger)
{
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Deletes what is older than <see cref="Kept"/>; returns how many attempts were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var before = clock.GetUtcNow() - Kept;
        return await db.ThrottleEvents.Where(e => e.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);
}
