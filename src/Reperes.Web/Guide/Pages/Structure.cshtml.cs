using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Reading;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Translations;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Shared.Reading;
using Reperes.Web.Shared.Sheet;

namespace Reperes.Web.Guide.Pages;

public sealed class StructureModel(
    ReperesDbContext db,
    OpenStates openStates,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    IAuthorizationService authorization,
    PublicationFeed feed,
    UsageCounter usage,
    HoursSummaries summaries) : PageModel
{
    /// <summary>The person may edit this sheet (a manager of the structure, the coordinator).</summary>
    public bool CanEdit { get; private set; }

    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public string? Saved { get; set; }

    public Structure Structure { get; private set; } = null!;

    /// <summary>The header's state: the whole place, about the service that is open or opens first.</summary>
    public HoursStatus Status { get; private set; } = null!;

    /// <summary>The state of every service, and which one the header is about.</summary>
    public PlaceOpenState Open { get; private set; } = null!;

    private PlaceHours place = null!;

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
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }

        var structure = Structure;
        CanEdit = User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(User, structure, StructureOperations.EditSheet)).Succeeded;
        CanWrite = User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(User, structure, StructureOperations.WritePublications)).Succeeded;
        if (structure.Status is StructureStatus.Online && !CanEdit)
        {
            // A person reading the sheet; its own staff and the coordination reading or checking it are not counted.
            var needs = structure.Services.OrderBy(v => v.Id).Select(v => v.Category.Need.Code).ToList();
            usage.Count(HttpContext, new UsagePlace(structure.Id, UsagePlaces.MainNeed(needs), structure.CommuneCode ?? "").Fact(UsageKind.SheetView));
        }

        if (PublicData.IsPublic(structure))
        {
            Events = await feed.UpcomingEventsAsync(5, structureId: structure.Id, cancellationToken: HttpContext.RequestAborted);
            Publications = await feed.LatestAsync(5, structureId: structure.Id, cancellationToken: HttpContext.RequestAborted);
        }

        // The sheet's texts (services' and notices' included) and its publications in the visitor's language, when translated.
        await ContentTexts.IncludeAsync(HttpContext, [structure.Id], Events.Concat(Publications).Select(p => p.Id));

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

    /// <summary>"Écouter": the sheet read aloud (a place online only), as text for the browser's voice or as audio.</summary>
    public async Task<IActionResult> OnGetListenAsync(string slug, string? format, [FromServices] SpeechAudio speech)
    {
        if (!await LoadAsync(slug) || Structure.Status is not StructureStatus.Online)
        {
            return NotFound();
        }

        return await ListenAnswer.ForAsync(ListenScript(), format, speech, HttpContext);
    }

    /// <summary>
    /// What "Écouter" reads: the name, open now and until when, the usual hours, the address, the phone, then each
    /// service with who it is for, how to be received, what to bring and its cost. In easy-read French, the key
    /// sentences of easy-read instead of the first ones.
    /// </summary>
    public ReadAloudScript ListenScript()
    {
        var culture = CultureInfo.CurrentUICulture;
        var s = Structure;
        var script = new ReadAloudScript(culture).SayFrench(s.Name);
        if (ReaderPreferences.Read(HttpContext).EasyRead(culture))
        {
            foreach (var line in EasyLines())
            {
                script.SayFrench(line.Text);
            }
        }
        else
        {
            script.Say(Status.Text);
            var regular = summaries.Regular(s.OpeningHours, Today);
            if (regular.Known)
            {
                script.Say(localizer["Horaires habituels :"] + " " + string.Join(" ; ", HoursSummaryText.Periods(regular, localizer, culture)));
            }

            script.SayLabelled(localizer["Adresse"], s.Address is { } address ? $"{address.Street}, {address.PostalCode} {address.City}" : null);
            if (s.PhoneList.Count > 0)
            {
                script.Say(localizer["Téléphone"]).Say(string.Join(", ", s.PhoneList));
            }
        }

        foreach (var notice in Notices.Where(n => n.ServiceId is null))
        {
            script.Say(NoticeText.Describe(notice with { Text = "" }, HttpContext)).SayFrench(notice.Text);
        }

        foreach (var service in s.Services.OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position).ThenBy(v => v.Name, Core.Text.FrenchOrder.Comparer))
        {
            script.SayFrench(service.Name);
            script.Say(localizer["Pour qui :"] + " " + string.Join(", ", service.PublicList.Select(p => Labels.Audience(p, localizer))));
            script.Say(Labels.Access(service.Access, localizer));
            script.SayLabelled(localizer["À savoir, à apporter :"], service.AccessDetails);
            script.Say(service.IsFree ? localizer["Gratuit"] : localizer["Payant"]);
        }

        return script;
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (slug.Length > 200)
        {
            return false;
        }

        var structure = await db.Structures.AsNoTracking()
            .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null || structure.Status is StructureStatus.Draft)
        {
            return false;
        }

        Structure = structure;
        Today = HoursEvaluator.LocalDate(Now);
        Notices = structure.Notices
            .Where(n => !n.IsExpiredOn(Today))
            .OrderBy(n => n.StartsOn)
            .Select(n => new NoticeInfo(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours, n.Id))
            .ToList();
        place = PlaceHours.Of(structure, Notices);
        Open = openStates.Of(place, [], Now);
        Status = OpenStateText.HeadlineStatus(Open, Now, localizer, CultureInfo.CurrentUICulture);
        Week = openStates.Week(place, null, Today);
        ViewData["Demo"] = structure.IsDemo;
        return true;
    }

    /// <summary>
    /// The sheet's key sentences in easy-read French, each beside a pictogram: open now and until when, how to be
    /// received and what to bring (the services' own words), how to get there, whom to call.
    /// </summary>
    public IReadOnlyList<EasyLine> EasyLines()
    {
        var lines = new List<EasyLine>();
        lines.AddRange(EasyRead.OpenSentences(Open.Headline, Now).Select(t => new EasyLine("clock", t)));
        foreach (var access in Structure.Services.Select(v => v.Access).Distinct().Order())
        {
            lines.Add(new EasyLine("rendez-vous", EasyRead.Access(access)));
        }

        foreach (var details in Structure.Services.Select(v => v.AccessDetails?.Trim()).OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.Ordinal))
        {
            lines.Add(new EasyLine("papiers", "À savoir : " + details));
        }

        if (Structure.Address is { } address)
        {
            lines.Add(new EasyLine("pin", $"L’adresse est : {address.Street}, {address.PostalCode} {address.City}."));
            lines.Add(new EasyLine("pin", "Pour voir le chemin, touchez « Itinéraire »."));
        }
        else
        {
            lines.Add(new EasyLine("telephone", "Il n’y a pas d’accueil sur place. On vous aide par téléphone ou sur internet."));
        }

        if (Structure.PhoneList.FirstOrDefault() is { } phone)
        {
            lines.Add(new EasyLine("phone", $"Pour poser une question, appelez le {phone}."));
        }

        return lines;
    }

    /// <summary>A service as the sheet lists it: its state, and its own week when its hours or notices are its own.</summary>
    public ServiceView ServiceView(Service service, int? staleMonths)
    {
        var state = Open.Services.First(s => s.Service.Id == service.Id);
        var own = Notices.Where(n => n.ServiceId == service.Id).ToList();
        var week = service.OpeningHours is not null || own.Any(n => n.Kind != NoticeKind.Message) ? openStates.Week(place, state.Service, Today) : [];
        return new ServiceView(service, OpenStateText.Status(state.State, Now, localizer, CultureInfo.CurrentUICulture), week, Today, own, staleMonths);
    }
}
