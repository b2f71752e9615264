using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Accounts;

/// <summary>The kind of a partner body a professional works for.</summary>
public enum PartnerBodyKind
{
    SocialServices = 0,
    Association = 1,
    Health = 2,
    Employment = 3,
    CityServices = 4,
    Other = 5,
}

/// <summary>
/// A body professionals work for (a departmental social service, an association, a hospital's team, a job centre,
/// a city service). Its colleagues share lists of places. The coordinator may list the e-mail domains of its staff:
/// an account registered with one of them is validated at once.
/// </summary>
public sealed class PartnerBody
{
    public const int NameMaxLength = 200;
    public const int DomainsMaxLength = 500;

    private PartnerBody() { }

    public PartnerBody(string name, PartnerBodyKind kind, DateTimeOffset createdAt)
    {
        Rename(name, kind);
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public PartnerBodyKind Kind { get; private set; }

    /// <summary>Lower-case domains separated and surrounded by spaces (" cd29.fr ville-brest.fr "), or empty.</summary>
    public string EmailDomains { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> DomainList => EmailDomains.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Rename(string name, PartnerBodyKind kind)
    {
        Name = name.Trim();
        Kind = kind;
    }

    public void SetEmailDomains(IEnumerable<string> domains)
    {
        var list = domains.Select(ProfessionalDomains.Normalize).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        EmailDomains = list.Count == 0 ? "" : " " + string.Join(' ', list) + " ";
    }
}

public enum ProfessionalStatus
{
    /// <summary>Registered, waiting for the coordinator.</summary>
    Pending = 0,

    /// <summary>Validated by the coordinator, or at once for a listed e-mail domain.</summary>
    Validated = 1,

    /// <summary>Refused by the coordinator, with a reason the person is told.</summary>
    Refused = 2,
}

/// <summary>
/// What a professional said of their work when registering, and the coordinator's decision. One per account.
/// The body typed at registration is kept as typed until the coordinator attaches the account to a body.
/// </summary>
public sealed class ProfessionalProfile
{
    public const int TextMaxLength = 200;

    private ProfessionalProfile() { }

    public ProfessionalProfile(string userId, string workplace, PartnerBodyKind kind, string jobTitle, DateTimeOffset requestedAt)
    {
        UserId = userId;
        Workplace = workplace.Trim();
        Kind = kind;
        JobTitle = jobTitle.Trim();
        RequestedAt = requestedAt;
        Status = ProfessionalStatus.Pending;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";

    /// <summary>Where the person says they work, as typed.</summary>
    public string Workplace { get; private set; } = "";

    public PartnerBodyKind Kind { get; private set; }
    public string JobTitle { get; private set; } = "";

    /// <summary>The body the account belongs to, once known (validation, or a listed domain).</summary>
    public int? BodyId { get; private set; }

    public PartnerBody? Body { get; private set; }
    public ProfessionalStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The coordinator's user id, or null when a listed domain validated the account.</summary>
    public string? DecidedBy { get; private set; }

    public string? RefusalReason { get; private set; }

    /// <summary>Validates the account and attaches it to its body (a pending or refused account; validated again to move it).</summary>
    public void Validate(PartnerBody body, string? by, DateTimeOffset at)
    {
        Status = Status switch
        {
            ProfessionalStatus.Pending or ProfessionalStatus.Refused or ProfessionalStatus.Validated => ProfessionalStatus.Validated,
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        Body = body;
        BodyId = body.Id == 0 ? null : body.Id;
        DecidedAt = at;
        DecidedBy = by;
        RefusalReason = null;
    }

    /// <summary>Refuses a pending account, or withdraws a validation.</summary>
    public void Refuse(string by, string reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A refusal says why.", nameof(reason));
        }

        Status = Status switch
        {
            ProfessionalStatus.Pending or ProfessionalStatus.Validated => ProfessionalStatus.Refused,
            ProfessionalStatus.Refused => throw new InvalidOperationException("The account is already refused."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        DecidedAt = at;
        DecidedBy = by;
        RefusalReason = reason.Trim();
    }
}

/// <summary>E-mail domains that validate a professional account at once.</summary>
public static class ProfessionalDomains
{
    public static string Normalize(string domain) => domain.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();

    public static string? DomainOf(string email) =>
        email.LastIndexOf('@') is var at and > 0 && at < email.Length - 1 ? Normalize(email[(at + 1)..]) : null;

    /// <summary>The body whose listed domains hold the address's domain (exactly: no parent domain), or null.</summary>
    public static async Task<PartnerBody?> BodyForAsync(ReperesDbContext db, string email, CancellationToken cancellationToken)
    {
        if (DomainOf(email) is not { } domain || domain.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var pattern = " " + domain + " ";
        return await db.PartnerBodies.OrderBy(b => b.Id).FirstOrDefaultAsync(b => b.EmailDomains.Contains(pattern), cancellationToken);
    }
}

/// <summary>
/// Who is a professional: an account validated as such, a member of a structure's team, the coordination. They see
/// on sheets and results what the public does not need (direct contact, referral conditions, notes for partners),
/// keep lists of places and send referrals. Carried by a claim, so that public pages need no query to know it.
/// </summary>
public static class ProfessionalAccess
{
    public const string ClaimType = "reperes:professional";

    public static bool IsProfessional(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && (user.HasClaim(c => c.Type == ClaimType) || user.IsInRole(NetworkRoles.Coordinator) || user.IsInRole(NetworkRoles.Moderator));

    public static async Task<bool> IsProfessionalAsync(ReperesDbContext db, string userId, CancellationToken cancellationToken = default) =>
        await db.ProfessionalProfiles.AnyAsync(p => p.UserId == userId && p.Status == ProfessionalStatus.Validated, cancellationToken)
        || await db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken);

    /// <summary>The validated body of the account, or null (structure members without a profile have none: their team is their structure).</summary>
    public static Task<int?> BodyOfAsync(ReperesDbContext db, string userId, CancellationToken cancellationToken = default) =>
        db.ProfessionalProfiles.Where(p => p.UserId == userId && p.Status == ProfessionalStatus.Validated)
            .Select(p => p.BodyId).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>Adds the professional claim when the session starts (and when the security stamp is checked again).</summary>
public sealed class ReperesClaimsPrincipalFactory(
    UserManager<ReperesUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    ReperesDbContext db)
    : UserClaimsPrincipalFactory<ReperesUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ReperesUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await ProfessionalAccess.IsProfessionalAsync(db, user.Id))
        {
            identity.AddClaim(new Claim(ProfessionalAccess.ClaimType, "true"));
        }

        return identity;
    }
}
