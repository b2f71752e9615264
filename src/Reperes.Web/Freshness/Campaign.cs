using Reperes.Web.Core.Structures;

namespace Reperes.Web.Freshness;

/// <summary>Which structures a campaign addresses.</summary>
public enum CampaignScope
{
    /// <summary>Every structure online.</summary>
    All,

    /// <summary>Structures online with a service for one need.</summary>
    Need,

    /// <summary>Structures online in one commune.</summary>
    Commune,
}

/// <summary>Where one structure stands in a campaign.</summary>
public enum CampaignProgress
{
    ToDo,

    /// <summary>The link was opened, nothing confirmed yet (or only some sections).</summary>
    Started,

    /// <summary>Every section asked was confirmed, by link or recorded by the coordinator.</summary>
    Done,
}

/// <summary>
/// A verification campaign run by the coordination ("fermetures d'été", "plan hiver"): chosen structures are asked to
/// confirm chosen sections of their sheet between two dates; each is tracked as to do, started or done.
/// </summary>
public sealed class Campaign
{
    private Campaign() { }

    public Campaign(string name, string message, SheetSections sections, CampaignScope scope, int? needId, string? communeCode, DateOnly startsOn, DateOnly endsOn, string createdById, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A campaign needs a name.", nameof(name));
        }

        if ((sections & SheetSections.All) == SheetSections.None)
        {
            throw new ArgumentException("A campaign confirms at least one section.", nameof(sections));
        }

        if (endsOn < startsOn)
        {
            throw new ArgumentException("A campaign cannot end before it starts.", nameof(endsOn));
        }

        if ((scope == CampaignScope.Need) != (needId is not null) || (scope == CampaignScope.Commune) != !string.IsNullOrWhiteSpace(communeCode))
        {
            throw new ArgumentException("The target needs its need or its commune, and only it.", nameof(scope));
        }

        Name = name.Trim();
        Message = message.Trim();
        Sections = sections & SheetSections.All;
        Scope = scope;
        NeedId = needId;
        CommuneCode = scope == CampaignScope.Commune ? communeCode!.Trim() : null;
        StartsOn = startsOn;
        EndsOn = endsOn;
        CreatedById = createdById;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The coordinator's words, included in the e-mail ("Êtes-vous fermés cet été ?").</summary>
    public string Message { get; private set; } = "";

    public SheetSections Sections { get; private set; }
    public CampaignScope Scope { get; private set; }
    public int? NeedId { get; private set; }
    public string? CommuneCode { get; private set; }

    /// <summary>First day the links can be sent (local date).</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>Last day the links work (local date).</summary>
    public DateOnly EndsOn { get; private set; }

    public string CreatedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public List<CampaignStructure> Structures { get; private set; } = [];
}

/// <summary>One structure in a campaign and its progress.</summary>
public sealed class CampaignStructure
{
    private CampaignStructure() { }

    public CampaignStructure(int campaignId, int structureId)
    {
        CampaignId = campaignId;
        StructureId = structureId;
        Progress = CampaignProgress.ToDo;
    }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public Campaign Campaign { get; private set; } = null!;
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public CampaignProgress Progress { get; private set; }

    /// <summary>Last time its link was sent (null: not yet, e.g. no manager to send it to).</summary>
    public DateTimeOffset? SentAt { get; private set; }

    public int SentCount { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>How the answer was obtained, once done.</summary>
    public VerificationMethod? AnsweredBy { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        SentCount++;
    }

    /// <summary>The link was opened: to do becomes started (a done structure stays done).</summary>
    public void Start(DateTimeOffset now)
    {
        switch (Progress)
        {
            case CampaignProgress.ToDo:
                Progress = CampaignProgress.Started;
                StartedAt = now;
                break;
            case CampaignProgress.Started:
            case CampaignProgress.Done:
                break;
            default:
                throw new InvalidOperationException($"Unknown progress {Progress}.");
        }
    }

    /// <summary>Every section asked is confirmed; the first answer is kept.</summary>
    public void Complete(VerificationMethod method, DateTimeOffset now)
    {
        switch (Progress)
        {
            case CampaignProgress.ToDo:
            case CampaignProgress.Started:
                StartedAt ??= now;
                Progress = CampaignProgress.Done;
                DoneAt = now;
                AnsweredBy = method;
                break;
            case CampaignProgress.Done:
                break;
            default:
                throw new InvalidOperationException($"Unknown progress {Progress}.");
        }
    }
}
