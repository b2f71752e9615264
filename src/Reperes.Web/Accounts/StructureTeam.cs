using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts;

/// <summary>Why a change to a team was refused.</summary>
public enum TeamRefusal
{
    /// <summary>The structure would have no manager left: nobody could update its sheet or its team.</summary>
    LastManager,

    /// <summary>The membership is not one of this structure's.</summary>
    NotInTeam,
}

/// <summary>
/// The memberships of one structure, with the rule that keeps it manageable: a structure always keeps at least one
/// manager. Removals and role changes go through here; the caller saves.
/// </summary>
public sealed class StructureTeam
{
    private readonly List<Membership> members;

    /// <param name="structureId">The structure whose team this is.</param>
    /// <param name="members">All its memberships (tracked, so that role changes are saved).</param>
    public StructureTeam(int structureId, IEnumerable<Membership> members)
    {
        StructureId = structureId;
        this.members = members.ToList();
        if (this.members.Any(m => m.StructureId != structureId))
        {
            throw new ArgumentException("Every membership must belong to the structure.", nameof(members));
        }
    }

    public int StructureId { get; }

    public IReadOnlyList<Membership> Members => members;

    public int ManagerCount => members.Count(m => m.Role == MembershipRole.Manager);

    public Membership? Find(int membershipId) => members.FirstOrDefault(m => m.Id == membershipId);

    public Membership? FindByUser(string userId) => members.FirstOrDefault(m => m.UserId == userId);

    /// <summary>Whether this person may leave the team, or be removed from it.</summary>
    public TeamRefusal? CheckRemoval(Membership member)
    {
        if (!members.Contains(member))
        {
            return TeamRefusal.NotInTeam;
        }

        return member.Role == MembershipRole.Manager && ManagerCount <= 1 ? TeamRefusal.LastManager : null;
    }

    /// <summary>Removes the person from the team when the rule allows it; the caller deletes the membership.</summary>
    public TeamRefusal? Remove(Membership member)
    {
        if (CheckRemoval(member) is { } refusal)
        {
            return refusal;
        }

        members.Remove(member);
        return null;
    }

    /// <summary>Changes a member's role (and, for an editor, the right to publish without validation).</summary>
    public TeamRefusal? ChangeRole(Membership member, MembershipRole role, bool canPublish)
    {
        if (!members.Contains(member))
        {
            return TeamRefusal.NotInTeam;
        }

        if (member.Role == MembershipRole.Manager && role != MembershipRole.Manager && ManagerCount <= 1)
        {
            return TeamRefusal.LastManager;
        }

        member.ChangeRole(role, canPublish);
        return null;
    }
}
