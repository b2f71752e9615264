using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>
/// The testimonies of a period of an action: a new one (pseudonym, text and/or recording, consent in plain words,
/// retention date), the list with their recordings and codings against the framework's criteria, and what the person
/// may ask at any time: a narrower or wider consent, or the erasure of what they said (the row and its recording).
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class RecordTestimoniesModel(
    ReperesDbContext db,
    EvaluationAccess access,
    TestimonyRecordings recordings,
    UserManager<ReperesUser> users,
    IOptions<SocialUtilityOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer,
    ILogger<RecordTestimoniesModel> logger) : PageModel
{
    /// <summary>Room for a recording a little over the limit, so that its sender reads why rather than an error page.</summary>
    public const long MaxRequestBytes = TestimonyRecordings.MaxBytes + (4 * 1024 * 1024);

    [BindProperty]
    public TestimonyInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Recording { get; set; }

    [BindProperty]
    public CodingInput Coding { get; set; } = new();

    /// <summary>The testimony whose erasure is being confirmed.</summary>
    [BindProperty(SupportsGet = true, Name = "effacer")]
    public int? ConfirmErase { get; set; }

    /// <summary>What was just done (ajoute, code, decode, accord, efface), for the confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public PeriodEntry Entry { get; private set; } = null!;

    public IReadOnlyList<Testimony> Testimonies { get; private set; } = [];

    /// <summary>The errors of the form sent, by field ("" for the form as a whole).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Which form was refused: "nouveau", or "coder-{id}" / "accord-{id}" for a testimony's.</summary>
    public string? FailedForm { get; private set; }

    public string DefaultCollector { get; private set; } = "";

    public int DefaultRetentionMonths => options.Value.DefaultRetentionMonths;

    public async Task<IActionResult> OnGetAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        Input = new TestimonyInput { CollectedOn = PeriodEntry.Iso(Entry.DefaultCollection), CollectedBy = DefaultCollector };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        FailedForm = "nouveau";
        if (Entry.ClosedReason is { } closed)
        {
            Errors[""] = localizer[closed];
            return Refused();
        }

        CheckedRecording? recording = null;
        if (Recording is { } file && (file.Length > 0 || file.FileName.Length > 0))
        {
            var (checkedRecording, error, argument) = await TestimonyRecordings.CheckAsync(file, HttpContext.RequestAborted);
            recording = checkedRecording;
            if (error is not null)
            {
                Errors[nameof(Recording)] = argument is null ? localizer[error] : localizer[error, argument];
            }
        }

        var values = Input.Read(Entry, recording is not null || Errors.ContainsKey(nameof(Recording)), DefaultRetentionMonths, Errors, localizer);
        if (values is not { } v || Errors.Count > 0)
        {
            return Refused();
        }

        var testimony = new Testimony(Entry.Structure.Id, Entry.Action.Id, Entry.Period.Id, v.Pseudonym, v.Text, v.Consent, v.RetainUntil, v.CollectedOn, v.CollectedBy,
            users.GetUserId(User)!, clock.GetUtcNow());
        string? stored = null;
        if (recording is not null)
        {
            stored = await recordings.SaveAsync(recording, HttpContext.RequestAborted);
            testimony.AttachRecording(stored, recording.ContentType);
        }

        try
        {
            db.Testimonies.Add(testimony);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch
        {
            // A recording without its testimony would never be erased: it goes with the failed save.
            recordings.Delete(stored);
            throw;
        }

        return Redirect($"{PageUrl}?fait=ajoute#temoignage-{testimony.Id}");
    }

    public async Task<IActionResult> OnPostCodeAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        if (await TrackedAsync(Coding.TestimonyId) is not { } testimony)
        {
            return NotFound();
        }

        FailedForm = $"coder-{testimony.Id}";
        var criterion = Entry.Criteria.FirstOrDefault(c => c.Id == Coding.CriterionId);
        CodingPolarity? polarity = Coding.Polarity switch
        {
            nameof(CodingPolarity.Positive) => CodingPolarity.Positive,
            nameof(CodingPolarity.Negative) => CodingPolarity.Negative,
            _ => null,
        };
        var excerpt = string.IsNullOrWhiteSpace(Coding.Excerpt) ? null : Coding.Excerpt.Trim();
        if (Entry.ClosedReason is { } closed)
        {
            Errors[""] = localizer[closed];
        }

        if (criterion is null)
        {
            Errors[nameof(CodingInput.CriterionId)] = localizer["Choisissez un critère du référentiel de cette action."];
        }

        if (polarity is null)
        {
            Errors[nameof(CodingInput.Polarity)] = localizer["Indiquez si le témoignage montre le critère atteint ou non."];
        }

        if (excerpt?.Length > 2000)
        {
            Errors[nameof(CodingInput.Excerpt)] = localizer["L’extrait est trop long : 2 000 caractères au plus."];
        }
        else if (excerpt is not null && testimony.Text is { } text && !Contains(text, excerpt))
        {
            Errors[nameof(CodingInput.Excerpt)] = localizer["Cet extrait ne se trouve pas dans le témoignage : copiez les mots de la personne tels qu’ils sont écrits."];
        }

        if (Errors.Count > 0 || criterion is null || polarity is not { } p)
        {
            return Refused();
        }

        testimony.Code(criterion.Id, p, excerpt);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{PageUrl}?fait=code#temoignage-{testimony.Id}");
    }

    public async Task<IActionResult> OnPostUncodeAsync(string slug, int actionId, int periodId, int testimonyId, int codingId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        if (await TrackedAsync(testimonyId) is not { } testimony || testimony.Codings.FirstOrDefault(c => c.Id == codingId) is not { } coding)
        {
            return NotFound();
        }

        if (Entry.ClosedReason is { } closed)
        {
            FailedForm = $"coder-{testimony.Id}";
            Errors[""] = localizer[closed];
            return Refused();
        }

        testimony.Uncode(coding);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{PageUrl}?fait=decode#temoignage-{testimony.Id}");
    }

    /// <summary>The person changed their mind about how far their words may go: honoured whatever the period's state.</summary>
    public async Task<IActionResult> OnPostConsentAsync(string slug, int actionId, int periodId, int testimonyId, string? consent)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        if (await TrackedAsync(testimonyId) is not { } testimony)
        {
            return NotFound();
        }

        if (TestimonyInput.ConsentOf(consent) is not { } chosen)
        {
            FailedForm = $"accord-{testimony.Id}";
            Errors["Consent"] = localizer["Choisissez ce que la personne a accepté : interne, réseau ou public."];
            return Refused();
        }

        testimony.ChangeConsent(chosen);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{PageUrl}?fait=accord#temoignage-{testimony.Id}");
    }

    /// <summary>Erases a testimony at the person's request, whatever the period's state: the row, its codings, its recording.</summary>
    public async Task<IActionResult> OnPostEraseAsync(string slug, int actionId, int periodId, int testimonyId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        if (await TrackedAsync(testimonyId) is not { } testimony)
        {
            return NotFound();
        }

        var recording = testimony.RecordingName;
        db.Testimonies.Remove(testimony);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        recordings.Delete(recording);
        logger.LogInformation("Testimony {TestimonyId} erased at the person's request", testimonyId);
        return Redirect($"{PageUrl}?fait=efface");
    }

    public string PageUrl => Entry.BaseUrl + "/temoignages";

    public string RecordingUrl(Testimony testimony) =>
        $"/mon-espace/structure/{Entry.Structure.Slug}/utilite-sociale/temoignages/{testimony.Id}/enregistrement";

    public string? ErrorOf(string form, string field) => FailedForm == form && Errors.TryGetValue(field, out var error) ? error : null;

    /// <summary>The values a testimony's coding form shows: what was typed when it was refused, else empty.</summary>
    public CodingInput CodingOf(Testimony testimony) => FailedForm == $"coder-{testimony.Id}" ? Coding : new CodingInput { TestimonyId = testimony.Id };

    public string CriterionName(int criterionId) => Entry.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Name ?? "";

    /// <summary>
    /// Whether the excerpt is words of the text: compared without regard to case, spaces and line breaks, or the kind of
    /// apostrophe (a phone types ' where the text has ’).
    /// </summary>
    public static bool Contains(string text, string excerpt) =>
        Comparable(text).Contains(Comparable(excerpt), StringComparison.OrdinalIgnoreCase);

    private static string Comparable(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c switch
            {
                '’' or '‘' or 'ʼ' => '\'',
                '«' or '»' or '“' or '”' => '"',
                _ => char.ToLower(c, CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Input.CollectedOn ??= PeriodEntry.Iso(Entry.DefaultCollection);
        return Page();
    }

    /// <summary>A testimony of this period of this action of this structure, tracked with its codings; none otherwise.</summary>
    private Task<Testimony?> TrackedAsync(int testimonyId) =>
        db.Testimonies.Include(t => t.Codings)
            .FirstOrDefaultAsync(t => t.Id == testimonyId && t.StructureId == Entry.Structure.Id && t.ActionId == Entry.Action.Id && t.PeriodId == Entry.Period.Id,
                HttpContext.RequestAborted);

    private async Task<IActionResult?> LoadAsync(string slug, int actionId, int periodId)
    {
        var (entry, refusal) = await PeriodEntry.OpenAsync(this, access, clock, slug, actionId, periodId, StructureOperations.RecordEvaluation);
        if (entry is null)
        {
            return refusal;
        }

        Entry = entry;
        Testimonies = await db.Testimonies.AsNoTracking().Include(t => t.Codings)
            .Where(t => t.StructureId == entry.Structure.Id && t.ActionId == entry.Action.Id && t.PeriodId == entry.Period.Id)
            .OrderByDescending(t => t.CollectedOn).ThenByDescending(t => t.Id)
            .ToListAsync(HttpContext.RequestAborted);
        DefaultCollector = (await users.GetUserAsync(User))?.DisplayName ?? "";
        return null;
    }
}
