namespace Reperes.Web.SocialUtility;

/// <summary>Settings of the social-utility evaluation (section <c>Reperes:SocialUtility</c>).</summary>
public sealed class SocialUtilityOptions
{
    public const string Section = "Reperes:SocialUtility";

    /// <summary>A territory figure built from fewer structures than this is not shown (so that no structure can be recognised).</summary>
    public int MinimumStructures { get; set; } = 5;

    /// <summary>How long a testimony is kept by default, from the day it was collected (the form proposes this date).</summary>
    public int DefaultRetentionMonths { get; set; } = 24;
}
