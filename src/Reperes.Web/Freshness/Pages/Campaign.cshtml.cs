using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Pages;

public sealed record CampaignStructureRow(int StructureId, string Name, string Slug, string? City, CampaignProgress Progress, DateTimeOffset? SentAt, int SentCount, DateTimeOffset? DoneAt, VerificationMethod? AnsweredBy, int Managers);

/// <summary>
/// One campaign: its progress (to do, started, done), each structure's state, sending and resending its links, and
/// the answers the coordinator got by phone or during a visit.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class CampaignModel(ReperesDbContext db, CampaignSender sender, FreshnessRecorder recorder, StructureWriter writer, TimeProvider clock, IOptions<ReperesOptions> options) : PageModel
{
    public const int RowLimit = 500;

    public static readonly IReadOnlyDictionary<string, CampaignProgress> States = new Dictionary<string, CampaignProgress>
    {
        ["a-faire"] = CampaignProgress.ToDo,
        ["commence"] = CampaignProgress.Started,
        ["fait"] = CampaignProgress.Done,
    };

    public static readonly IReadOnlyDictionary<string, VerificationMethod> AnswerMethods = new Dictionary<string, VerificationMethod>
    {
        ["telephone"] = VerificationMethod.Phone,
        ["visite"] = VerificationMethod.Visit,
    };

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? StateFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true, Name = "structures")]
    public int SentStructures { get; set; }

    [BindProperty(SupportsGet = true, Name = "sans")]
    public int WithoutManager { get; set; }

    public Campaign Campaign { get; private set; } = null!;

    public CampaignCounts Counts { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<CampaignStructureRow> Rows { get; private set; } = [];

    public int NeverSent { get; private set; }

    public DateOnly Today { get; private set; }

    public bool IsOpen => Today >= Campaign.StartsOn && Today <= Campaign.EndsOn;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (StateFilter is { Length: > 0 } && !States.ContainsKey(StateFilter))
        {
            Error = "filter";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadRowsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(int id) => await SendAsync(id, again: false);

    public async Task<IActionResult> OnPostResendAsync(int id) => await SendAsync(id, again: true);

    public async Task<IActionResult> OnPostRecordAsync(int id, int structureId, string? method, string? note)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var target = await db.CampaignStructures.Include(t => t.Structure)
            .FirstOrDefaultAsync(t => t.CampaignId == id && t.StructureId == structureId, HttpContext.RequestAborted);
        if (target is null)
        {
            return NotFound();
        }

        if (method is null || !AnswerMethods.TryGetValue(method, out var how) || note is { Length: > 1000 })
        {
            Error = "answer";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadRowsAsync();
            return Page();
        }

        await writer.ConfirmAsync(target.Structure, () => recorder.RecordAsync(target.Structure, how, Campaign.Sections, User.FindFirstValue(ClaimTypes.NameIdentifier), null, Campaign.Id, note, clock.GetUtcNow(), HttpContext.RequestAborted), HttpContext.RequestAborted);
        return RedirectToPage("/Freshness/Pages/Campaign", null, new { id, fait = "reponse" }, $"structure-{structureId}");
    }

    private async Task<IActionResult> SendAsync(int id, bool again)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!IsOpen)
        {
            Error = "closed";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadRowsAsync();
            return Page();
        }

        var run = await sender.SendAsync(Campaign, again, options.Value.LinkBaseUrl, clock.GetUtcNow(), HttpContext.RequestAborted);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/mon-espace/coordination/campagnes/{id}?fait={(again ? "relance" : "envoye")}&structures={run.Structures}&sans={run.WithoutManager}"));
    }

    private async Task<bool> LoadAsync(int id)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (campaign is null)
        {
            return false;
        }

        Campaign = campaign;
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        return true;
    }

    private async Task LoadRowsAsync()
    {
        Counts = (await CampaignCounts.OfAsync(db, [Campaign.Id], HttpContext.RequestAborted))[Campaign.Id];
        NeverSent = await db.CampaignStructures.CountAsync(t => t.CampaignId == Campaign.Id && t.SentAt == null && t.Progress != CampaignProgress.Done, HttpContext.RequestAborted);
        var query = db.CampaignStructures.AsNoTracking().Where(t => t.CampaignId == Campaign.Id);
        if (StateFilter is { } filter && States.TryGetValue(filter, out var state))
        {
            query = query.Where(t => t.Progress == state);
        }

        Rows = await query
            .OrderBy(t => t.Progress).ThenBy(t => t.Structure.SortName).ThenBy(t => t.Structure.Name).ThenBy(t => t.Id)
            .Take(RowLimit)
            .Select(t => new CampaignStructureRow(
                t.StructureId, t.Structure.Name, t.Structure.Slug, t.Structure.City, t.Progress, t.SentAt, t.SentCount, t.DoneAt, t.AnsweredBy,
                db.Memberships.Count(m => m.StructureId == t.StructureId && m.Role == MembershipRole.Manager)))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
