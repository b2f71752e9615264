using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Audience;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Print;

/// <summary>A notice as paper prints it: its sentence (dates, grouped hours, the staff's words).</summary>
public sealed record PrintedNotice(NoticeKind Kind, DateOnly StartsOn, DateOnly EndsOn, string Sentence)
{
    /// <summary>The stored notice (0 when unknown), its own French text and the sentence without it: for the text's translation.</summary>
    public int NoticeId { get; init; }

    public string OwnText { get; init; } = "";

    public string Lead { get; init; } = "";
}

/// <summary>
/// A service as paper prints it. <see cref="Hours"/> is empty when it keeps the reception's hours printed above
/// (<see cref="FollowsPlace"/>); <see cref="Today"/> is its state at the time of printing, given only when a notice
/// changes today (closed, exceptional hours).
/// </summary>
public sealed record PrintedService(
    int Id,
    string Name,
    string Category,
    string? Description,
    IReadOnlyList<string> Hours,
    string? Holidays,
    bool FollowsPlace,
    string? Today,
    string WhoFor,
    string? Conditions,
    string Cost,
    IReadOnlyList<PrintedNotice> Notices,
    string? RemotePhone,
    string? RemoteWebsite)
{
    /// <summary>A digital-mediation service's help, accompaniment, equipment and programmes, one line each.</summary>
    public IReadOnlyList<string> Digital { get; init; } = [];

    /// <summary><see cref="WhoFor"/> in pieces, the staff's words apart (for their translations).</summary>
    public WhoForLine? WhoForLine { get; init; }

    /// <summary>The French texts <see cref="Conditions"/> is made of, by field (for their translations).</summary>
    public IReadOnlyList<(string Field, string French)> ConditionTexts { get; init; } = [];

    /// <summary><see cref="Cost"/> apart: free or paid in words, and the staff's French details.</summary>
    public string CostWord { get; init; } = "";

    public string? CostDetails { get; init; }
}

/// <summary>
/// A place as paper prints it: contacts, its notices, the reception's hours when the whole place answers the question,
/// its relevant services, the address of its sheet and that address as a QR code (SVG).
/// </summary>
public sealed record PrintedPlace(
    int Id,
    string Slug,
    string Name,
    string Summary,
    string? Address,
    IReadOnlyList<string> Phones,
    string? Email,
    string? Website,
    string? Accessibility,
    IReadOnlyList<string> Languages,
    string? Warning,
    IReadOnlyList<PrintedNotice> Notices,
    IReadOnlyList<string>? Hours,
    string? Holidays,
    string? HoursDetails,
    string? Today,
    IReadOnlyList<PrintedService> Services,
    string SheetUrl,
    string QrCode,
    double? DistanceKm);

/// <summary>
/// Builds the printed guide and the printed sheet: for each place the services that answer the question (those of
/// <see cref="OpenStates"/>), their own hours grouped (<see cref="HoursSummaries"/>), who they are for
/// (<see cref="WhoFor"/>), and the notices in force or starting within <see cref="NoticeDays"/> days.
/// </summary>
public sealed class PrintedGuide(ReperesDbContext db, OpenStates openStates, HoursSummaries summaries, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Notices starting later than this are left to the online sheet.</summary>
    public const int NoticeDays = 30;

    /// <summary>
    /// The places of <paramref name="structureIds"/>, in that order, for a question (<paramref name="scope"/>: the
    /// categories that answer it; empty, the whole place).
    /// </summary>
    public async Task<IReadOnlyList<PrintedPlace>> PlacesAsync(
        IReadOnlyList<(int Id, double? DistanceKm)> structureIds,
        IReadOnlyCollection<int> scope,
        DateTimeOffset now,
        string baseUrl,
        CultureInfo culture,
        CancellationToken cancellationToken)
    {
        var today = HoursEvaluator.LocalDate(now);
        var ids = structureIds.Select(s => s.Id).ToList();
        var structures = await db.Structures.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
            .Include(s => s.Notices.Where(n => n.EndsOn >= today))
            .AsSplitQuery()
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return structureIds
            .Where(s => structures.ContainsKey(s.Id))
            .Select(s => Place(structures[s.Id], scope, now, baseUrl, culture, s.DistanceKm))
            .ToList();
    }

    /// <summary>One place, loaded with its services (their category and need) and its notices.</summary>
    public PrintedPlace Place(Structure structure, IReadOnlyCollection<int> scope, DateTimeOffset now, string baseUrl, CultureInfo culture, double? distanceKm = null)
    {
        var today = HoursEvaluator.LocalDate(now);
        var notices = structure.Notices
            .Where(n => n.EndsOn >= today)
            .OrderBy(n => n.StartsOn).ThenBy(n => n.Id)
            .Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours, n.Id))
            .ToList();
        var services = structure.Services
            .OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position).ThenBy(v => v.Id)
            .ToList();
        var place = new PlaceHours(structure.OpeningHours, services.Select(v => new ServiceHours(v.Id, v.Name, v.CategoryId, v.OpeningHours)).ToList(), notices);
        var open = openStates.Of(place, scope, now);

        // The whole place answers when nothing is asked or none of its services is in the question (as for its state).
        var wholePlace = scope.Count == 0 || !services.Any(v => scope.Contains(v.CategoryId));
        var printedNotices = notices.Where(n => n.StartsOn.DayNumber - today.DayNumber <= NoticeDays).ToList();
        var byId = services.ToDictionary(v => v.Id);
        var printedServices = open.Services
            .Select(s => Service(byId[s.Service.Id], s.State, structure, wholePlace, printedNotices, now, culture))
            .ToList();

        var structureHours = wholePlace ? summaries.Regular(structure.OpeningHours, today) : null;
        var headline = wholePlace && open.About is null ? Today(open.Headline, now, culture) : null;
        var sheetUrl = $"{baseUrl}/structure/{structure.Slug}";
        return Build(
            structure,
            printedNotices.Where(n => n.ServiceId is null).Select(n => Printed(n, today, culture)).ToList(),
            structureHours,
            headline,
            printedServices,
            sheetUrl,
            QrCodes.Svg(sheetUrl, localizer["Code QR de la fiche en ligne : {0}", sheetUrl]),
            distanceKm,
            now,
            culture);
    }

    private PrintedService Service(Service service, OpenState state, Structure structure, bool wholePlace, IReadOnlyList<NoticeInfo> notices, DateTimeOffset now, CultureInfo culture)
    {
        var today = HoursEvaluator.LocalDate(now);
        var followsPlace = wholePlace && service.OpeningHours is null;
        var hours = followsPlace ? HoursSummary.Unknown : summaries.Regular(service.OpeningHours ?? structure.OpeningHours, today);
        var audience = ServiceAudience.Of(service);
        var whoForLine = WhoFor.Line([audience], localizer, culture)!;
        var whoFor = whoForLine.Text;
        var conditionTexts = new[] { (Field: Core.Translations.TranslatableFields.AccessDetails, French: service.AccessDetails), (Field: Core.Translations.TranslatableFields.Situation, French: service.AdministrativeSituation) }
            .Where(t => !string.IsNullOrWhiteSpace(t.French) && !whoFor.Contains(t.French.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            .Select(t => (t.Field, French: t.French!.Trim()))
            .ToList();
        var conditions = conditionTexts.Select(t => t.French).ToList();
        var cost = service.IsFree ? localizer["Gratuit"].Value : localizer["Payant"].Value;
        var costWord = cost;
        if (!string.IsNullOrWhiteSpace(service.CostDetails))
        {
            cost = $"{cost} — {service.CostDetails.Trim()}";
        }

        return new PrintedService(
            service.Id,
            service.Name,
            Core.Taxonomy.TaxonomyNames.Category(service.Category.Code, service.Category.NameFr, service.Category.NameEn, culture),
            string.IsNullOrWhiteSpace(service.Description) ? null : service.Description.Trim(),
            followsPlace ? [] : HoursLines(hours, culture),
            followsPlace ? null : HoursSummaryText.Holidays(hours, localizer, culture),
            followsPlace,
            Today(state, now, culture),
            whoFor,
            conditions.Count == 0 ? null : string.Join(" ", conditions),
            cost,
            notices.Where(n => n.ServiceId == service.Id).Select(n => Printed(n, today, culture)).ToList(),
            string.IsNullOrWhiteSpace(service.RemotePhone) ? null : service.RemotePhone,
            string.IsNullOrWhiteSpace(service.RemoteWebsite) ? null : service.RemoteWebsite)
        {
            Digital = DigitalLines(service.Mediation),
            ConditionTexts = conditionTexts,
            WhoForLine = whoForLine,
            CostWord = costWord,
            CostDetails = string.IsNullOrWhiteSpace(service.CostDetails) ? null : service.CostDetails.Trim(),
        };
    }

    private List<string> DigitalLines(MediationOffer offer)
    {
        var lines = new List<string>();
        void Add(string title, IReadOnlyList<MediationValue> list, IReadOnlyList<string> codes)
        {
            if (codes.Count > 0)
            {
                lines.Add(localizer[title] + " " + string.Join(", ", codes.Select(c => localizer[DigitalMediation.LabelOf(list, c)].Value)));
            }
        }

        Add("Aide proposée :", DigitalMediation.Services, offer.Services);
        Add("Accompagnement :", DigitalMediation.Support, offer.Support);
        Add("Matériel à disposition :", DigitalMediation.Equipment, offer.Equipment);
        Add("Dispositifs :", DigitalMediation.Programmes, offer.Programmes);
        return lines;
    }

    private IReadOnlyList<string> HoursLines(HoursSummary hours, CultureInfo culture) =>
        hours.Known ? HoursSummaryText.Periods(hours, localizer, culture) : [localizer["Horaires non renseignés"].Value];

    /// <summary>The state at the time of printing, when a notice changes today; otherwise the regular hours say it.</summary>
    private string? Today(OpenState state, DateTimeOffset now, CultureInfo culture) =>
        state.Closure is not null || state.ExceptionalHours is not null ? OpenStateText.Describe(state, now, localizer, culture) : null;

    private PrintedNotice Printed(NoticeInfo notice, DateOnly today, CultureInfo culture) =>
        new(notice.Kind, notice.StartsOn, notice.EndsOn, NoticeText.Describe(notice, today, summaries, localizer, culture))
        {
            NoticeId = notice.Id,
            OwnText = notice.Text,
            Lead = NoticeText.Describe(notice with { Text = "" }, today, summaries, localizer, culture),
        };

    /// <summary>The place's own lines (contacts, warnings) around its hours and services.</summary>
    private PrintedPlace Build(
        Structure s,
        IReadOnlyList<PrintedNotice> notices,
        HoursSummary? hours,
        string? today,
        IReadOnlyList<PrintedService> services,
        string sheetUrl,
        string qrCode,
        double? distanceKm,
        DateTimeOffset now,
        CultureInfo culture)
    {
        var l = localizer;
        var address = s.Street is not null && s.City is not null
            ? $"{s.Street}, {s.PostalCode} {s.City}".Replace("  ", " ", StringComparison.Ordinal)
            : s.City is not null ? l["{0} (adresse à demander)", $"{s.PostalCode} {s.City}".Trim()].Value : null;
        var accessibility = s.WheelchairAccessible switch
        {
            true => l["Accessible en fauteuil roulant"].Value,
            false => l["Non accessible en fauteuil roulant"].Value,
            null => null,
        };
        var warning = s.UnverifiedSince is not null
            ? l["Informations non confirmées par la structure : appelez avant de vous déplacer."].Value
            : Core.Structures.FreshnessRules.IsStale(s, now) ? l["Ces informations datent de plus de {0} mois : appelez avant de vous déplacer.", s.UpdateFrequencyMonths].Value : null;
        var languages = s.LanguageList.Where(code => code != "fr").Select(Labels.Language).ToList();
        return new PrintedPlace(
            s.Id,
            s.Slug,
            s.Name,
            s.Summary,
            address,
            s.PhoneList,
            string.IsNullOrWhiteSpace(s.Email) ? null : s.Email,
            string.IsNullOrWhiteSpace(s.Website) ? null : s.Website,
            accessibility,
            languages,
            warning,
            notices,
            hours is null ? null : hours.Known ? HoursSummaryText.Periods(hours, l, culture) : [l["Horaires non renseignés"].Value],
            hours is null ? null : HoursSummaryText.Holidays(hours, l, culture),
            hours is null || string.IsNullOrWhiteSpace(s.OpeningHoursDetails) ? null : s.OpeningHoursDetails,
            today,
            services,
            sheetUrl,
            qrCode,
            distanceKm);
    }
}
