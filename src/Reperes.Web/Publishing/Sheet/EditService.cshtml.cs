using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Shared.Hours;
using Reperes.Web.Shared.Sheet;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>A service as its structure's staff describe it: choices and plain words, hours with the grid.</summary>
public sealed class ServiceInput
{
    [Required(ErrorMessage = "Choisissez ce que propose le service dans la liste des catégories.")]
    public string? Category { get; set; }

    [StringLength(200, ErrorMessage = "Le nom du service est trop long : 200 caractères au plus.")]
    public string? Name { get; set; }

    [StringLength(5000, ErrorMessage = "La description du service est trop longue : 5 000 caractères au plus.")]
    public string? Description { get; set; }

    public List<string> Publics { get; set; } = [];

    public string Gender { get; set; } = nameof(Core.Structures.Gender.All);

    [StringLength(3, ErrorMessage = "Les âges sont des nombres entre 0 et 120.")]
    public string? AgeMin { get; set; }

    [StringLength(3, ErrorMessage = "Les âges sont des nombres entre 0 et 120.")]
    public string? AgeMax { get; set; }

    [StringLength(500, ErrorMessage = "La situation administrative est trop longue : 500 caractères au plus.")]
    public string? AdministrativeSituation { get; set; }

    public string Access { get; set; } = nameof(AccessCondition.Unconditional);

    [StringLength(1000, ErrorMessage = "Les précisions sur l’accès sont trop longues : 1 000 caractères au plus.")]
    public string? AccessDetails { get; set; }

    /// <summary>"free" or "paid".</summary>
    public string Cost { get; set; } = "free";

    [StringLength(500, ErrorMessage = "Les précisions sur le coût sont trop longues : 500 caractères au plus.")]
    public string? CostDetails { get; set; }

    /// <summary>data·inclusion modes-accueil: en-presentiel, a-distance.</summary>
    public List<string> Modes { get; set; } = [];

    [StringLength(40, ErrorMessage = "Le téléphone est trop long : 40 caractères au plus.")]
    public string? RemotePhone { get; set; }

    [StringLength(500, ErrorMessage = "Le site internet est trop long : 500 caractères au plus.")]
    public string? RemoteWebsite { get; set; }

    public HoursInput Hours { get; set; } = new();

    /// <summary>Months between two verifications of this service; empty: the structure's.</summary>
    public string? UpdateFrequency { get; set; }

    /// <summary>"oui" when the service receives referral requests from professionals.</summary>
    public string? AcceptsReferrals { get; set; }

    [StringLength(1000, ErrorMessage = "Les conditions d’adressage sont trop longues : 1 000 caractères au plus.")]
    public string? ReferralConditions { get; set; }

    [StringLength(500, ErrorMessage = "Les pièces demandées sont trop longues : 500 caractères au plus.")]
    public string? ReferralDocuments { get; set; }

    /// <summary>The situation facts a referral asks (keys of <see cref="ReferralFields"/>).</summary>
    public List<string> ReferralFieldKeys { get; set; } = [];

    // Digital mediation, for the guide's two digital categories: codes of DigitalMediation's lists.
    public List<string> MediationServices { get; set; } = [];

    public List<string> MediationSupport { get; set; } = [];

    public List<string> MediationEquipment { get; set; } = [];

    public List<string> MediationAccess { get; set; } = [];

    public List<string> MediationFees { get; set; } = [];

    public List<string> MediationPublics { get; set; } = [];

    public List<string> MediationSpecificSupport { get; set; } = [];

    public List<string> MediationProgrammes { get; set; } = [];

    public List<string> MediationLabels { get; set; } = [];

    [StringLength(500, ErrorMessage = "Les autres formations et labels sont trop longs : 500 caractères au plus.")]
    public string? MediationOtherLabels { get; set; }

    public MediationOffer Mediation() => new(
        MediationServices, MediationSupport, MediationPublics, MediationSpecificSupport, MediationFees, MediationProgrammes, MediationLabels,
        MediationOtherLabels, MediationAccess, MediationEquipment);
}

/// <summary>One group of check boxes of the form's digital-mediation part: the input's field, its legend, the list's values.</summary>
public sealed record MediationGroup(string Field, string Legend, IReadOnlyList<MediationValue> Values, Func<ServiceInput, List<string>> Selected);

/// <summary>
/// Adds a service to a sheet (/services/nouveau) or edits one (/services/{id}); "Aperçu" shows it as the public sheet
/// will, and saves nothing. A service of another structure is not found here.
/// </summary>
[Authorize]
public sealed partial class EditServiceModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    GuideCatalog catalog,
    StructureWriter writer,
    HoursEvaluator hours,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string NewId = "nouveau";

    public static readonly IReadOnlyList<string> Audiences =
        ["tous-publics", .. GuideVocabulary.Audiences, "actifs", "personnes-en-situation-juridique-specifique", "residents-qpv-frr"];

    public static readonly IReadOnlyList<string> ModesAccueil = ["en-presentiel", "a-distance"];

    /// <summary>The digital-mediation lists in the order the staff think of them: what, how, with what, how to come, cost, for whom, labels.</summary>
    public static readonly IReadOnlyList<MediationGroup> MediationGroups =
    [
        new(nameof(ServiceInput.MediationServices), "Aide proposée", DigitalMediation.Services, i => i.MediationServices),
        new(nameof(ServiceInput.MediationSupport), "Comment les personnes sont aidées", DigitalMediation.Support, i => i.MediationSupport),
        new(nameof(ServiceInput.MediationEquipment), "Matériel à disposition", DigitalMediation.Equipment, i => i.MediationEquipment),
        new(nameof(ServiceInput.MediationAccess), "Pour venir", DigitalMediation.Access, i => i.MediationAccess),
        new(nameof(ServiceInput.MediationFees), "Frais", DigitalMediation.Fees, i => i.MediationFees),
        new(nameof(ServiceInput.MediationPublics), "Publics accueillis en particulier (tout le monde est accueilli)", DigitalMediation.Publics, i => i.MediationPublics),
        new(nameof(ServiceInput.MediationSpecificSupport), "Accompagnement adapté", DigitalMediation.SpecificSupport, i => i.MediationSpecificSupport),
        new(nameof(ServiceInput.MediationProgrammes), "Dispositifs nationaux", DigitalMediation.Programmes, i => i.MediationProgrammes),
        new(nameof(ServiceInput.MediationLabels), "Formations et labels", DigitalMediation.Labels, i => i.MediationLabels),
    ];

    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    [BindProperty(Name = "action")]
    public string? Submitted { get; set; }

    public Structure Structure { get; private set; } = null!;

    /// <summary>The service edited; null when adding one.</summary>
    public Service? Service { get; private set; }

    public ServiceView? Preview { get; private set; }

    /// <summary>The next seven days with the hours of the form (the saved ones on arrival), under the grid.</summary>
    public IReadOnlyList<WeekDay> HoursWeek { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public async Task<IActionResult> OnGetAsync(string slug, string id)
    {
        if (await LoadAsync(slug, id) is { } refusal)
        {
            return refusal;
        }

        if (Service is not { } v)
        {
            Input = new ServiceInput { Modes = ["en-presentiel"], Publics = ["tous-publics"] };
            return Page();
        }

        Input = new ServiceInput
        {
            Category = v.Category.Code,
            Name = v.Name,
            Description = v.Description,
            Publics = v.PublicList.ToList(),
            Gender = v.Gender.ToString(),
            AgeMin = v.AgeMin?.ToString(CultureInfo.InvariantCulture),
            AgeMax = v.AgeMax?.ToString(CultureInfo.InvariantCulture),
            AdministrativeSituation = v.AdministrativeSituation,
            Access = v.Access.ToString(),
            AccessDetails = v.AccessDetails,
            Cost = v.IsFree ? "free" : "paid",
            CostDetails = v.CostDetails,
            Modes = v.ModeList.ToList(),
            RemotePhone = v.RemotePhone,
            RemoteWebsite = v.RemoteWebsite,
            Hours = HoursInput.From(v.OpeningHours),
            UpdateFrequency = v.UpdateFrequencyMonths?.ToString(CultureInfo.InvariantCulture),
            AcceptsReferrals = v.AcceptsReferrals ? "oui" : null,
            ReferralConditions = v.ReferralConditions,
            ReferralDocuments = v.ReferralDocuments,
            ReferralFieldKeys = v.ReferralFieldList.ToList(),
            MediationServices = v.Mediation.Services.ToList(),
            MediationSupport = v.Mediation.Support.ToList(),
            MediationEquipment = v.Mediation.Equipment.ToList(),
            MediationAccess = v.Mediation.Access.ToList(),
            MediationFees = v.Mediation.Fees.ToList(),
            MediationPublics = v.Mediation.Publics.ToList(),
            MediationSpecificSupport = v.Mediation.SpecificSupport.ToList(),
            MediationProgrammes = v.Mediation.Programmes.ToList(),
            MediationLabels = v.Mediation.Labels.ToList(),
            MediationOtherLabels = v.Mediation.OtherLabels,
        };
        HoursWeek = WeekOf(v.OpeningHours);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string id)
    {
        if (await LoadAsync(slug, id) is { } refusal)
        {
            return refusal;
        }

        var values = Validate();
        if (!ModelState.IsValid || values is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var category = await db.Categories.Include(c => c.Need).SingleAsync(c => c.Id == values.Category.Id, HttpContext.RequestAborted);
        var adding = Service is null;
        var service = Service ?? new Service(Structure, category, values.Name);
        var before = adding ? null : ServiceFields.Snapshot(service, catalog.Category(service.CategoryId));
        var beforeName = service.Name;
        service.Describe(category, values.Name, values.Description, service.TypeList);
        service.SetAudience(values.Publics, values.Gender, values.AgeMin, values.AgeMax, values.AdministrativeSituation);
        service.SetConditions(values.Access, values.AccessDetails, values.IsFree, values.CostDetails);
        service.SetReception(values.OpeningHours, values.Modes, values.RemotePhone, values.RemoteWebsite);
        service.SetUpdateFrequency(values.UpdateFrequency);
        service.SetReferrals(Input.AcceptsReferrals == "oui", Input.ReferralConditions, Input.ReferralDocuments, Input.ReferralFieldKeys);

        // Only the digital categories describe mediation: a service moved out of them loses its description.
        service.SetMediation(DigitalMediation.IsDigitalCategory(values.Category.Code) ? Input.Mediation() : MediationOffer.None);

        if (Submitted == EditSheetModel.HoursPreviewAction)
        {
            // Only the week under the grid: nothing is saved.
            HoursWeek = WeekOf(values.OpeningHours);
            return Page();
        }

        if (Submitted == EditSheetModel.PreviewAction)
        {
            // Shown, not saved: a new service is not added to the context, an edited one is never saved in this request.
            var now = clock.GetUtcNow();
            var notices = Structure.Notices.Where(n => !n.IsExpiredOn(HoursEvaluator.LocalDate(now))).Select(NoticeInfo.Of).ToList();
            Preview = SheetPreview.ServiceView(service, notices, hours, now, localizer);
            return Page();
        }

        if (adding)
        {
            Structure.Services.Add(service);
        }

        var changes = ServiceFields.Diff(adding ? service.Name : beforeName, before, ServiceFields.Snapshot(service, values.Category));
        var saved = await writer.SaveAsync(User, Structure, changes, HttpContext.RequestAborted);
        var done = adding ? "service-ajoute" : saved ? "service-modifie" : "rien";
        return Redirect($"{EditArea.Url(Structure)}?fait={done}#services");
    }

    private async Task<IActionResult?> LoadAsync(string slug, string id)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        if (id == NewId)
        {
            return null;
        }

        // Only this structure's services: the id of another's is "not found", whoever asks.
        Service = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var serviceId)
            ? structure.Services.FirstOrDefault(v => v.Id == serviceId)
            : null;
        return Service is null ? NotFound() : null;
    }

    /// <summary>
    /// The week a service's hours give (its structure's when it has none of its own), with the notices that apply to
    /// it: the structure's and, for a saved service, its own.
    /// </summary>
    private IReadOnlyList<WeekDay> WeekOf(string? openingHours)
    {
        var expression = openingHours ?? Structure.OpeningHours;
        if (expression is null)
        {
            return [];
        }

        var serviceId = Service?.Id;
        var notices = Structure.Notices.Where(n => !n.IsExpiredOn(Today) && (n.ServiceId is null || n.ServiceId == serviceId)).Select(NoticeInfo.Of).ToList();
        return hours.Week(expression, notices, Today);
    }

    private sealed record ServiceValues(
        CategoryInfo Category, string Name, string Description, IReadOnlyList<string> Publics, Gender Gender, int? AgeMin, int? AgeMax,
        string? AdministrativeSituation, AccessCondition Access, string? AccessDetails, bool IsFree, string? CostDetails,
        string? OpeningHours, IReadOnlyList<string> Modes, string? RemotePhone, string? RemoteWebsite, int? UpdateFrequency);

    /// <summary>Checks what annotations cannot say; the values to save, or null when something is wrong.</summary>
    private ServiceValues? Validate()
    {
        var i = Input;
        var category = catalog.Category(i.Category);
        if (category is null && !string.IsNullOrWhiteSpace(i.Category))
        {
            ModelState.AddModelError("", localizer["Choisissez ce que propose le service dans la liste des catégories."]);
        }

        var known = Audiences.Concat(Service?.PublicList ?? []).ToHashSet(StringComparer.Ordinal);
        var genderKnown = Enum.TryParse<Gender>(i.Gender, out var gender) && Enum.IsDefined(gender) && !int.TryParse(i.Gender, out _);
        var accessKnown = Enum.TryParse<AccessCondition>(i.Access, out var access) && Enum.IsDefined(access) && !int.TryParse(i.Access, out _);
        if (i.Publics.Any(p => !known.Contains(p)) || !genderKnown || !accessKnown || i.Cost is not ("free" or "paid") || i.Modes.Any(m => !ModesAccueil.Contains(m)))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        var ageMin = Age(i.AgeMin, out var minValid);
        var ageMax = Age(i.AgeMax, out var maxValid);
        if (!minValid || !maxValid)
        {
            ModelState.AddModelError("", localizer["Les âges sont des nombres entre 0 et 120."]);
        }
        else if (ageMin > ageMax)
        {
            ModelState.AddModelError("", localizer["L’âge minimum doit être inférieur ou égal à l’âge maximum."]);
        }

        if (i.AcceptsReferrals is not (null or "oui") || i.ReferralFieldKeys.Any(k => !ReferralFields.Keys.Contains(k)))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (MediationGroups.Any(g => g.Selected(i).Any(code => DigitalMediation.Find(g.Values, code) is null)))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (i.Modes.Count == 0)
        {
            ModelState.AddModelError("", localizer["Indiquez si le service accueille sur place, à distance, ou les deux."]);
        }

        var remotePhone = PhoneNumbers.Normalize(i.RemotePhone);
        var remoteWebsite = Blank(i.RemoteWebsite);
        if (remotePhone is null && Blank(i.RemotePhone) is { } typed)
        {
            ModelState.AddModelError("", localizer["« {0} » n’est pas un numéro de téléphone : 10 chiffres commençant par 0 (02 98 00 12 34), un numéro court (115) ou un numéro étranger avec + (+44 20 7946 0958).", typed]);
        }

        if (remoteWebsite is not null && !(Uri.TryCreate(remoteWebsite, UriKind.Absolute, out var site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp)))
        {
            ModelState.AddModelError("", localizer["Le site internet doit être une adresse complète (https://…)."]);
        }

        if (i.Modes.Count > 0 && !i.Modes.Contains("en-presentiel") && remotePhone is null && remoteWebsite is null)
        {
            ModelState.AddModelError("", localizer["Pour un service à distance, indiquez un téléphone ou un site internet."]);
        }

        int? frequency = null;
        if (!string.IsNullOrWhiteSpace(i.UpdateFrequency))
        {
            if (int.TryParse(i.UpdateFrequency, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && FreshnessRules.IsFrequency(months))
            {
                frequency = months;
            }
            else
            {
                ModelState.AddModelError("", localizer["Choisissez la fréquence de mise à jour dans la liste : 1, 3, 6 ou 12 mois."]);
            }
        }

        var errors = new List<string>();
        var openingHours = i.Hours.Resolve(localizer, errors, current: Service?.OpeningHours);
        foreach (var error in errors)
        {
            ModelState.AddModelError("", error);
        }

        if (!ModelState.IsValid || category is null)
        {
            return null;
        }

        var name = Blank(i.Name) ?? category.NameFr;
        return new ServiceValues(
            category, name, i.Description?.Trim() ?? "", i.Publics, gender, ageMin, ageMax, Blank(i.AdministrativeSituation),
            access, Blank(i.AccessDetails), i.Cost == "free", Blank(i.CostDetails), openingHours, i.Modes, remotePhone, remoteWebsite, frequency);
    }

    private static int? Age(string? text, out bool valid)
    {
        valid = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        valid = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age <= 120;
        return valid ? age : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
