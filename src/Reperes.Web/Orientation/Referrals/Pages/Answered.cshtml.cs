using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>After an answer by the e-mail's link: what was answered, nothing of the request (the link is spent).</summary>
public sealed class AnsweredModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "etat")]
    public int State { get; set; }

    public ReferralState? Answer => State is (int)ReferralState.Accepted or (int)ReferralState.Refused or (int)ReferralState.ContactRequested ? (ReferralState)State : null;
}
