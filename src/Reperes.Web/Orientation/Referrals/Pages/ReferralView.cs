namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>What the request's partial shows: the request, its structure, and where its document is served (or null).</summary>
public sealed record ReferralView(Referral Referral, string StructureName, string? DocumentUrl);

/// <summary>What the answer forms need: their error, and the text typed.</summary>
public sealed record ReferralAnswerForm(Referral Referral, string? Error, string? Text, ReferralDecision? Decision);
