using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists.Pages;

/// <summary>A place of a list as its page shows it: where it is, whether it is still open to people, the owner's note.</summary>
public sealed record ListPlace(int StructureId, string Name, string Slug, string? Address, string? Phone, StructureStatus Status, FreshnessState Freshness, string Note);

/// <summary>Someone a list can be shared with: the owner's body, or the team of one of their structures.</summary>
public sealed record ShareTarget(string Value, string Name);

/// <summary>
/// One list: its places, and for its owner renaming, notes, removing places, sharing with colleagues (read-only for
/// them) and deleting. Anyone who does not see the list gets a 404, whatever they ask.
/// </summary>
[Authorize]
public sealed class PlaceListModel(ReperesDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string ShareWithBody = "organisme";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true, Name = "erreur")]
    public string? Error { get; set; }

    [BindProperty(SupportsGet = true, Name = "supprimer")]
    public bool ConfirmDelete { get; set; }

    public PlaceList List { get; private set; } = null!;

    public bool IsOwner { get; private set; }

    public string OwnerName { get; private set; } = "";

    /// <summary>With whom the list is shared, in words (null: private).</summary>
    public string? SharedWith { get; private set; }

    public IReadOnlyList<ShareTarget> ShareTargets { get; private set; } = [];

    public IReadOnlyList<ListPlace> Places { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id, ownerOnly: false) ?? await ShowAsync();

    public Task<IActionResult> OnPostRenameAsync(int id) => ChangeAsync(id, list =>
    {
        var name = (Name ?? "").Trim();
        var error = name.Length == 0 ? localizer["Donnez un nom à la liste (par exemple « urgence hiver »)."]
            : name.Length > PlaceList.NameMaxLength ? localizer["Le nom est trop long : {0} caractères au plus.", PlaceList.NameMaxLength]
            : null;
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Name), error);
            return Task.FromResult<string?>(null);
        }

        list.Rename(name, clock.GetUtcNow());
        return Task.FromResult<string?>("renommee");
    });

    public Task<IActionResult> OnPostNoteAsync(int id, [FromForm(Name = "lieu")] int place, [FromForm(Name = "note")] string? note) => ChangeAsync(id, list =>
    {
        var item = list.Items.SingleOrDefault(i => i.StructureId == place);
        if (item is null)
        {
            ModelState.AddModelError("", localizer["Ce lieu n’est plus dans la liste."]);
            return Task.FromResult<string?>(null);
        }

        if ((note ?? "").Trim().Length > PlaceListItem.NoteMaxLength)
        {
            ModelState.AddModelError("", localizer["La note est trop longue : {0} caractères au plus.", PlaceListItem.NoteMaxLength]);
            return Task.FromResult<string?>(null);
        }

        item.Annotate(note);
        return Task.FromResult<string?>("note");
    });

    /// <summary>Removing a place already gone (two tabs) says the same: it is not on the list.</summary>
    public Task<IActionResult> OnPostRemoveAsync(int id, [FromForm(Name = "lieu")] int place) => ChangeAsync(id, list =>
    {
        list.Remove(place, clock.GetUtcNow());
        return Task.FromResult<string?>("retire");
    });

    public Task<IActionResult> OnPostShareAsync(int id, [FromForm(Name = "avec")] string? with) => ChangeAsync(id, async list =>
    {
        var me = ListAccess.UserId(User)!;
        if (with == ShareWithBody && await ProfessionalAccess.BodyOfAsync(db, me, HttpContext.RequestAborted) is { } body)
        {
            list.ShareWithBody(body, clock.GetUtcNow());
            return "partagee";
        }

        var structureId = int.TryParse(with, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        if (structureId > 0 && await db.Memberships.AnyAsync(m => m.UserId == me && m.StructureId == structureId, HttpContext.RequestAborted))
        {
            list.ShareWithStructure(structureId, clock.GetUtcNow());
            return "partagee";
        }

        ModelState.AddModelError("", localizer["Choisissez avec qui partager la liste : vos collègues de votre organisme, ou l’équipe d’une de vos structures."]);
        return null;
    });

    public Task<IActionResult> OnPostUnshareAsync(int id) => ChangeAsync(id, list =>
    {
        list.StopSharing(clock.GetUtcNow());
        return Task.FromResult<string?>("privee");
    });

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (await LoadAsync(id, ownerOnly: true) is { } refusal)
        {
            return refusal;
        }

        db.PlaceLists.Remove(List);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Orientation/Lists/Pages/Lists", new { fait = "supprimee" });
    }

    public string? DoneText => Done switch
    {
        "creee" => localizer["La liste est créée. Ajoutez-y des lieux depuis les résultats de recherche ou les fiches."].Value,
        "renommee" => localizer["La liste est renommée."].Value,
        "note" => localizer["La note est enregistrée."].Value,
        "retire" => localizer["Le lieu est retiré de la liste."].Value,
        "partagee" => localizer["La liste est partagée : vos collègues la voient et l’impriment, vous seul(e) la modifiez."].Value,
        "privee" => localizer["La liste n’est plus partagée."].Value,
        _ => null,
    };

    public string? ErrorText => Error switch
    {
        "pleine" => localizer["Cette liste a déjà {0} lieux : retirez-en un, ou créez une autre liste.", PlaceList.MaxPlaces].Value,
        _ => null,
    };

    /// <summary>A change by the owner, then back to the list (Post/Redirect/Get); a refused value shows the page with its message.</summary>
    private async Task<IActionResult> ChangeAsync(int id, Func<PlaceList, Task<string?>> change)
    {
        if (await LoadAsync(id, ownerOnly: true) is { } refusal)
        {
            return refusal;
        }

        var done = await change(List);
        if (done is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { id, fait = done });
    }

    /// <summary>Null when the list may be read (or changed, for <paramref name="ownerOnly"/>); otherwise the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(int id, bool ownerOnly)
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var me = ListAccess.UserId(User)!;
        var viewer = await ListAccess.ViewerAsync(db, me, HttpContext.RequestAborted);
        var list = await ListAccess.Visible(db, viewer).Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == id, HttpContext.RequestAborted);
        if (list is null || (ownerOnly && list.OwnerId != me))
        {
            return NotFound();
        }

        List = list;
        IsOwner = list.OwnerId == me;
        return null;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var me = ListAccess.UserId(User)!;
        var now = clock.GetUtcNow();
        OwnerName = await db.Users.Where(u => u.Id == List.OwnerId).Select(u => u.DisplayName).SingleAsync(HttpContext.RequestAborted);
        SharedWith = List.Sharing switch
        {
            ListSharing.Private => null,
            ListSharing.Body => await db.PartnerBodies.Where(b => b.Id == List.SharedBodyId).Select(b => b.Name).SingleOrDefaultAsync(HttpContext.RequestAborted) is { } body
                ? localizer["les collègues de {0}", body].Value : null,
            ListSharing.Structure => await db.Structures.Where(s => s.Id == List.SharedStructureId).Select(s => s.Name).SingleOrDefaultAsync(HttpContext.RequestAborted) is { } team
                ? localizer["l’équipe de la structure {0}", team].Value : null,
            _ => throw new InvalidOperationException($"Unknown sharing {List.Sharing}."),
        };
        if (IsOwner && List.Sharing == ListSharing.Private)
        {
            var targets = new List<ShareTarget>();
            if (await ProfessionalAccess.BodyOfAsync(db, me, HttpContext.RequestAborted) is { } bodyId)
            {
                var bodyName = await db.PartnerBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(HttpContext.RequestAborted);
                targets.Add(new ShareTarget(ShareWithBody, localizer["Mes collègues de {0}", bodyName].Value));
            }

            var teams = await db.Memberships.Where(m => m.UserId == me).Select(m => new { m.StructureId, m.Structure.Name }).ToListAsync(HttpContext.RequestAborted);
            targets.AddRange(teams.OrderBy(t => t.Name, Core.Text.FrenchOrder.Comparer)
                .Select(t => new ShareTarget(t.StructureId.ToString(CultureInfo.InvariantCulture), localizer["L’équipe de {0}", t.Name].Value)));
            ShareTargets = targets;
        }

        var ids = List.Items.Select(i => i.StructureId).ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, HttpContext.RequestAborted);
        Places = List.Items.OrderBy(i => i.Position)
            .Where(i => structures.ContainsKey(i.StructureId))
            .Select(i =>
            {
                var s = structures[i.StructureId];
                var address = s.Street is null ? s.City : $"{s.Street}, {s.PostalCode} {s.City}";
                return new ListPlace(s.Id, s.Name, s.Slug, address, s.PhoneList.FirstOrDefault(), s.Status, FreshnessRules.StateOf(s, now), i.Note);
            })
            .ToList();
        return Page();
    }
}
