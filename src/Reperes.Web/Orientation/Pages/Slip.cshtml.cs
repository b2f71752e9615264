using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Core.Reading;
using Reperes.Web.Data;
using Reperes.Web.Shared.Reading;

namespace Reperes.Web.Orientation.Pages;

/// <summary>
/// "Ma fiche d'orientation": the places the browser holds, their services to tick, a note, and the ways out (print,
/// share). Every change is a form posted and redirected back here.
/// </summary>
public sealed class SlipModel(
    SlipBuilder builder,
    ReperesDbContext db,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    IOptions<OrientationOptions> orientation,
    IStringLocalizer<SharedResource> localizer,
    SlipUsage usage) : PageModel
{
    public SlipView Slip { get; private set; } = null!;

    /// <summary>The note as typed when it was refused (shown back so that nothing typed is lost).</summary>
    public string? NoteTyped { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>What a redirect from the add form says went wrong: inconnue (not in the guide), pleine (full).</summary>
    [BindProperty(SupportsGet = true, Name = "erreur")]
    public string? Problem { get; set; }

    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public bool Saved { get; set; }

    public async Task OnGetAsync()
    {
        switch (Problem)
        {
            case "inconnue":
                Errors.Add(localizer["Cette structure n’est pas dans le guide : rien n’a été ajouté à votre fiche."]);
                break;
            case "pleine":
                Errors.Add(localizer["Votre fiche a déjà {0} adresses : retirez-en une pour en ajouter une autre.", SlipSelection.MaxPlaces]);
                break;
            default:
                break;
        }

        await LoadAsync(SlipCookie.Read(HttpContext));
    }

    /// <summary>"Écouter": the slip read aloud, as text for the browser's voice or as audio.</summary>
    public async Task<IActionResult> OnGetListenAsync(string? format, [FromServices] SpeechAudio speech)
    {
        await LoadAsync(SlipCookie.Read(HttpContext));
        return Slip.Places.Count == 0
            ? NotFound()
            : await ListenAnswer.ForAsync(SlipReading.Script(Slip, localizer, CultureInfo.CurrentUICulture), format, speech, HttpContext);
    }

    /// <summary>The services ticked for each place and the note, all at once.</summary>
    public async Task<IActionResult> OnPostSaveAsync()
    {
        var slip = SlipCookie.Read(HttpContext);
        var note = (Request.Form["note"].ToString() ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (note.Length > SlipSelection.NoteMaxLength)
        {
            Errors.Add(localizer["La note fait {0} caractères : {1} au plus. Raccourcissez-la ; rien n’a été changé.", note.Length, SlipSelection.NoteMaxLength]);
        }
        else if (note.Any(c => char.IsControl(c) && c != '\n'))
        {
            Errors.Add(localizer["La note contient des caractères invisibles non permis ; rien n’a été changé."]);
        }

        if (Errors.Count > 0)
        {
            NoteTyped = note;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(slip);
            return Page();
        }

        var ids = slip.Places.Select(p => p.StructureId).ToList();
        var known = await db.Services.AsNoTracking().Where(v => ids.Contains(v.StructureId)).Select(v => new { v.Id, v.StructureId }).ToListAsync(HttpContext.RequestAborted);
        var places = slip.Places.Select(p =>
        {
            var ticked = Request.Form[$"service-{p.StructureId}"]
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(v => known.Any(k => k.Id == v && k.StructureId == p.StructureId))
                .Distinct()
                .Take(SlipSelection.MaxServicesPerPlace)
                .ToList();
            return p with { ServiceIds = ticked };
        }).ToList();
        SlipCookie.Write(HttpContext, new SlipSelection(places, note));
        return Redirect(OrientationModule.SlipPath + "?enregistre=true");
    }

    public IActionResult OnPostRemove(int id)
    {
        SlipCookie.Write(HttpContext, SlipCookie.Read(HttpContext).Without(id));
        return Redirect(OrientationModule.SlipPath);
    }

    public IActionResult OnPostMove(int id, int step)
    {
        SlipCookie.Write(HttpContext, SlipCookie.Read(HttpContext).Moved(id, step));
        return Redirect(OrientationModule.SlipPath + "#lieu-" + id.ToString(CultureInfo.InvariantCulture));
    }

    public IActionResult OnPostEmpty()
    {
        SlipCookie.Write(HttpContext, SlipSelection.Empty);
        return Redirect(OrientationModule.SlipPath);
    }

    /// <summary>Stores the slip (places, services, note: nothing else) and opens its public link.</summary>
    public async Task<IActionResult> OnPostShareAsync()
    {
        var slip = SlipCookie.Read(HttpContext);
        if (slip.Places.Count == 0)
        {
            Errors.Add(localizer["Ajoutez d’abord une adresse à votre fiche."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(slip);
            return Page();
        }

        var now = clock.GetUtcNow();
        await db.SharedSlips.Where(s => s.ExpiresAt < now - SharedSlip.KeptAfterExpiry).ExecuteDeleteAsync(HttpContext.RequestAborted);
        var (shared, token) = SharedSlip.Create(slip, now, orientation.Value.SlipLifetime);
        db.SharedSlips.Add(shared);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await usage.CountAsync(HttpContext, slip.Places.Select(p => p.StructureId).ToList(), SlipUsage.Share, HttpContext.RequestAborted);
        return Redirect(SharedSlipModel.PathOf(token) + "?partage=true");
    }

    private async Task LoadAsync(SlipSelection slip) =>
        Slip = await builder.BuildAsync(slip, clock.GetUtcNow(), options.Value.BaseUrl(Request), CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
}
