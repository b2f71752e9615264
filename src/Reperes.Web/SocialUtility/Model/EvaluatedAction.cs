namespace Reperes.Web.SocialUtility.Model;

/// <summary>
/// An action of a structure that it evaluates with one of its frameworks (a workshop series, a drop-in, a newspaper),
/// linked to the services of its sheet that carry it, and followed period by period.
/// </summary>
public sealed class EvaluatedAction
{
    private readonly List<ActionPeriod> periods = [];
    private readonly List<ActionService> services = [];

    private EvaluatedAction() { }

    public EvaluatedAction(int structureId, int frameworkId, string title, string? description, DateTimeOffset at)
    {
        StructureId = structureId;
        FrameworkId = frameworkId;
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        CreatedAt = at;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public int FrameworkId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<ActionPeriod> Periods => periods;
    public IReadOnlyList<ActionService> Services => services;

    public void Change(string title, string? description)
    {
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    /// <summary>Links the action to these services of its structure (the caller checks they are the structure's).</summary>
    public void LinkServices(IEnumerable<int> serviceIds)
    {
        var wanted = serviceIds.ToHashSet();
        services.RemoveAll(s => !wanted.Contains(s.ServiceId));
        foreach (var id in wanted.Where(id => services.All(s => s.ServiceId != id)))
        {
            services.Add(new ActionService(id));
        }
    }

    /// <summary>Opens a period of observation; periods of one action never overlap.</summary>
    public ActionPeriod OpenPeriod(string label, DateOnly startsOn, DateOnly endsOn)
    {
        if (endsOn < startsOn)
        {
            throw new ArgumentException("A period ends after it starts.", nameof(endsOn));
        }

        if (periods.Any(p => p.StartsOn <= endsOn && startsOn <= p.EndsOn))
        {
            throw new InvalidOperationException("This period overlaps another period of the action.");
        }

        var period = new ActionPeriod(label, startsOn, endsOn);
        periods.Add(period);
        return period;
    }
}

/// <summary>A service of the guide that carries an action.</summary>
public sealed class ActionService
{
    private ActionService() { }

    internal ActionService(int serviceId) => ServiceId = serviceId;

    public int ActionId { get; private set; }
    public int ServiceId { get; private set; }
}

/// <summary>Where a period stands: observations are entered while open, checked once closed, final once validated.</summary>
public enum PeriodStatus
{
    Open = 0,
    Closed = 1,
    Validated = 2,
}

/// <summary>A period of an action (a term, a year) whose observations, testimonies and self-assessment go together.</summary>
public sealed class ActionPeriod
{
    private ActionPeriod() { }

    internal ActionPeriod(string label, DateOnly startsOn, DateOnly endsOn)
    {
        Label = label.Trim();
        StartsOn = startsOn;
        EndsOn = endsOn;
        Status = PeriodStatus.Open;
    }

    public int Id { get; private set; }
    public int ActionId { get; private set; }
    public string Label { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public PeriodStatus Status { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? ValidatedAt { get; private set; }
    public string? ValidatedById { get; private set; }

    /// <summary>Observations, testimonies and ratings can be entered or corrected.</summary>
    public bool AcceptsEntries => Status == PeriodStatus.Open;

    /// <summary>Collection is over: the figures wait for the team's validation.</summary>
    public void Close(DateTimeOffset at)
    {
        if (Status != PeriodStatus.Open)
        {
            throw new InvalidOperationException("Only an open period can be closed.");
        }

        Status = PeriodStatus.Closed;
        ClosedAt = at;
    }

    /// <summary>Back to entry, to correct a figure before validation.</summary>
    public void Reopen()
    {
        if (Status != PeriodStatus.Closed)
        {
            throw new InvalidOperationException("Only a closed period can be reopened; a validated one is final.");
        }

        Status = PeriodStatus.Open;
        ClosedAt = null;
    }

    /// <summary>The figures are final: they count in the territory's aggregates.</summary>
    public void Validate(string byUserId, DateTimeOffset at)
    {
        if (Status != PeriodStatus.Closed)
        {
            throw new InvalidOperationException("Only a closed period can be validated.");
        }

        Status = PeriodStatus.Validated;
        ValidatedAt = at;
        ValidatedById = byUserId;
    }
}
