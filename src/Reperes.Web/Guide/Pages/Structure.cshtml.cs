using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;
using Reperes.Web.Infrastructure;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Guide.Pages;

public sealed class StructureModel(ReperesDbContext db, HoursEvaluator hours, TimeProvider clock, IOptions<ReperesOptions> options, IAuthorizationService authorization, PublicationFeed feed) : PageModel
{
    /// <summary>The person may edit this sheet (a manager of the structure, the coordinator).</summary>
    public bool CanEdit { get; private set; }

    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public string? Saved { get; set; }

    public Structure Structure { get; private set; } = null!;

    public HoursStatus Status { get; private set; } = null!;

    public IReadOnlyList<WeekDay> Week { get; private set; } = [];

    public IReadOnlyList<NoticeInfo> Notices { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>What the structure published lately, and its next events.</summary>
    public IReadOnlyList<PublicationCard> Publications { get; private set; } = [];

    public IReadOnlyList<PublicationCard> Events { get; private set; } = [];

    /// <summary>The person may write in the structure's name (a member, the coordinator).</summary>
    public bool CanWrite { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public MapOptions Map => options.Value.Map;

    /// <summary>The sheet's permanent address (for its schema.org description).</summary>
    public string PublicUrl => $"{options.Value.BaseUrl(Request)}/structure/{Structure.Slug}";

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (slug.Length > 200)
        {
            return NotFound();
        }

        var structure = await db.Structures.AsNoTracking()
            .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null || structure.Status is StructureStatus.Draft)
        {
            return NotFound();
        }

        Structure = structure;
        Today = HoursEvaluator.LocalDate(Now);
        Notices = structure.Notices
            .Where(n => !n.IsExpiredOn(Today))
            .OrderBy(n => n.StartsOn)
            .Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours))
            .ToList();
        var structureNotices = Notices.Where(n => n.ServiceId is null).ToList();
        Status = hours.Describe(structure.OpeningHours, structureNotices, Now, CultureInfo.CurrentUICulture);
        Week = hours.Week(structure.OpeningHours, structureNotices, Today);
        ViewData["Demo"] = structure.IsDemo;
        CanEdit = User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(User, structure, Accounts.StructureOperations.EditSheet)).Succeeded;
        CanWrite = User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(User, structure, Accounts.StructureOperations.WritePublications)).Succeeded;
        if (structure.Status == StructureStatus.Online)
        {
            Events = await feed.UpcomingEventsAsync(5, structureId: structure.Id, cancellationToken: HttpContext.RequestAborted);
            Publications = await feed.LatestAsync(5, structureId: structure.Id, cancellationToken: HttpContext.RequestAborted);
        }

        // Gone for good, or taken offline: say so honestly rather than pretend it does not exist.
        Response.StatusCode = structure.Status switch
        {
            StructureStatus.Online => StatusCodes.Status200OK,
            StructureStatus.Offline => StatusCodes.Status404NotFound,
            StructureStatus.PermanentlyClosed => StatusCodes.Status410Gone,
            StructureStatus.Draft => StatusCodes.Status404NotFound,
            _ => throw new InvalidOperationException($"Unknown status {structure.Status}."),
        };
        return Page();
    }

    public HoursStatus ServiceStatus(Service service) =>
        hours.Describe(service.OpeningHours, Notices.Where(n => n.ServiceId == service.Id || n.ServiceId is null).ToList(), Now, CultureInfo.CurrentUICulture);

    public IReadOnlyList<WeekDay> ServiceWeek(Service service) =>
        hours.Week(service.OpeningHours, Notices.Where(n => n.ServiceId == service.Id || n.ServiceId is null).ToList(), Today);
}
