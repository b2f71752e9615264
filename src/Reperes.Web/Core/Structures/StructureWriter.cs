using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Structures;

/// <summary>Who writes a structure, as its history shows it: a person, or an import signed by the person who ran it.</summary>
public sealed record StructureAuthor(string UserId, string Name)
{
    public static StructureAuthor Of(ReperesUser user) => new(user.Id, user.DisplayName);
}

/// <summary>What a write does to the sheet's "updated on" date.</summary>
public enum UpdatedDate
{
    /// <summary>The information changed: "updated on" becomes now.</summary>
    Moves,

    /// <summary>A decision about the sheet, not new information (the dashboard's): "updated on" stays.</summary>
    Stays,
}

/// <summary>How a change of status ended.</summary>
public enum StatusChangeOutcome
{
    Changed,

    /// <summary>The structure already had that status: nothing written.</summary>
    Unchanged,

    /// <summary>A structure closed for good is neither put back online nor taken offline.</summary>
    ClosedForGood,
}

/// <summary>
/// What is derived from the structures and must follow each write: the guide's search index (registered by the
/// Guide), caches of the places' communes… The core names no feature: features implement this and register it.
/// </summary>
public interface IStructureIndex
{
    /// <summary>Called inside the writer's transaction, once the changes are saved: a failure here undoes the write.</summary>
    Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken);

    /// <summary>Called after the commit: caches read from the structures are read again.</summary>
    void Committed(IReadOnlyCollection<int> structureIds);
}

/// <summary>
/// The one way a structure is written: creating it, editing its fields, services and notices, restoring a revision,
/// importing, its status (online, offline, closed for good), the coordination's "unverified" decision, its update
/// frequency. Each write records its revision (who, when, what changed, in words; none when nothing changed), moves
/// the dates as the rules say, reindexes through every <see cref="IStructureIndex"/>, and commits all of it in one
/// transaction: a failure anywhere leaves nothing written, and the context forgets the failed changes.
/// </summary>
public sealed class StructureWriter(
    ReperesDbContext db,
    IEnumerable<IStructureIndex> indexes,
    UserManager<ReperesUser> users,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>The field of revisions that records a change of status.</summary>
    public const string StatusField = "État de la fiche";

    /// <summary>The field of revisions that records the coordination's "unverified" decision.</summary>
    public const string ReliabilityField = "Fiabilité";

    /// <summary>The field of revisions that records a structure's creation.</summary>
    public const string CreatedField = "Création de la fiche";

    /// <summary>The signed-in person as the author of a write.</summary>
    public async Task<StructureAuthor> AuthorAsync(ClaimsPrincipal principal) =>
        StructureAuthor.Of(await users.GetUserAsync(principal) ?? throw new InvalidOperationException("A sheet is written by a signed-in person."));

    /// <summary>
    /// Saves the changes already made to the tracked structure (its fields, services, notices, frequency…) with their
    /// revision; false when there are none (then nothing is saved, unless <paramref name="alsoSave"/> adds what belongs
    /// to the same step, a verification say, saved in the same transaction without a revision).
    /// </summary>
    public async Task<bool> SaveAsync(ClaimsPrincipal principal, Structure structure, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken, Func<Task>? alsoSave = null)
    {
        if (changes.Count == 0 && alsoSave is null)
        {
            return false;
        }

        var author = await AuthorAsync(principal);
        await WriteAsync(author, structure, UpdatedDate.Moves, async () =>
        {
            if (alsoSave is not null)
            {
                await alsoSave();
            }

            return changes;
        }, cancellationToken);
        return changes.Count > 0;
    }

    /// <summary>
    /// The general write: <paramref name="change"/> changes the structure (and may add its services, references…,
    /// saving to get identifiers) and returns what changed in words. A new structure (not yet saved) is added first.
    /// </summary>
    public async Task<IReadOnlyList<FieldChange>> WriteAsync(
        StructureAuthor author,
        Structure structure,
        UpdatedDate updated,
        Func<Task<IReadOnlyList<FieldChange>>> change,
        CancellationToken cancellationToken)
    {
        var updatedBefore = structure.UpdatedAt;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        IReadOnlyList<FieldChange> changes;
        try
        {
            if (structure.Id == 0 && db.Entry(structure).State == EntityState.Detached)
            {
                db.Structures.Add(structure);
                await db.SaveChangesAsync(cancellationToken);
            }

            changes = await change();
            var now = clock.GetUtcNow();
            if (changes.Count > 0)
            {
                structure.Touch(updated == UpdatedDate.Moves ? now : updatedBefore);
                db.SheetRevisions.Add(new SheetRevision(structure.Id, author.UserId, author.Name.Length > 120 ? author.Name[..120] : author.Name, now, changes));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var index in indexes)
            {
                await index.IndexAsync(db, [structure.Id], cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None);
            }

            // The entities in memory no longer match the database: a later save must not write them after all.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        foreach (var index in indexes)
        {
            index.Committed([structure.Id]);
        }

        return changes;
    }

    /// <summary>
    /// A new structure (a draft unless <paramref name="online"/>), with what comes with it in the same step (its first
    /// manager's invitation, its services, the reference of the import it comes from) added by <paramref name="alsoSave"/>.
    /// </summary>
    public Task<IReadOnlyList<FieldChange>> CreateAsync(
        StructureAuthor author,
        Structure structure,
        bool online,
        Func<Structure, Task<IReadOnlyList<FieldChange>>> alsoSave,
        CancellationToken cancellationToken)
    {
        if (structure.Id != 0)
        {
            throw new InvalidOperationException("Only a new structure is created.");
        }

        return WriteAsync(author, structure, UpdatedDate.Moves, async () =>
        {
            if (online)
            {
                structure.PutOnline(clock.GetUtcNow());
            }

            var more = await alsoSave(structure);
            return [new FieldChange(CreatedField, null, structure.Name), .. more];
        }, cancellationToken);
    }

    /// <summary>
    /// Puts a structure online, takes it offline or closes it for good, in its history. The coordination's list moves
    /// "updated on" (<see cref="UpdatedDate.Moves"/>); the dashboard's decision does not.
    /// </summary>
    public async Task<StatusChangeOutcome> ChangeStatusAsync(StructureAuthor author, Structure structure, StructureStatus target, UpdatedDate updated, CancellationToken cancellationToken)
    {
        if (structure.Status == target)
        {
            return StatusChangeOutcome.Unchanged;
        }

        if (structure.Status == StructureStatus.PermanentlyClosed)
        {
            return StatusChangeOutcome.ClosedForGood;
        }

        var before = structure.Status;
        await WriteAsync(author, structure, updated, () =>
        {
            var now = clock.GetUtcNow();
            switch (target)
            {
                case StructureStatus.Online:
                    structure.PutOnline(now);
                    break;
                case StructureStatus.Offline:
                    structure.TakeOffline(now);
                    break;
                case StructureStatus.PermanentlyClosed:
                    structure.CloseForGood(now);
                    break;
                case StructureStatus.Draft:
                    throw new InvalidOperationException("A structure does not go back to being a draft.");
                default:
                    throw new ArgumentOutOfRangeException(nameof(target), target, null);
            }

            return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange(StatusField, StatusText(before), StatusText(target))]);
        }, cancellationToken);
        return StatusChangeOutcome.Changed;
    }

    /// <summary>The coordination flags the sheet as unverified (false when it already was): in its history, "updated on" unmoved.</summary>
    public async Task<bool> MarkUnverifiedAsync(StructureAuthor author, Structure structure, CancellationToken cancellationToken)
    {
        if (structure.UnverifiedSince is not null)
        {
            return false;
        }

        await WriteAsync(author, structure, UpdatedDate.Stays, () =>
        {
            structure.MarkUnverified(clock.GetUtcNow());
            return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange(ReliabilityField, null, localizer["Marquée non vérifiée par la coordination"])]);
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// A confirmation that the information is right (by a link, a call, a visit): <paramref name="record"/> writes the
    /// verification and its dates in the same transaction; no revision, since nothing of the sheet changed.
    /// </summary>
    public Task ConfirmAsync(Structure structure, Func<Task> record, CancellationToken cancellationToken) =>
        WriteAsync(new StructureAuthor("", ""), structure, UpdatedDate.Stays, async () =>
        {
            await record();
            return [];
        }, cancellationToken);

    /// <summary>The status in the words of the history.</summary>
    public string StatusText(StructureStatus status) => status switch
    {
        StructureStatus.Draft => localizer["Brouillon"],
        StructureStatus.Online => localizer["En ligne"],
        StructureStatus.Offline => localizer["Hors ligne"],
        StructureStatus.PermanentlyClosed => localizer["Fermée définitivement"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>What the lists of places (communes, near me) read of a structure.</summary>
}
