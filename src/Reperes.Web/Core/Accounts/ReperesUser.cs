using Microsoft.AspNetCore.Identity;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Accounts;

/// <summary>A person with an account: staff of structures, moderators, the coordinator, contributors.</summary>
public sealed class ReperesUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<Membership> Memberships { get; private set; } = [];
}

/// <summary>Network-wide roles (Identity roles). Roles within a structure are <see cref="MembershipRole"/>.</summary>
public static class NetworkRoles
{
    public const string Coordinator = "coordinator";
    public const string Moderator = "moderator";
    public const string Contributor = "contributor";

    /// <summary>Writes and reviews the translations of sheets, services, notices and publications, and nothing else.</summary>
    public const string Translator = "translator";

    public static readonly IReadOnlyList<string> All = [Coordinator, Moderator, Contributor, Translator];
}

public enum MembershipRole
{
    /// <summary>Edits the sheet, invites and removes colleagues, publishes the structure's content.</summary>
    Manager = 0,

    /// <summary>Writes and proposes; publishes only if a manager allows it.</summary>
    Editor = 1,
}

/// <summary>A person's place in a structure's team. A person can belong to several structures.</summary>
public sealed class Membership
{
    private Membership() { }

    public Membership(string userId, int structureId, MembershipRole role, DateTimeOffset since)
    {
        UserId = userId;
        StructureId = structureId;
        Role = role;
        Since = since;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public ReperesUser User { get; private set; } = null!;
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public MembershipRole Role { get; private set; }

    /// <summary>An editor allowed by a manager to publish without validation.</summary>
    public bool CanPublish { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public void ChangeRole(MembershipRole role, bool canPublish)
    {
        Role = role;
        CanPublish = role == MembershipRole.Manager || canPublish;
    }
}
