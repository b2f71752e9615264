using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness;

/// <summary>What sending a campaign's links did.</summary>
public sealed record CampaignRun(int Structures, int Emails, int WithoutManager);

/// <summary>Sends a campaign's links to the managers of its structures not done yet.</summary>
public sealed class CampaignSender(ReperesDbContext db, IMailer mailer, ILogger<CampaignSender> logger)
{
    /// <param name="again">false: only the structures never sent to; true: every structure not done (a reminder).</param>
    public async Task<CampaignRun> SendAsync(Campaign campaign, bool again, string baseUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targets = await db.CampaignStructures.Include(t => t.Structure)
            .Where(t => t.CampaignId == campaign.Id && t.Progress != CampaignProgress.Done && (again || t.SentAt == null))
            .ToListAsync(cancellationToken);
        var managers = await Recipients.ManagersAsync(db, targets.Select(t => t.StructureId).ToList(), now, cancellationToken);
        var expiresAt = FreshnessMail.EndOfDay(campaign.EndsOn);
        var mails = new List<(string To, string Subject, string Body)>();
        int structures = 0, withoutManager = 0;
        foreach (var target in targets)
        {
            var recipients = managers[target.StructureId].ToList();
            if (recipients.Count == 0)
            {
                withoutManager++;
                continue;
            }

            foreach (var recipient in recipients)
            {
                var (link, code) = UpdateLink.Create(target.StructureId, campaign.Id, recipient.Email, recipient.UserId, campaign.Sections, now, expiresAt);
                db.UpdateLinks.Add(link);
                var (subject, body) = FreshnessMail.Campaign(recipient.Name, campaign, target.Structure.Name, target.Structure.Slug, baseUrl, code);
                mails.Add((recipient.Email, subject, body));
            }

            target.MarkSent(now);
            structures++;
        }

        await db.SaveChangesAsync(cancellationToken);
        var emails = 0;
        foreach (var (to, subject, body) in mails)
        {
            try
            {
                await mailer.SendAsync(to, subject, body, cancellationToken);
                emails++;
            }
            catch (MailDeliveryException exception)
            {
                logger.LogError(exception, "Campaign {Id}: the link could not be sent to {Email}", campaign.Id, to);
            }
        }

        return new CampaignRun(structures, emails, withoutManager);
    }
}
