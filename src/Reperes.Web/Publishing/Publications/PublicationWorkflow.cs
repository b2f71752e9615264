using Reperes.Web.Core.Publications;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Publications;

/// <summary>A step of a publication's life that happened.</summary>
public enum PublicationStep
{
    Saved,
    Proposed,
    Published,
    Scheduled,
    Refused,
    Unpublished,
    Trashed,
    Restored,
    Featured,
    Unfeatured,
}

/// <summary>Why a step could not happen.</summary>
public enum StepRefusal
{
    /// <summary>The publication is no longer in a state that allows it (someone else decided in between).</summary>
    StateChanged,

    /// <summary>A refusal tells its author why.</summary>
    ReasonRequired,
}

/// <summary>What a workflow step gave: done (which step), or not possible (why). Nothing is saved when not possible.</summary>
public abstract record WorkflowResult
{
    private WorkflowResult()
    {
    }

    public sealed record Done(PublicationStep Step) : WorkflowResult;

    public sealed record NotPossible(StepRefusal Why) : WorkflowResult;
}

/// <summary>
/// The one way a publication moves through its life (save, propose, publish now or scheduled, refuse with a reason,
/// unpublish, trash, restore, feature): each step checks the publication's state, saves, and tells whom it concerns
/// (proposals to those who decide, decisions to the author). Authorization stays with the caller (resource-based).
/// </summary>
public sealed class PublicationWorkflow(ReperesDbContext db, PublicationNotifier notifier, TimeProvider clock)
{
    /// <summary>What the author wants after saving the content.</summary>
    public enum Intent
    {
        Save,
        Propose,
        Publish,
    }

    /// <summary>
    /// Saves a new or edited publication and then, as asked, proposes or publishes it (<paramref name="from"/>: a
    /// later moment to schedule it). A step its state no longer allows leaves the content saved as it is.
    /// </summary>
    public async Task<WorkflowResult> SubmitAsync(Publication publication, Intent intent, string byId, DateTimeOffset? from, string baseUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (publication.Id == 0)
        {
            db.Publications.Add(publication);
        }

        var step = PublicationStep.Saved;
        switch (intent)
        {
            case Intent.Propose when publication.CanPropose:
                publication.Propose(now);
                step = PublicationStep.Proposed;
                break;
            case Intent.Publish when publication.CanPublish:
                publication.Publish(byId, now, from);
                step = publication.IsScheduledAt(now) ? PublicationStep.Scheduled : PublicationStep.Published;
                break;
            case Intent.Save or Intent.Propose or Intent.Publish:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(intent), intent, null);
        }

        // Its translations follow the French: a title or text changed marks them outdated, in the same save.
        await Core.Translations.TranslationFreshness.FollowAsync(db, publication, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (step == PublicationStep.Proposed)
        {
            await notifier.ProposedAsync(publication, baseUrl, cancellationToken);
        }
        else if (step is PublicationStep.Published or PublicationStep.Scheduled && publication.AuthorId != byId)
        {
            await notifier.DecidedAsync(publication, baseUrl, cancellationToken);
        }

        return new WorkflowResult.Done(step);
    }

    /// <summary>A moderator's decision to publish a proposal, now or from a later moment; the author is told.</summary>
    public Task<WorkflowResult> PublishAsync(Publication publication, string byId, DateTimeOffset? from, string baseUrl, CancellationToken cancellationToken) =>
        StepAsync(publication, publication.CanPublish, cancellationToken, now =>
        {
            publication.Publish(byId, now, from);
            return publication.IsScheduledAt(now) ? PublicationStep.Scheduled : PublicationStep.Published;
        }, baseUrl);

    /// <summary>A moderator's refusal, with the reason its author reads; the author is told.</summary>
    public Task<WorkflowResult> RefuseAsync(Publication publication, string byId, string? reason, string baseUrl, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult<WorkflowResult>(new WorkflowResult.NotPossible(StepRefusal.ReasonRequired))
            : StepAsync(publication, publication.CanRefuse, cancellationToken, now =>
            {
                publication.Refuse(byId, now, reason);
                return PublicationStep.Refused;
            }, baseUrl);

    public Task<WorkflowResult> UnpublishAsync(Publication publication, string byId, CancellationToken cancellationToken) =>
        StepAsync(publication, publication.CanUnpublish, cancellationToken, now =>
        {
            publication.Unpublish(byId, now);
            return PublicationStep.Unpublished;
        });

    public Task<WorkflowResult> TrashAsync(Publication publication, CancellationToken cancellationToken) =>
        StepAsync(publication, publication.CanTrash, cancellationToken, now =>
        {
            publication.Trash(now);
            return PublicationStep.Trashed;
        });

    public Task<WorkflowResult> RestoreAsync(Publication publication, CancellationToken cancellationToken) =>
        StepAsync(publication, publication.CanRestore, cancellationToken, now =>
        {
            publication.Restore(now);
            return PublicationStep.Restored;
        });

    /// <summary>"À la une" on the home page, for a published item only; taken off at any time.</summary>
    public Task<WorkflowResult> FeatureAsync(Publication publication, bool featured, CancellationToken cancellationToken) =>
        StepAsync(publication, !featured || publication.Status == PublicationStatus.Published, cancellationToken, now =>
        {
            publication.SetFeatured(featured, now);
            return featured ? PublicationStep.Featured : PublicationStep.Unfeatured;
        });

    /// <summary>A decision on an existing publication: guarded by its state, saved, and its author told when given a <paramref name="tellAuthorAt"/>.</summary>
    private async Task<WorkflowResult> StepAsync(Publication publication, bool allowed, CancellationToken cancellationToken, Func<DateTimeOffset, PublicationStep> apply, string? tellAuthorAt = null)
    {
        if (!allowed)
        {
            return new WorkflowResult.NotPossible(StepRefusal.StateChanged);
        }

        var step = apply(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (tellAuthorAt is not null)
        {
            await notifier.DecidedAsync(publication, tellAuthorAt, cancellationToken);
        }

        return new WorkflowResult.Done(step);
    }
}
