using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Shared.Hours;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>The sheet as its staff edit it: plain fields and choices, the hours in the weekly grid (the syntax only behind a toggle).</summary>
public sealed class SheetInput : Addresses.IAddressInput
{
    [Required(ErrorMessage = "Indiquez le nom de la structure.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Indiquez en une phrase ce que fait la structure.")]
    [StringLength(280, ErrorMessage = "Le résumé est trop long : 280 caractères au plus.")]
    public string Summary { get; set; } = "";

    [StringLength(10000, ErrorMessage = "La présentation est trop longue : 10 000 caractères au plus.")]
    public string? Description { get; set; }

    [StringLength(100, ErrorMessage = "Le nom de la commune est trop long.")]
    public string? Commune { get; set; }

    [StringLength(5)]
    public string? CommuneCode { get; set; }

    [StringLength(5)]
    public string? PostalCode { get; set; }

    [StringLength(300, ErrorMessage = "La rue est trop longue : 300 caractères au plus.")]
    public string? Street { get; set; }

    [StringLength(30)]
    public string? Latitude { get; set; }

    [StringLength(30)]
    public string? Longitude { get; set; }

    [StringLength(1)]
    public string? PinMoved { get; set; }

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

    [StringLength(300, ErrorMessage = "Le contact pour les professionnels est trop long : 300 caractères au plus.")]
    public string? ProfessionalContact { get; set; }

    [StringLength(2000, ErrorMessage = "Les notes pour les partenaires sont trop longues : 2 000 caractères au plus.")]
    public string? PartnerNotes { get; set; }

    /// <summary>Months between two verifications: 1, 3, 6 or 12 (absent: unchanged).</summary>
    public string? UpdateFrequency { get; set; }
}

[Authorize]
public sealed partial class EditSheetModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    StructureWriter writer,
    Addresses.AddressPicker addresses,
    Guide.Communes.FrenchCommunes communes,
    Microsoft.Extensions.Options.IOptions<Core.ReperesOptions> options,
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

    /// <summary>The address fields: commune, street and the map's pin.</summary>
    public Addresses.AddressFieldsView AddressFields { get; private set; } = null!;

    private Addresses.AddressChoice? addressChoice;

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
            Commune = Addresses.AddressPicker.CommuneText(s.City, s.PostalCode),
            CommuneCode = s.CommuneCode,
            PostalCode = s.PostalCode,
            Street = s.Street,
            Latitude = s.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = s.Longitude?.ToString(CultureInfo.InvariantCulture),
            Phones = string.Join('\n', s.PhoneList),
            Email = s.Email,
            Website = s.Website,
            Wheelchair = s.WheelchairAccessible switch { true => "yes", false => "no", null => "unknown" },
            Languages = s.LanguageList.ToList(),
            Hours = HoursInput.From(s.OpeningHours, HoursModes.Grid),
            OpeningHoursDetails = s.OpeningHoursDetails,
            ProfessionalContact = s.ProfessionalContact,
            PartnerNotes = s.PartnerNotes,
            UpdateFrequency = s.UpdateFrequencyMonths.ToString(CultureInfo.InvariantCulture),
        };
        HoursWeek = WeekOf(s.OpeningHours);
        return Page();
    }

    /// <summary>Builds the address fields for the page, whatever the handler returns.</summary>
    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        if (Structure is not null)
        {
            var saved = Structure.Address;
            var savedCommune = addressChoice is null ? SavedCommune() : null;
            AddressFields = Addresses.AddressFieldsView.For(Input, addressChoice, saved, savedCommune, localizer["Adresse (laisser vide pour un service seulement à distance)"], streetRequired: true, addresses.GeocoderEnabled, options.Value.Map);
        }

        base.OnPageHandlerExecuted(context);
    }

    private Guide.Communes.FrenchCommune? SavedCommune() =>
        Structure.CommuneCode is null ? null : communes.Lookup($"{Structure.City} {Structure.PostalCode}", null).Commune ?? communes.ByCode(Structure.CommuneCode);

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refusal)
        {
            return refusal;
        }

        addressChoice = await addresses.ResolveAsync(Input, Structure.Address, streetRequired: true, HttpContext.RequestAborted);
        foreach (var error in addressChoice.Errors)
        {
            ModelState.AddModelError("", error);
        }

        var address = addressChoice.Address;
        Validate();
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
        s.SetPartnerInformation(Input.ProfessionalContact, Input.PartnerNotes);
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
        var saved = await writer.SaveAsync(User, s, changes, HttpContext.RequestAborted, () =>
            freshness.RecordAsync(s, VerificationMethod.Edit, SheetSections.All, User.FindFirstValue(ClaimTypes.NameIdentifier), null, null, null, now, HttpContext.RequestAborted));

        // A sheet not yet online has no public page to show: stay in the edit area.
        return s.Status == StructureStatus.Online
            ? RedirectToPage("/Guide/Pages/Structure", new { slug = s.Slug, enregistre = saved ? "1" : "0" })
            : RedirectToPage("/Publishing/Sheet/EditSheet", new { slug = s.Slug, fait = saved ? "fiche-enregistree" : "rien" });
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
        CurrentNotices = structure.Notices.Where(n => !n.IsExpiredOn(Today)).OrderBy(n => n.StartsOn).Select(NoticeInfo.Of).ToList();
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

    /// <summary>Checks what annotations cannot say (the address is read by the address picker).</summary>
    private void Validate()
    {
        var phones = Lines(Input.Phones);
        if (phones.Count > 5)
        {
            ModelState.AddModelError("", localizer["Indiquez au plus 5 numéros de téléphone, un par ligne (chiffres, espaces, + et points)."]);
        }

        foreach (var phone in phones.Where(p => PhoneNumbers.Normalize(p) is null))
        {
            ModelState.AddModelError("", localizer["« {0} » n’est pas un numéro de téléphone : 10 chiffres commençant par 0 (02 98 00 12 34), un numéro court (115) ou un numéro étranger avec + (+44 20 7946 0958).", phone]);
        }

        if (!string.IsNullOrWhiteSpace(Input.Website) && !(Uri.TryCreate(Input.Website.Trim(), UriKind.Absolute, out var site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp)))
        {
            ModelState.AddModelError("", localizer["Le site internet doit être une adresse complète (https://…)."]);
        }

        if (Input.Wheelchair is not ("yes" or "no" or "unknown") || Input.Languages.Any(l => !GuideVocabulary.SpokenLanguages.Contains(l)))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (!string.IsNullOrEmpty(Input.UpdateFrequency)
            && !(int.TryParse(Input.UpdateFrequency, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && FreshnessRules.IsFrequency(months)))
        {
            ModelState.AddModelError("", localizer["Choisissez la fréquence de mise à jour dans la liste : 1, 3, 6 ou 12 mois."]);
        }

    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
