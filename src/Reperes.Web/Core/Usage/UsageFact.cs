namespace Reperes.Web.Core.Usage;

/// <summary>
/// One action as the network counts it: its kind and the few facts about the guide it concerns, never anything
/// about the person (no address, no browser, no identifier across requests). Empty strings mean "not applicable".
/// </summary>
public sealed record UsageFact(UsageKind Kind)
{
    /// <summary>The need searched or of the place (e.g. "se-nourrir").</summary>
    public string NeedCode { get; init; } = "";

    /// <summary>The category searched or of the service.</summary>
    public string CategoryCode { get; init; } = "";

    /// <summary>The commune (INSEE code) searched in, or of the place.</summary>
    public string Commune { get; init; } = "";

    /// <summary>The structure concerned (a sheet, a place of a slip, a referral's service).</summary>
    public int? StructureId { get; init; }

    /// <summary>A short code that refines the kind (the API's or export's kind, the slip's way: print or share).</summary>
    public string Detail { get; init; } = "";

    /// <summary>
    /// For a search that found nothing or next to nothing: its words, normalised (folded, lower case, filler words
    /// out). Empty otherwise: the words of searches that found something are not kept.
    /// </summary>
    public string Words { get; init; } = "";

    /// <summary>For a search: how many results it found (<see cref="UsageEvent.ManyResults"/> meaning that many or more).</summary>
    public int? Results { get; init; }
}
