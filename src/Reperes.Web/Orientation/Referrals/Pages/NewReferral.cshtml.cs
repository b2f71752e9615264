using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>
/// The referral form of a service that accepts referrals, for professionals: the service's conditions and
/// documents, only the situation facts it asks, a short message, the person's consent, the professional's contact
/// and an optional document. Anyone else gets a 404.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class NewReferralModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    ReferralDocuments documents,
    ReferralNotifier notifier,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer,
    Core.Taxonomy.GuideCatalog catalog,
    Core.Usage.UsageCounter usage) : PageModel
{
    /// <summary>Room for a document a little over the limit, so that its sender reads why rather than an error page.</summary>
    public const long MaxRequestBytes = (4 * ReferralDocuments.MaxBytes) + (1024 * 1024);

    public Service Service { get; private set; } = null!;

    public Structure Structure { get; private set; } = null!;

    public List<string> Errors { get; } = [];

    [BindProperty]
    public Dictionary<string, string?> Situation { get; set; } = [];

    [BindProperty]
    public string? Initials { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public bool ConsentGiven { get; set; }

    [BindProperty]
    public string? ConsentBy { get; set; }

    [BindProperty]
    public string? ConsentOn { get; set; }

    [BindProperty]
    public string? ContactPhone { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public IFormFile? Document { get; set; }

    /// <summary>Whether the structure can receive the request at all (members, or an e-mail on its sheet).</summary>
    public bool Reachable { get; private set; }

    public async Task<IActionResult> OnGetAsync(int serviceId)
    {
        if (!await LoadAsync(serviceId))
        {
            return NotFound();
        }

        var me = (await users.GetUserAsync(User))!;
        ConsentBy = me.DisplayName;
        ConsentOn = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ContactEmail = me.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int serviceId)
    {
        if (!await LoadAsync(serviceId))
        {
            return NotFound();
        }

        var (situation, situationErrors) = ReferralSituation.Read(Service.ReferralFieldList, Situation);
        foreach (var (error, label) in situationErrors)
        {
            Errors.Add(localizer[error, localizer[label]]);
        }

        var initials = Initials?.Trim();
        if (initials is { Length: > Referral.InitialsMaxLength })
        {
            Errors.Add(localizer["Les initiales tiennent en 5 caractères au plus : rien de plus n’est nécessaire."]);
        }

        var message = Message?.Trim() ?? "";
        if (message.Length > Referral.MessageMaxLength)
        {
            Errors.Add(localizer["Le message est trop long : 500 caractères au plus."]);
        }

        if (!ConsentGiven)
        {
            Errors.Add(localizer["Cochez « La personne a donné son accord » : une demande n’est envoyée qu’avec l’accord de la personne."]);
        }

        var consentBy = ConsentBy?.Trim() ?? "";
        if (consentBy.Length == 0)
        {
            Errors.Add(localizer["Dites qui a recueilli l’accord de la personne."]);
        }
        else if (consentBy.Length > Referral.NameMaxLength)
        {
            Errors.Add(localizer["Le nom de qui a recueilli l’accord est trop long : 100 caractères au plus."]);
        }

        var today = Today();
        var consentOn = Core.Text.TypedDates.Read(ConsentOn, today) ?? default;
        if (consentOn == default)
        {
            Errors.Add(localizer["Indiquez la date de l’accord (jour/mois/année)."]);
        }
        else if (consentOn > today || consentOn < today.AddMonths(-3))
        {
            Errors.Add(localizer["La date de l’accord doit être aujourd’hui ou dans les trois derniers mois."]);
        }

        var typedPhone = ContactPhone?.Trim() ?? "";
        var phone = Reperes.Web.Core.Text.PhoneNumbers.Normalize(typedPhone) ?? typedPhone;
        if (typedPhone.Length > 0 && !ReferralContact.IsPhone(typedPhone))
        {
            Errors.Add(localizer["Ce numéro de téléphone n’est pas valide : écrivez-le comme 02 98 00 00 00 ou +33 2 98 00 00 00."]);
        }

        var email = ContactEmail?.Trim() ?? "";
        if (email.Length == 0)
        {
            Errors.Add(localizer["Indiquez votre adresse électronique : la structure vous répond par elle."]);
        }
        else if (!ReferralContact.IsEmail(email))
        {
            Errors.Add(localizer["Cette adresse électronique n’est pas valide."]);
        }

        CheckedDocument? document = null;
        if (Document is { Length: > 0 } file)
        {
            var (checkedDocument, error, argument) = await ReferralDocuments.CheckAsync(file, HttpContext.RequestAborted);
            if (error is not null)
            {
                Errors.Add(argument is null ? localizer[error] : localizer[error, argument]);
            }

            document = checkedDocument;
        }

        if (!Reachable)
        {
            Errors.Add(localizer["Cette structure n’a ni équipe ni adresse électronique pour recevoir la demande : appelez-la."]);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = (await users.GetUserAsync(User))!;
        var draft = new ReferralDraft(situation, initials, message, ConsentGiven, consentBy, consentOn, phone, email, await SenderLabelAsync(me));
        var now = clock.GetUtcNow();
        var (referral, token) = Referral.Send(draft, Structure.Id, Service.Id, Service.Name, me.Id, now);
        string? stored = null;
        if (document is not null)
        {
            stored = await documents.SaveAsync(document, HttpContext.RequestAborted);
            referral.AttachDocument(stored, document.ContentType);
        }

        db.Referrals.Add(referral);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch
        {
            documents.Delete(stored);
            throw;
        }

        usage.Count(HttpContext, new Core.Usage.UsageFact(Core.Usage.UsageKind.Referral) { StructureId = Structure.Id, CategoryCode = catalog.Category(Service.CategoryId)?.Code ?? "" });
        var mailed = await notifier.SentAsync(referral, Structure.Name, token, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return RedirectToPage("/Orientation/Referrals/Pages/ReferralRequest", new { id = referral.Id, envoye = mailed ? "oui" : "sans-courriel" });
    }

    private async Task<bool> LoadAsync(int serviceId)
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return false;
        }

        var service = await PublicData.Services(db).Include(v => v.Structure)
            .FirstOrDefaultAsync(v => v.Id == serviceId && v.AcceptsReferrals, HttpContext.RequestAborted);
        if (service is null)
        {
            return false;
        }

        Service = service;
        Structure = service.Structure;
        Reachable = (await notifier.StructureRecipientsAsync(Structure.Id, HttpContext.RequestAborted)).Count > 0;
        return true;
    }

    /// <summary>Who sends, as the structure reads it: the name, the job and the body (or the structures of a member).</summary>
    private async Task<string> SenderLabelAsync(ReperesUser me)
    {
        var profile = await db.ProfessionalProfiles.AsNoTracking().Where(p => p.UserId == me.Id && p.Status == ProfessionalStatus.Validated)
            .Select(p => new { p.JobTitle, p.Workplace, Body = p.Body == null ? null : p.Body.Name })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (profile is not null)
        {
            return $"{me.DisplayName} ({string.Join(", ", new[] { profile.JobTitle, profile.Body ?? profile.Workplace }.Where(t => t.Length > 0))})";
        }

        var structures = await db.Memberships.AsNoTracking().Where(m => m.UserId == me.Id).OrderBy(m => m.Id).Select(m => m.Structure.Name).Take(3).ToListAsync(HttpContext.RequestAborted);
        return structures.Count > 0 ? $"{me.DisplayName} ({string.Join(", ", structures)})" : me.DisplayName;
    }

    private DateOnly Today() => HoursEvaluator.LocalDate(clock.GetUtcNow());
}
