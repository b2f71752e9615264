using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Shared.Hours;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>A temporary closure, exceptional hours or a dated message, for the structure or one of its services.</summary>
public sealed class NoticeInput
{
    public string Kind { get; set; } = nameof(NoticeKind.Closure);

    /// <summary>Empty for the whole structure, else the id of one of its services.</summary>
    public string? Service { get; set; }

    /// <summary>As &lt;input type=date&gt; sends it (2026-12-24), or as people write it (24/12/2026).</summary>
    public string? StartsOn { get; set; }

    public string? EndsOn { get; set; }

    [StringLength(1000, ErrorMessage = "Le texte est trop long : 1 000 caractères au plus.")]
    public string? Text { get; set; }

    public HoursInput Hours { get; set; } = new() { Mode = HoursModes.Grid };
}

/// <summary>
/// "Fermetures et informations temporaires": the current and coming notices of a structure, and a form to add one.
/// What is announced is chosen first (?type=fermeture, horaires or message, a closure by default), and the form
/// asks only what that kind needs: dates and a reason for a closure, dates and a message for a message, and the
/// hours grid only for exceptional hours. Dates are local dates of Europe/Paris, inclusive.
/// </summary>
[Authorize]
public sealed class NoticesModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    StructureWriter writer,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>How far ahead a notice may end, and how long it may last: beyond that it is not temporary.</summary>
    public const int MaxDaysAhead = 2 * 366;

    public const int MaxDuration = 366;

    [BindProperty]
    public NoticeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    /// <summary>The kind chosen before the form, as the links of the page give it.</summary>
    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    /// <summary>The codes of the kinds in addresses (?type=…), in the order the page offers them.</summary>
    public static readonly IReadOnlyList<(NoticeKind Kind, string Code)> Types =
        [(NoticeKind.Closure, "fermeture"), (NoticeKind.ExceptionalHours, "horaires"), (NoticeKind.Message, "message")];

    /// <summary>The kind whose form is shown: the one posted, else the one chosen, else a closure.</summary>
    public NoticeKind Kind => KindOf(Input.Kind) ?? NoticeKind.Closure;

    public Structure Structure { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>Current and coming notices, the soonest first.</summary>
    public IReadOnlyList<Notice> Current { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var kind = Types.Where(t => t.Code == Type).Select(t => (NoticeKind?)t.Kind).FirstOrDefault() ?? NoticeKind.Closure;
        Input = new NoticeInput { Kind = kind.ToString(), StartsOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        Service? service = null;
        if (!string.IsNullOrEmpty(Input.Service))
        {
            // Only this structure's services: another's id is not found here.
            service = int.TryParse(Input.Service, NumberStyles.None, CultureInfo.InvariantCulture, out var serviceId)
                ? Structure.Services.FirstOrDefault(v => v.Id == serviceId)
                : null;
            if (service is null)
            {
                return NotFound();
            }
        }

        var kindKnown = KindOf(Input.Kind) is not null;
        var kind = KindOf(Input.Kind) ?? NoticeKind.Closure;
        if (!kindKnown)
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        var (startsOn, endsOn) = ValidateDates();
        var text = Input.Text?.Trim() ?? "";
        if (kindKnown && kind == NoticeKind.Message && text.Length == 0)
        {
            ModelState.AddModelError("", localizer["Écrivez le message à afficher."]);
        }

        string? openingHours = null;
        if (kindKnown && kind == NoticeKind.ExceptionalHours)
        {
            if (Input.Hours.Mode == HoursModes.None)
            {
                Input.Hours.Mode = HoursModes.Grid;
            }

            var errors = new List<string>();
            openingHours = Input.Hours.Resolve(localizer, errors);
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }
        }

        if (!ModelState.IsValid || startsOn is null || endsOn is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var notice = new Notice(Structure, service, kind, startsOn.Value, endsOn.Value, text, openingHours);
        Structure.Notices.Add(notice);
        await writer.SaveAsync(User, Structure, [NoticeFields.Added(notice, service?.Name)], HttpContext.RequestAborted);
        return Redirect($"{EditArea.Url(Structure, "fermetures")}?fait=ajoutee");
    }

    public static string Code(NoticeKind kind) => Types.First(t => t.Kind == kind).Code;

    private static NoticeKind? KindOf(string? text) =>
        Enum.TryParse<NoticeKind>(text, out var kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _) ? kind : null;

    public string? ServiceName(Notice notice) => notice.ServiceId is { } id ? Structure.Services.FirstOrDefault(v => v.Id == id)?.Name : null;

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        Current = structure.Notices.Where(n => !n.IsExpiredOn(Today)).OrderBy(n => n.StartsOn).ThenBy(n => n.EndsOn).ToList();
        return null;
    }

    private (DateOnly? StartsOn, DateOnly? EndsOn) ValidateDates()
    {
        var startsOn = Date(Input.StartsOn);
        var endsOn = Date(Input.EndsOn);
        if (startsOn is null)
        {
            ModelState.AddModelError("", localizer["Indiquez la date de début (par exemple 24/12/2026)."]);
        }

        if (endsOn is null)
        {
            ModelState.AddModelError("", localizer["Indiquez la date de fin (par exemple 02/01/2027), le même jour si cela ne dure qu’un jour."]);
        }

        if (startsOn is not { } start || endsOn is not { } end)
        {
            return (null, null);
        }

        if (end < start)
        {
            ModelState.AddModelError("", localizer["La date de fin doit être le jour de début ou après."]);
        }
        else if (end < Today)
        {
            ModelState.AddModelError("", localizer["Cette période est déjà passée : la date de fin est avant aujourd’hui."]);
        }
        else if (end > Today.AddDays(MaxDaysAhead) || start < Today.AddDays(-MaxDuration))
        {
            ModelState.AddModelError("", localizer["Ces dates sont trop lointaines : annoncez ce qui arrive dans les deux ans à venir."]);
        }
        else if (end.DayNumber - start.DayNumber >= MaxDuration)
        {
            ModelState.AddModelError("", localizer["Une information temporaire dure un an au plus : pour un changement durable, modifiez la fiche."]);
        }

        return (start, end);
    }

    private DateOnly? Date(string? text) => TypedDates.Read(text, HoursEvaluator.LocalDate(clock.GetUtcNow()));
}
