using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Accounts;

/// <summary>
/// An invitation by e-mail to join a structure's team: a single-use link that expires. Only the hash of its
/// code is stored, so that a copy of the database opens no account.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    private Invitation(string email, int structureId, MembershipRole role, string invitedById, DateTimeOffset now, string codeHash)
    {
        Email = email;
        StructureId = structureId;
        Role = role;
        InvitedById = invitedById;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
        CodeHash = codeHash;
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public MembershipRole Role { get; private set; }
    public string InvitedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string CodeHash { get; private set; } = "";

    /// <summary>Creates an invitation and returns the code to send (never stored as such).</summary>
    public static (Invitation Invitation, string Code) Create(string email, int structureId, MembershipRole role, string invitedById, DateTimeOffset now)
    {
        var code = SecretCode.New();
        return (new Invitation(email.Trim(), structureId, role, invitedById, now, Hash(code)), code);
    }

    public static string Hash(string code) => SecretCode.Hash(code);

    public bool IsUsable(DateTimeOffset now) => AcceptedAt is null && now < ExpiresAt;

    /// <summary>Sends it again: a new code and a new week; the link sent before stops working.</summary>
    public string Renew(DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new InvalidOperationException("An accepted invitation cannot be sent again.");
        }

        var code = SecretCode.New();
        CodeHash = Hash(code);
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
        return code;
    }

    public void Accept(DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            throw new InvalidOperationException("This invitation was already used or has expired.");
        }

        AcceptedAt = now;
    }
}
