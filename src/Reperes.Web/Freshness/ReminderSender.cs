using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness;

/// <summary>What one run of the reminders did.</summary>
public sealed record ReminderRun(int Due, int Sent, int Emails, int WithoutManager);

/// <summary>
/// Sends the reminders that are due at a given instant: for each sheet online past its due date, the step of the
/// schedule reached, once (a row per structure, due date and step, unique in the database, is written before the
/// mails), to each of its managers with a link of their own.
/// </summary>
public sealed class ReminderSender(ReperesDbContext db, IMailer mailer, IOptions<ReperesOptions> options, ILogger<ReminderSender> logger)
{
    /// <summary>Structures whose past reminders and managers one query reads.</summary>
    private const int SliceSize = 1_000;

    public async Task<ReminderRun> SendAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One month is the shortest frequency: anything verified since cannot be due.
        var horizon = now.AddMonths(-FreshnessRules.Frequencies.Min());
        var candidates = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Online && (s.VerifiedAt == null || s.VerifiedAt <= horizon))
            .Select(s => new { s.Id, s.Name, s.Slug, s.VerifiedAt, s.UpdatedAt, s.CreatedAt, s.UpdateFrequencyMonths, ServiceMonths = s.Services.Min(v => v.UpdateFrequencyMonths) })
            .ToListAsync(cancellationToken);

        // A service with a shorter frequency of its own makes the sheet due sooner.
        var due = candidates
            .Select(s => (Structure: s, Months: Math.Min(s.UpdateFrequencyMonths, s.ServiceMonths ?? s.UpdateFrequencyMonths)))
            .Select(x => (x.Structure, x.Months, DueAt: FreshnessRules.DueAt(x.Structure.VerifiedAt, x.Structure.UpdatedAt, x.Structure.CreatedAt, x.Months)))
            .Where(x => x.DueAt <= now)
            .ToList();
        if (due.Count == 0)
        {
            return new ReminderRun(0, 0, 0, 0);
        }

        var baseUrl = options.Value.BaseUrlOutsideRequests(logger, "the reminders");
        int sent = 0, emails = 0, withoutManager = 0;
        // By slices: at national scale thousands are due at once, more than the engines take as parameters of one query.
        foreach (var chunk in due.Chunk(SliceSize))
        {
            var ids = chunk.Select(d => d.Structure.Id).ToList();
            var already = (await db.Reminders.AsNoTracking()
                    .Where(r => ids.Contains(r.StructureId))
                    .Select(r => new { r.StructureId, r.DueAt, r.Step })
                    .ToListAsync(cancellationToken))
                .Select(r => (r.StructureId, r.DueAt.UtcTicks, r.Step))
                .ToHashSet();
            var managers = await Recipients.ManagersAsync(db, ids, now, cancellationToken);
            foreach (var (s, months, dueAt) in chunk)
            {
                var step = ReminderSchedule.CurrentStep(dueAt, now)!.Value;
                if (already.Contains((s.Id, dueAt.UtcTicks, step)))
                {
                    continue;
                }

                var recipients = managers[s.Id].ToList();
                if (recipients.Count == 0)
                {
                    withoutManager++;
                    continue;
                }

                db.Reminders.Add(new Reminder(s.Id, dueAt, step, now, recipients.Count));
                var codes = new List<(Recipient Recipient, string Code)>();
                foreach (var recipient in recipients)
                {
                    var (link, code) = UpdateLink.Create(s.Id, null, recipient.Email, recipient.UserId, SheetSections.All, now);
                    db.UpdateLinks.Add(link);
                    codes.Add((recipient, code));
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another run recorded this step at the same time: it sends the mails, not this one.
                    db.ChangeTracker.Clear();
                    continue;
                }

                sent++;
                foreach (var (recipient, code) in codes)
                {
                    var (subject, body) = FreshnessMail.Reminder(recipient.Name, s.Name, s.Slug, dueAt.AddMonths(-months), months, step, baseUrl, code);
                    try
                    {
                        await mailer.SendAsync(recipient.Email, subject, body, cancellationToken);
                        emails++;
                    }
                    catch (MailDeliveryException exception)
                    {
                        logger.LogError(exception, "Reminder for structure {Id} could not be sent to {Email}", s.Id, recipient.Email);
                    }
                }
            }
        }

        logger.LogInformation("Reminders: {Sent} sent ({Emails} e-mails), {WithoutManager} due structures without manager", sent, emails, withoutManager);
        return new ReminderRun(due.Count, sent, emails, withoutManager);
    }
}
