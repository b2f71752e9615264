using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Reports;

public sealed class ReportInput
{
    /// <summary>The name of a <see cref="ReportSection"/>.</summary>
    public string? Section { get; set; }

    [Required(ErrorMessage = "Dites en quelques mots ce qui est inexact.")]
    [StringLength(SheetReport.TextMaxLength, MinimumLength = 5, ErrorMessage = "Le message doit faire entre 5 et 2 000 caractères.")]
    public string? Text { get; set; }

    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254, ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    public string? ContactEmail { get; set; }

    /// <summary>The honeypot: hidden from people, filled by robots.</summary>
    public string? Homepage { get; set; }
}

/// <summary>"This information is wrong": anyone, without an account, tells the structure and the coordination.</summary>
public sealed class ReportFormModel(
    ReperesDbContext db,
    ReportRateLimiter limiter,
    SheetReportNotifier notifier,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly IReadOnlyList<ReportSection> Sections = Enum.GetValues<ReportSection>();

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "envoye")]
    public bool Sent { get; set; }

    public string StructureName { get; private set; } = "";

    public string Slug { get; private set; } = "";

    /// <summary>Too many reports from this address within the hour: the page says so, with status 429.</summary>
    public bool Limited { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is not { } structureId)
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Input.Homepage))
        {
            // A robot: thanked like a person, but nothing is kept or sent.
            return RedirectToPage(new { slug, envoye = true });
        }

        ReportSection? section = Enum.TryParse<ReportSection>(Input.Section, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Input.Section, out _)
            ? parsed
            : null;
        if (section is null)
        {
            ModelState.AddModelError("Input.Section", localizer["Choisissez la partie de la fiche qui est inexacte."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!limiter.TryAcquire(HttpContext))
        {
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "3600";
            return Page();
        }

        var report = new SheetReport(structureId, section!.Value, Input.Text!.Trim(), string.IsNullOrWhiteSpace(Input.ContactEmail) ? null : Input.ContactEmail.Trim(), clock.GetUtcNow());
        db.SheetReports.Add(report);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await notifier.ReceivedAsync(report, StructureName, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return RedirectToPage(new { slug, envoye = true });
    }

    private async Task<int?> LoadAsync(string slug)
    {
        if (slug.Length > 200)
        {
            return null;
        }

        var structure = await db.Structures.AsNoTracking()
            .Where(s => s.Slug == slug && s.Status != StructureStatus.Draft)
            .Select(s => new { s.Id, s.Name, s.Slug })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (structure is null)
        {
            return null;
        }

        StructureName = structure.Name;
        Slug = structure.Slug;
        return structure.Id;
    }
}
