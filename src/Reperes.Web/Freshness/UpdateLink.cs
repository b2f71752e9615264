using Reperes.Web.Core;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Freshness;

/// <summary>
/// A link sent by e-mail to a structure's manager to confirm its information without a password: 256 random bits,
/// single use, expiring. Only the SHA-256 of its code is stored, so that a copy of the database confirms nothing.
/// </summary>
public sealed class UpdateLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private UpdateLink() { }

    private UpdateLink(int structureId, int? campaignId, string email, string? userId, SheetSections sections, DateTimeOffset now, DateTimeOffset expiresAt, string codeHash)
    {
        StructureId = structureId;
        CampaignId = campaignId;
        RecipientEmail = email;
        RecipientUserId = userId;
        Sections = sections == SheetSections.None ? SheetSections.All : sections & SheetSections.All;
        CreatedAt = now;
        ExpiresAt = expiresAt;
        CodeHash = codeHash;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;

    /// <summary>The campaign that sent it; null for a reminder.</summary>
    public int? CampaignId { get; private set; }

    public string RecipientEmail { get; private set; } = "";
    public string? RecipientUserId { get; private set; }

    /// <summary>The sections the recipient is asked to confirm.</summary>
    public SheetSections Sections { get; private set; }

    /// <summary>The sections confirmed so far through this link.</summary>
    public SheetSections ConfirmedSections { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>First time the page of the link was shown (a campaign counts the structure as started).</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>When every section asked was confirmed: the link no longer works.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public string CodeHash { get; private set; } = "";

    /// <summary>Creates a link and returns the code to send (never stored as such).</summary>
    public static (UpdateLink Link, string Code) Create(int structureId, int? campaignId, string email, string? userId, SheetSections sections, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var code = SecretCode.New();
        var expiry = expiresAt is { } at && at > now ? at : now + Lifetime;
        return (new UpdateLink(structureId, campaignId, email.Trim(), userId, sections, now, expiry, Hash(code)), code);
    }

    public static string Hash(string code) => SecretCode.Hash(code);

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && !IsExpired(now);

    public SheetSections RemainingSections => Sections & ~ConfirmedSections;

    public void Open(DateTimeOffset now) => OpenedAt ??= now;

    /// <summary>
    /// Confirms some of the sections asked (the others are ignored); returns those newly confirmed. The link is used up
    /// once every section asked is confirmed.
    /// </summary>
    public SheetSections Confirm(SheetSections sections, DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            throw new InvalidOperationException("This link was already used or has expired.");
        }

        var confirmed = sections & RemainingSections;
        ConfirmedSections |= confirmed;
        OpenedAt ??= now;
        if (RemainingSections == SheetSections.None)
        {
            UsedAt = now;
        }

        return confirmed;
    }
}
