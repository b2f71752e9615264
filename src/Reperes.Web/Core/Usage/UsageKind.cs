namespace Reperes.Web.Core.Usage;

/// <summary>What a person did that the network counts (one event per action, never who did it).</summary>
public enum UsageKind
{
    /// <summary>A search of the guide (results page, need page, internet places, widget): first page only.</summary>
    Search,

    /// <summary>A structure's sheet read.</summary>
    SheetView,

    /// <summary>A tap on a sheet's phone number.</summary>
    Call,

    /// <summary>A tap on "how to get there" (directions).</summary>
    Directions,

    /// <summary>A tap on a structure's website.</summary>
    Website,

    /// <summary>A tap on a structure's e-mail address.</summary>
    Email,

    /// <summary>An orientation slip printed or shared (one per slip).</summary>
    Slip,

    /// <summary>One place of an orientation slip printed or shared (one per place).</summary>
    SlipPlace,

    /// <summary>A referral sent to a service (its structure and category only).</summary>
    Referral,

    /// <summary>A call of the JSON API, by kind in <see cref="UsageFact.Detail"/>.</summary>
    Api,

    /// <summary>A download of an export or feed, by kind in <see cref="UsageFact.Detail"/>.</summary>
    Export,
}

/// <summary>Groups of kinds the statistics read together.</summary>
public static class UsageKinds
{
    /// <summary>The taps on a place's contacts, in the order pages show them.</summary>
    public static readonly UsageKind[] Taps = [UsageKind.Call, UsageKind.Directions, UsageKind.Website, UsageKind.Email];

    public static bool IsTap(this UsageKind kind) => kind is UsageKind.Call or UsageKind.Directions or UsageKind.Website or UsageKind.Email;
}
