using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Pages;

/// <summary>Why a link does not open the sheet.</summary>
public enum LinkProblem
{
    Unknown,
    Expired,
    Used,
}

/// <summary>
/// The page of a reminder's or a campaign's link, without login: the sheet's sections and "Rien n'a changé" for all of
/// them or one at a time, "Mettre à jour" towards the edit pages. Opening the page confirms nothing (mail scanners
/// follow links): confirming is a form (POST, antiforgery).
/// </summary>
public sealed class UpdateLinkModel(ReperesDbContext db, FreshnessRecorder recorder, StructureWriter writer, HoursEvaluator hours, TimeProvider clock) : PageModel
{
    public const string DoneKey = "freshness-done";

    /// <summary>The sections as the addresses and forms name them.</summary>
    public static readonly IReadOnlyDictionary<string, SheetSections> SectionCodes = new Dictionary<string, SheetSections>
    {
        ["coordonnees"] = SheetSections.Contact,
        ["adresse"] = SheetSections.Address,
        ["horaires"] = SheetSections.Hours,
        ["services"] = SheetSections.Services,
        ["fermetures"] = SheetSections.Notices,
    };

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>The section just confirmed, said on arrival.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public LinkProblem? Problem { get; private set; }

    public UpdateLink Link { get; private set; } = null!;

    public Structure Structure { get; private set; } = null!;

    public Campaign? Campaign { get; private set; }

    public IReadOnlyList<WeekDay> Week { get; private set; } = [];

    public IReadOnlyList<NoticeInfo> Notices { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        Link.Open(now);
        await recorder.StartCampaignAsync(Link, Structure.Id, now, HttpContext.RequestAborted);

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? section)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        SheetSections sections;
        if (section == "tout")
        {
            sections = Link.RemainingSections;
        }
        else if (section is not null && SectionCodes.TryGetValue(section, out var one) && (Link.RemainingSections & one) == one)
        {
            sections = one;
        }
        else
        {
            Error = "unknown-section";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await writer.ConfirmAsync(Structure, () => recorder.ConfirmThroughLinkAsync(Link, Structure, sections, clock.GetUtcNow(), HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (Link.UsedAt is not null)
        {
            TempData[DoneKey] = Structure.Name;
            return RedirectToPage("/Freshness/Pages/Thanks");
        }

        return RedirectToPage("/Freshness/Pages/UpdateLink", null, new { code = Code, fait = section }, "sections");
    }

    /// <summary>Where "Mettre à jour" leads: the notices' page when only they are asked, the sheet's edit page otherwise.</summary>
    public string EditUrl => Link.Sections switch
    {
        SheetSections.Notices => $"/mon-espace/structure/{Structure.Slug}/fermetures",
        SheetSections.Services => $"/mon-espace/structure/{Structure.Slug}/modifier#services",
        _ => $"/mon-espace/structure/{Structure.Slug}/modifier",
    };

    public bool Confirmed(SheetSections section) => (Link.ConfirmedSections & section) == section;

    public string CodeOf(SheetSections section) => SectionCodes.First(c => c.Value == section).Key;

    private async Task<IActionResult?> LoadAsync()
    {
        var link = string.IsNullOrWhiteSpace(Code) || Code.Length > 100
            ? null
            : await db.UpdateLinks.FirstOrDefaultAsync(l => l.CodeHash == UpdateLink.Hash(Code), HttpContext.RequestAborted);
        var now = clock.GetUtcNow();
        Problem = link switch
        {
            null => LinkProblem.Unknown,
            { UsedAt: not null } => LinkProblem.Used,
            _ when link.IsExpired(now) => LinkProblem.Expired,
            _ => null,
        };
        if (Problem is { } problem)
        {
            // Unknown: 404; known but no longer usable: 410 Gone. The page says what to do in both cases.
            Response.StatusCode = problem == LinkProblem.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            if (link is not null)
            {
                Structure = await db.Structures.AsNoTracking().SingleAsync(s => s.Id == link.StructureId, HttpContext.RequestAborted);
            }

            return Page();
        }

        Link = link!;
        Structure = await db.Structures
            .Include(s => s.Services).ThenInclude(v => v.Category)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == Link.StructureId, HttpContext.RequestAborted);
        Campaign = Link.CampaignId is { } campaignId ? await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, HttpContext.RequestAborted) : null;
        Today = HoursEvaluator.LocalDate(now);
        Notices = Structure.Notices.Where(n => !n.IsExpiredOn(Today)).OrderBy(n => n.StartsOn).Select(NoticeInfo.Of).ToList();
        Week = hours.Week(Structure.OpeningHours, Notices.Where(n => n.ServiceId is null).ToList(), Today);
        return null;
    }
}
