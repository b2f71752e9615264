using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Publications;

/// <summary>
/// E-mails of the editorial workflow: a proposal reaches those who can publish it; a decision reaches the author.
/// </summary>
public sealed class PublicationNotifier(ReperesDbContext db, IMailer mailer, IStringLocalizer<SharedResource> localizer)
{
    public async Task ProposedAsync(Publication publication, string baseUrl, CancellationToken cancellationToken)
    {
        var recipients = await ModeratorsOfAsync(publication, cancellationToken);
        var link = $"{baseUrl}/mon-espace/a-valider/{publication.Id}";
        var where = await PlaceNameAsync(publication, cancellationToken);
        foreach (var email in recipients)
        {
            _ = await mailer.TrySendAsync(email,
                localizer["Repères : « {0} » attend votre validation", publication.Title],
                localizer["Bonjour,\n\n{0} propose « {1} » pour {2}.\n\nPour le lire, le publier ou le refuser :\n{3}\n\nL’équipe Repères", publication.Signature ?? publication.AuthorName, publication.Title, where, link],
                cancellationToken);
        }
    }

    public async Task DecidedAsync(Publication publication, string baseUrl, CancellationToken cancellationToken)
    {
        var author = await db.Users.AsNoTracking().Where(u => u.Id == publication.AuthorId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return;
        }

        var (subject, body) = publication.Status switch
        {
            PublicationStatus.Published => (
                localizer["Repères : « {0} » est publié", publication.Title],
                localizer["Bonjour,\n\n« {0} » est publié. Vous pouvez le voir ici :\n{1}\n\nL’équipe Repères", publication.Title, $"{baseUrl}/publications/{publication.Id}"]),
            PublicationStatus.Refused => (
                localizer["Repères : « {0} » n’a pas été publié", publication.Title],
                localizer["Bonjour,\n\n« {0} » n’a pas été publié, pour la raison suivante :\n\n{1}\n\nVous pouvez le modifier et le proposer à nouveau :\n{2}\n\nL’équipe Repères", publication.Title, publication.RefusalReason ?? "", $"{baseUrl}/mon-espace/publications/{publication.Id}/modifier"]),
            PublicationStatus.Draft or PublicationStatus.Proposed or PublicationStatus.Trashed => (null, null),
            _ => throw new InvalidOperationException($"Unknown status {publication.Status}."),
        };
        if (subject is not null && body is not null)
        {
            _ = await mailer.TrySendAsync(author, subject, body, cancellationToken);
        }
    }

    /// <summary>
    /// Those who validate a proposal: the structure's managers (and editors allowed to publish); moderators and the
    /// coordinator for the network's publications, for workshop participants' and contributors' texts, and whenever
    /// a structure has nobody to publish.
    /// </summary>
    private async Task<IReadOnlyList<string>> ModeratorsOfAsync(Publication publication, CancellationToken cancellationToken)
    {
        var emails = new List<string>();
        if (publication.StructureId is { } structureId)
        {
            emails.AddRange(await db.Memberships.AsNoTracking()
                .Where(m => m.StructureId == structureId && (m.Role == MembershipRole.Manager || m.CanPublish) && m.UserId != publication.AuthorId)
                .Select(m => m.User.Email!)
                .ToListAsync(cancellationToken));
        }

        if (emails.Count == 0 || publication.StructureId is null || publication.WorkshopId is not null)
        {
            var roles = new[] { NetworkRoles.Moderator, NetworkRoles.Coordinator };
            var candidates = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                join user in db.Users on userRole.UserId equals user.Id
                where roles.Contains(role.Name!) && user.Id != publication.AuthorId
                select new { user.Id, user.Email }).Distinct().ToListAsync(cancellationToken);

            // A moderator restricted to some needs or structures hears only of what is theirs to decide.
            foreach (var candidate in candidates)
            {
                var moderated = await ModeratorScopes.StructuresModeratedByAsync(db, candidate.Id, cancellationToken);
                if (moderated is null || (publication.StructureId is { } id && await moderated.AnyAsync(s => s == id, cancellationToken)))
                {
                    emails.Add(candidate.Email!);
                }
            }
        }

        return emails.Where(e => e is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<string> PlaceNameAsync(Publication publication, CancellationToken cancellationToken) =>
        publication.StructureId is { } id
            ? await db.Structures.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstAsync(cancellationToken)
            : localizer["le réseau"].Value;
}
