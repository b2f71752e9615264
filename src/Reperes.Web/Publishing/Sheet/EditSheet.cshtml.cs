using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Data;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;
using Reperes.Web.Guide.Hours.Editor;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>The sheet as its staff edit it: plain fields and choices, the hours in the weekly grid (the syntax only behind a toggle).</summary>
public sealed class SheetInput
{
    [Required(ErrorMessage = "Indiquez le nom de la structure.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Indiquez en une phrase ce que fait la structure.")]
    [StringLength(280, ErrorMessage = "Le résumé est trop long : 280 caractères au plus.")]
    public string Summary { get; set; } = "";

    [StringLength(10000, ErrorMessage = "La présentation est trop longue : 10 000 caractères au plus.")]
    public string? Description { get; set; }

    [StringLength(300)]
    public string? Street { get; set; }

    [StringLength(10)]
    public string? PostalCode { get; set; }

    [StringLength(120)]
    public string? City { get; set; }

    [StringLength(5)]
    public string? CommuneCode { get; set; }

    [StringLength(20)]
    public string? Latitude { get; set; }

    [StringLength(20)]
    public string? Longitude { get; set; }

    [StringLength(300)]
    public string? Phones { get; set; }

    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string? Email { get; set; }

    [StringLength(500)]
    public string? Website { get; set; }

    public string Wheelchair { get; set; } = "unknown";

    public List<string> Languages { get; set; } = [];

    /// <summary>The structure's own hours: the weekly grid, or the expert syntax; an empty grid means no hours given.</summary>
    public HoursInput Hours { get; set; } = new() { Mode = HoursModes.Grid };

    [StringLength(2000, ErrorMessage = "La précision sur les horaires est trop longue : 2 000 caractères au plus.")]
    public string? OpeningHoursDetails { get; set; }

    /// <summary>Months between two verifications: 1, 3, 6 or 12 (absent: unchanged).</summary>
    public string? UpdateFrequency { get; set; }
}

[Authorize]
public sealed partial class EditSheetModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    SheetWriter writer,
    Freshness.FreshnessRecorder freshness,
    HoursEvaluator hours,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The value of the button that shows the preview (and saves nothing).</summary>
    public const string PreviewAction = "preview";

    /// <summary>The value of the button under the hours that shows the week they give (and saves nothing).</summary>
    public const string HoursPreviewAction = "hours";

    [BindProperty]
    public SheetInput Input { get; set; } = new();

    /// <summary>Which button sent the form: <see cref="PreviewAction"/>, or anything else to save.</summary>
    [BindProperty(Name = "action")]
    public string? Submitted { get; set; }

    /// <summary>What was just done elsewhere in the edit area (a service saved…), said on arrival.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Structure Structure { get; private set; } = null!;

    /// <summary>The public sheet with the changes of the form, when the person asked for it.</summary>
    public SheetPreview? Preview { get; private set; }

    public IReadOnlyList<NoticeInfo> CurrentNotices { get; private set; } = [];

    /// <summary>The next seven days with the hours of the form (the saved ones on arrival), under the grid.</summary>
    public IReadOnlyList<WeekDay> HoursWeek { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var s = Structure;
        Input = new SheetInput
        {
            Name = s.Name,
            Summary = s.Summary,
            Description = s.Description,
            Street = s.Street,
            PostalCode = s.PostalCode,
            City = s.City,
            CommuneCode = s.CommuneCode,
            Latitude = s.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = s.Longitude?.ToString(CultureInfo.InvariantCulture),
            Phones = string.Join('\n', s.PhoneList),
            Email = s.Email,
            Website = s.Website,
            Wheelchair = s.WheelchairAccessible switch { true => "yes", false => "no", null => "unknown" },
            Languages = s.LanguageList.ToList(),
            Hours = HoursInput.From(s.OpeningHours, HoursModes.Grid),
            OpeningHoursDetails = s.OpeningHoursDetails,
            UpdateFrequency = s.UpdateFrequencyMonths.ToString(CultureInfo.InvariantCulture),
        };
        HoursWeek = WeekOf(s.OpeningHours);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        var address = Validate();
        var openingHours = ResolveHours();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = SheetFields.Snapshot(Structure);
        var frequencyBefore = Structure.UpdateFrequencyMonths;
        var s = Structure;
        s.Describe(Input.Name.Trim(), s.Kind, Input.Summary.Trim(), Input.Description?.Trim() ?? "", s.NetworkList);
        s.LocateAt(address);
        s.SetContact(Lines(Input.Phones), Blank(Input.Email), Blank(Input.Website));
        s.SetReception(Input.Wheelchair switch { "yes" => true, "no" => false, _ => null }, Input.Languages, openingHours, Blank(Input.OpeningHoursDetails));
        if (!string.IsNullOrEmpty(Input.UpdateFrequency))
        {
            s.SetUpdateFrequency(int.Parse(Input.UpdateFrequency, CultureInfo.InvariantCulture));
        }
        if (Submitted is PreviewAction or HoursPreviewAction)
        {
            // The changes stay in memory for this response only: nothing is saved.
            HoursWeek = WeekOf(openingHours);
            Preview = Submitted == PreviewAction ? SheetPreview.Build(s, hours, clock.GetUtcNow(), localizer) : null;
            return Page();
        }

        var changes = SheetFields.Diff(before, SheetFields.Snapshot(s));
        if (s.UpdateFrequencyMonths != frequencyBefore)
        {
            changes.Add(new FieldChange(SheetFields.UpdateFrequency, SheetFields.Months(frequencyBefore), SheetFields.Months(s.UpdateFrequencyMonths)));
        }

        // The whole sheet was in front of the person who saved it (services and notices are listed below the form):
        // saving it confirms it, which answers the reminders and campaigns, with or without changes.
        var now = clock.GetUtcNow();
        await freshness.RecordAsync(s, Freshness.VerificationMethod.Edit, Freshness.SheetSections.All, User.FindFirstValue(ClaimTypes.NameIdentifier), null, null, null, now, HttpContext.RequestAborted);
        var saved = await writer.SaveAsync(User, s, changes, HttpContext.RequestAborted);
        if (!saved)
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        // A sheet not yet online has no public page to show: stay in the edit area.
        return s.Status == StructureStatus.Online
            ? Redirect($"/structure/{s.Slug}?enregistre={(saved ? "1" : "0")}")
            : Redirect($"/mon-espace/structure/{s.Slug}/modifier?fait={(saved ? "fiche-enregistree" : "rien")}");
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        CurrentNotices = structure.Notices.Where(n => !n.IsExpiredOn(Today)).OrderBy(n => n.StartsOn).Select(SheetPreview.Info).ToList();
        return null;
    }

    /// <summary>The hours of the form (grid or expert syntax), checked; the mistakes go to the model state.</summary>
    private string? ResolveHours()
    {
        var errors = new List<string>();
        var value = Input.Hours.Resolve(localizer, errors, emptyGridMeansNone: true, current: Structure.OpeningHours);
        foreach (var error in errors)
        {
            ModelState.AddModelError("", error);
        }

        if (value is not null && Input.Hours.Mode == HoursModes.Grid)
        {
            // Opening the expert mode then shows what the grid wrote.
            Input.Hours.Expert = value;
        }

        return value;
    }

    /// <summary>The week the structure's own hours give, with its notices of the coming days.</summary>
    private IReadOnlyList<WeekDay> WeekOf(string? openingHours) =>
        openingHours is null ? [] : hours.Week(openingHours, CurrentNotices.Where(n => n.ServiceId is null).ToList(), Today);

    /// <summary>Checks what annotations cannot say; returns the address (null: remote only).</summary>
    private Address? Validate()
    {
        string?[] parts = [Input.Street, Input.PostalCode, Input.City, Input.CommuneCode, Input.Latitude, Input.Longitude];
        Address? address = null;
        if (parts.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            var latitude = ParseCoordinate(Input.Latitude, 90);
            var longitude = ParseCoordinate(Input.Longitude, 180);
            if (parts.Any(string.IsNullOrWhiteSpace))
            {
                ModelState.AddModelError("", localizer["Adresse incomplète : indiquez la rue, le code postal, la commune, le code INSEE et les coordonnées, ou rien du tout pour un service à distance."]);
            }
            else if (!PostalCodePattern().IsMatch(Input.PostalCode!.Trim()) || !CommuneCodePattern().IsMatch(Input.CommuneCode!.Trim()))
            {
                ModelState.AddModelError("", localizer["Le code postal compte 5 chiffres et le code INSEE 5 caractères (ex. 29019)."]);
            }
            else if (latitude is null || longitude is null)
            {
                ModelState.AddModelError("", localizer["Les coordonnées sont des nombres : latitude entre -90 et 90, longitude entre -180 et 180."]);
            }
            else
            {
                address = new Address(Input.Street!.Trim(), Input.PostalCode.Trim(), Input.City!.Trim(), Input.CommuneCode.Trim().ToUpperInvariant(), latitude.Value, longitude.Value);
            }
        }

        var phones = Lines(Input.Phones);
        if (phones.Count > 5 || phones.Any(p => !PhonePattern().IsMatch(p)))
        {
            ModelState.AddModelError("", localizer["Indiquez au plus 5 numéros de téléphone, un par ligne (chiffres, espaces, + et points)."]);
        }

        if (!string.IsNullOrWhiteSpace(Input.Website) && !(Uri.TryCreate(Input.Website.Trim(), UriKind.Absolute, out var site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp)))
        {
            ModelState.AddModelError("", localizer["Le site internet doit être une adresse complète (https://…)."]);
        }

        if (Input.Wheelchair is not ("yes" or "no" or "unknown") || Input.Languages.Any(l => !SearchRequest.SpokenLanguages.Contains(l)))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (!string.IsNullOrEmpty(Input.UpdateFrequency)
            && !(int.TryParse(Input.UpdateFrequency, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && Freshness.FreshnessRules.IsFrequency(months)))
        {
            ModelState.AddModelError("", localizer["Choisissez la fréquence de mise à jour dans la liste : 1, 3, 6 ou 12 mois."]);
        }

        return address;
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double? ParseCoordinate(string? text, double limit) =>
        double.TryParse(text?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit ? value : null;

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex CommuneCodePattern();

    [GeneratedRegex(@"^[0-9+(). -]{2,20}$")]
    private static partial Regex PhonePattern();
}
