using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts;

/// <summary>Why the coordination's change to an account was refused.</summary>
public enum AccountRefusal
{
    /// <summary>One does not take away one's own coordinator role (nobody could give it back).</summary>
    OwnCoordinatorRole,

    /// <summary>The network always keeps at least one coordinator.</summary>
    LastCoordinator,

    /// <summary>One does not lock one's own account.</summary>
    OwnAccount,
}

/// <summary>The rules on network roles and locks, which keep the network administrable.</summary>
public static class AccountRules
{
    /// <summary>An account locked by the coordination stays locked until unlocked (Identity lockout end).</summary>
    public static readonly DateTimeOffset LockedIndefinitely = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsLockedByCoordination(DateTimeOffset? lockoutEnd) => lockoutEnd >= LockedIndefinitely;

    /// <param name="role">The network role to remove.</param>
    /// <param name="targetUserId">Whose role it is.</param>
    /// <param name="actingUserId">Who removes it.</param>
    /// <param name="coordinators">How many accounts hold the coordinator role now.</param>
    public static AccountRefusal? CheckRoleRemoval(string role, string targetUserId, string actingUserId, int coordinators)
    {
        if (role != NetworkRoles.Coordinator)
        {
            return null;
        }

        if (targetUserId == actingUserId)
        {
            return AccountRefusal.OwnCoordinatorRole;
        }

        return coordinators <= 1 ? AccountRefusal.LastCoordinator : null;
    }

    public static AccountRefusal? CheckLock(string targetUserId, string actingUserId) =>
        targetUserId == actingUserId ? AccountRefusal.OwnAccount : null;
}
