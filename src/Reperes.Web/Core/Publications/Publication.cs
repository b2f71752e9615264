using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Core.Publications;

public enum PublicationKind
{
    /// <summary>A text with simple formatting: a testimony, a report, a workshop participant's writing.</summary>
    Article = 0,

    /// <summary>Short and dated, possibly with an expiry.</summary>
    News = 1,

    /// <summary>Something that happens at a time and a place.</summary>
    Event = 2,

    /// <summary>A project a structure runs over time.</summary>
    Project = 3,
}

/// <summary>
/// The editorial workflow: draft → proposed → published, or refused (with a reason) or trashed.
/// A publication "published" with a later <see cref="Publication.PublishFrom"/> is scheduled.
/// </summary>
public enum PublicationStatus
{
    Draft = 0,
    Proposed = 1,
    Published = 2,
    Refused = 3,
    Trashed = 4,
}

/// <summary>What the author writes; the rest of a publication is set by its workflow.</summary>
public sealed record PublicationContent(
    string Title,
    string Summary,
    string Body,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    string? Place = null,
    string? Audience = null,
    string? Registration = null,
    int? Capacity = null,
    DateTimeOffset? ExpiresAt = null);

/// <summary>An article, news item, event or project, attached to a structure or to the whole network.</summary>
public sealed class Publication
{
    private Publication() { }

    public Publication(PublicationKind kind, int? structureId, string authorId, string authorName, DateTimeOffset at, PublicationContent content)
    {
        Kind = kind;
        StructureId = structureId;
        AuthorId = authorId;
        AuthorName = authorName;
        CreatedAt = at;
        Status = PublicationStatus.Draft;
        Edit(content, at);
    }

    public int Id { get; private set; }
    public PublicationKind Kind { get; private set; }
    public PublicationStatus Status { get; private set; }

    /// <summary>Null: a publication of the whole network.</summary>
    public int? StructureId { get; private set; }

    public Structure? Structure { get; private set; }

    /// <summary>The account that wrote it (for a workshop, the facilitator who entered it).</summary>
    public string AuthorId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    /// <summary>The first name or pseudonym a workshop participant chose: shown instead of the author's name.</summary>
    public string? Signature { get; private set; }

    public int? WorkshopId { get; private set; }

    /// <summary>When the participant's consent to publish was recorded by the facilitator.</summary>
    public DateTimeOffset? ConsentAt { get; private set; }

    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";

    /// <summary>Markdown; raw HTML is never rendered.</summary>
    public string Body { get; private set; } = "";

    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public string? Place { get; private set; }
    public string? Audience { get; private set; }
    public string? Registration { get; private set; }
    public int? Capacity { get; private set; }

    /// <summary>News disappear from the lists after this instant.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Shown first on the network's home page ("À la une").</summary>
    public bool Featured { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ProposedAt { get; private set; }

    /// <summary>When it was (or will be) visible to the public: the publication date, possibly scheduled later.</summary>
    public DateTimeOffset? PublishFrom { get; private set; }

    public string? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why a moderator refused it; shown to its author only.</summary>
    public string? RefusalReason { get; private set; }

    public List<Need> Needs { get; private set; } = [];

    public List<Attachment> Attachments { get; private set; } = [];

    public bool IsVisibleAt(DateTimeOffset now) => Status == PublicationStatus.Published && PublishFrom <= now;

    public bool IsScheduledAt(DateTimeOffset now) => Status == PublicationStatus.Published && PublishFrom > now;

    public bool CanEditContent => Status != PublicationStatus.Trashed;

    public bool CanPropose => Status is PublicationStatus.Draft or PublicationStatus.Refused;

    public bool CanPublish => Status is PublicationStatus.Draft or PublicationStatus.Proposed or PublicationStatus.Refused;

    public bool CanRefuse => Status == PublicationStatus.Proposed;

    public bool CanUnpublish => Status == PublicationStatus.Published;

    public bool CanTrash => Status != PublicationStatus.Trashed;

    public bool CanRestore => Status == PublicationStatus.Trashed;

    public void Edit(PublicationContent content, DateTimeOffset at)
    {
        Guard(CanEditContent, "edit");
        Title = content.Title.Trim();
        Summary = content.Summary.Trim();
        Body = content.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        StartsAt = Kind == PublicationKind.Event ? content.StartsAt : null;
        EndsAt = Kind == PublicationKind.Event ? content.EndsAt : null;
        Place = Kind == PublicationKind.Event ? Clean(content.Place) : null;
        Audience = Kind == PublicationKind.Event ? Clean(content.Audience) : null;
        Registration = Kind == PublicationKind.Event ? Clean(content.Registration) : null;
        Capacity = Kind == PublicationKind.Event ? content.Capacity : null;
        ExpiresAt = Kind == PublicationKind.News ? content.ExpiresAt : null;
        UpdatedAt = at;
    }

    public void SetNeeds(IEnumerable<Need> needs)
    {
        Needs.Clear();
        Needs.AddRange(needs.DistinctBy(n => n.Id));
    }

    /// <summary>An article entered by a workshop's facilitator for a participant who consented to its publication.</summary>
    public void SignForWorkshop(int workshopId, string signature, DateTimeOffset consentAt)
    {
        WorkshopId = workshopId;
        Signature = signature.Trim();
        ConsentAt = consentAt;
    }

    public void Propose(DateTimeOffset at)
    {
        Guard(CanPropose, "propose");
        Status = PublicationStatus.Proposed;
        ProposedAt = at;
        RefusalReason = null;
        UpdatedAt = at;
    }

    /// <summary>Publishes now, or from <paramref name="from"/> when it is later (scheduled publication).</summary>
    public void Publish(string byId, DateTimeOffset at, DateTimeOffset? from = null)
    {
        Guard(CanPublish, "publish");
        Status = PublicationStatus.Published;
        PublishFrom = from is { } later && later > at ? later : at;
        DecidedById = byId;
        DecidedAt = at;
        RefusalReason = null;
        UpdatedAt = at;
    }

    public void Refuse(string byId, DateTimeOffset at, string reason)
    {
        Guard(CanRefuse, "refuse");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A refusal needs a reason.", nameof(reason));
        }

        Status = PublicationStatus.Refused;
        RefusalReason = reason.Trim();
        DecidedById = byId;
        DecidedAt = at;
        UpdatedAt = at;
    }

    /// <summary>Back to draft: no longer visible, kept for its author.</summary>
    public void Unpublish(string byId, DateTimeOffset at)
    {
        Guard(CanUnpublish, "unpublish");
        Status = PublicationStatus.Draft;
        Featured = false;
        DecidedById = byId;
        DecidedAt = at;
        UpdatedAt = at;
    }

    public void Trash(DateTimeOffset at)
    {
        Guard(CanTrash, "trash");
        Status = PublicationStatus.Trashed;
        Featured = false;
        UpdatedAt = at;
    }

    public void Restore(DateTimeOffset at)
    {
        Guard(CanRestore, "restore");
        Status = PublicationStatus.Draft;
        UpdatedAt = at;
    }

    public void SetFeatured(bool featured, DateTimeOffset at)
    {
        Guard(!featured || Status == PublicationStatus.Published, "feature");
        Featured = featured;
        UpdatedAt = at;
    }

    private void Guard(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Cannot {action} a publication that is {Status}.");
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
