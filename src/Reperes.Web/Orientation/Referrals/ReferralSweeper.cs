using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>What one run did.</summary>
public sealed record ReferralSweep(int Reminded, int Expired, int Erased, int OrphanFiles = 0);

/// <summary>
/// Moves requests on with time: a reminder to the structure after ten days without an answer (once), expiry after
/// thirty days (the professional told), erasure of the personal data of requests closed for longer than the
/// retention. Idempotent and safe with several instances: each request changes through its state machine and its
/// version (a concurrency token), so of two runs at once only one saves a transition, and only the one that saved
/// sends its e-mail.
/// </summary>
public sealed class ReferralSweeper(
    ReperesDbContext db,
    ReferralNotifier notifier,
    ReferralDocuments documents,
    IOptions<ReferralOptions> referralOptions,
    IOptions<ReperesOptions> options,
    ILogger<ReferralSweeper> logger)
{
    public async Task<ReferralSweep> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var baseUrl = options.Value.BaseUrlOutsideRequests(logger, "the referral reminders");
        var reminded = 0;
        var expired = 0;
        var erased = 0;

        var remindBefore = now - Referral.RemindAfter;
        var expireBefore = now - Referral.ExpiresAfter;
        var toRemind = await db.Referrals.Where(r => r.State == ReferralState.Sent && r.RemindedAt == null && r.SentAt <= remindBefore && r.SentAt > expireBefore)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in toRemind)
        {
            if (await TransitionAsync(id, r => r.State == ReferralState.Sent && r.RemindedAt is null ? r.Remind(now) : null, cancellationToken) is { } step)
            {
                reminded++;
                await notifier.RemindedAsync(step.Referral, await StructureNameAsync(step.Referral.StructureId, cancellationToken), step.Token!, baseUrl, cancellationToken);
            }
        }

        var toExpire = await db.Referrals.Where(r => r.State == ReferralState.Sent && r.SentAt <= expireBefore)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in toExpire)
        {
            if (await TransitionAsync(id, r => { if (r.State == ReferralState.Sent) { r.Expire(now); return ""; } return null; }, cancellationToken) is { } step)
            {
                expired++;
                await notifier.ProfessionalToldAsync(step.Referral, await StructureNameAsync(step.Referral.StructureId, cancellationToken), baseUrl, cancellationToken);
            }
        }

        var eraseBefore = now.AddMonths(-referralOptions.Value.Retention);
        var toErase = await db.Referrals
            .Where(r => r.ErasedAt == null && r.State != ReferralState.Sent
                && ((r.DecidedAt != null && r.DecidedAt <= eraseBefore) || (r.DecidedAt == null && r.ExpiredAt != null && r.ExpiredAt <= eraseBefore)))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in toErase)
        {
            string? file = null;
            if (await TransitionAsync(id, r => { if (r.IsClosed && !r.IsErased) { file = r.DocumentFile; r.Erase(now); return ""; } return null; }, cancellationToken) is not null)
            {
                erased++;
                documents.Delete(file);
            }
        }

        // A file no request names: its request's save failed after the upload, or an erasure stopped between saving and
        // deleting. Left a day, so that a request being sent right now keeps its document.
        var named = await db.Referrals.Where(r => r.DocumentFile != null).Select(r => r.DocumentFile!).ToListAsync(cancellationToken);
        var orphans = documents.DeleteUnnamed(named.ToHashSet(StringComparer.Ordinal), now - TimeSpan.FromDays(1));
        return new ReferralSweep(reminded, expired, erased, orphans);
    }

    /// <summary>Applies a transition to a fresh copy and saves it; null when it no longer applies or another run saved first.</summary>
    private async Task<(Referral Referral, string? Token)?> TransitionAsync(int id, Func<Referral, string?> transition, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null || transition(referral) is not { } token)
        {
            return null;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (referral, token);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Referral {Id} was moved on by another run", id);
            return null;
        }
    }

    private Task<string> StructureNameAsync(int structureId, CancellationToken cancellationToken) =>
        db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Name).FirstAsync(cancellationToken);
}

/// <summary>Runs the sweeper inside the application every <see cref="ReferralOptions.IntervalMinutes"/>, at the application's clock.</summary>
public sealed class ReferralJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReferralOptions> options, ILogger<ReferralJob> logger) : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(45);

    public async Task<ReferralSweep> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralSweeper>().RunAsync(clock.GetUtcNow(), cancellationToken);
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}
