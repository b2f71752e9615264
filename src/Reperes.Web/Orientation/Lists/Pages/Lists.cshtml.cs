using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists.Pages;

/// <summary>A list as the lists' page shows it: its name, how many places, with whom it is shared, whose it is.</summary>
public sealed record ListRow(int Id, string Name, int Places, ListSharing Sharing, string? Owner);

/// <summary>
/// A professional's lists of places and those colleagues share with them; creating a list, the weekly digest, and the
/// "add to a list" form of results and sheets (back to the page it came from).
/// </summary>
[Authorize]
public sealed class PlaceListsModel(ReperesDbContext db, ListChanges listChanges, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The name of the list a first "add to a list" creates.</summary>
    public const string FirstListName = "Mes adresses";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "erreur")]
    public string? Error { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public IReadOnlyList<ListRow> Mine { get; private set; } = [];

    public IReadOnlyList<ListRow> SharedWithMe { get; private set; } = [];

    public bool Digest { get; private set; }

    public int NewChanges { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var me = ListAccess.UserId(User)!;
        var name = (Name ?? "").Trim();
        var error = name.Length == 0 ? localizer["Donnez un nom à la liste (par exemple « urgence hiver »)."]
            : name.Length > PlaceList.NameMaxLength ? localizer["Le nom est trop long : {0} caractères au plus.", PlaceList.NameMaxLength]
            : await db.PlaceLists.CountAsync(l => l.OwnerId == me, HttpContext.RequestAborted) >= PlaceList.MaxListsPerOwner ? localizer["Vous avez déjà {0} listes : supprimez-en une avant d’en créer une autre.", PlaceList.MaxListsPerOwner]
            : await db.PlaceLists.AnyAsync(l => l.OwnerId == me && l.Name == name, HttpContext.RequestAborted) ? localizer["Vous avez déjà une liste « {0} ».", name]
            : null;
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Name), error);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var list = new PlaceList(me, name, clock.GetUtcNow());
        db.PlaceLists.Add(list);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Orientation/Lists/Pages/List", new { id = list.Id, fait = "creee" });
    }

    /// <summary>"Ajouter à la liste" from a result or a sheet: then back to where it was (Post/Redirect/Get).</summary>
    public async Task<IActionResult> OnPostAddAsync([FromForm(Name = "id")] string? place, [FromForm(Name = "liste")] string? list, [FromForm(Name = "retour")] string? back)
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var me = ListAccess.UserId(User)!;
        if (!int.TryParse(place, NumberStyles.None, CultureInfo.InvariantCulture, out var structureId)
            || !await PublicData.Structures(db).AnyAsync(s => s.Id == structureId, HttpContext.RequestAborted))
        {
            return RedirectToPage(new { erreur = "inconnue" });
        }

        PlaceList? target;
        if (list == "nouvelle")
        {
            if (await db.PlaceLists.CountAsync(l => l.OwnerId == me, HttpContext.RequestAborted) >= PlaceList.MaxListsPerOwner)
            {
                return RedirectToPage(new { erreur = "trop" });
            }

            var existing = await db.PlaceLists.Where(l => l.OwnerId == me).Select(l => l.Name).ToListAsync(HttpContext.RequestAborted);
            var name = FirstListName;
            for (var n = 2; existing.Contains(name); n++)
            {
                name = $"{FirstListName} {n}";
            }

            target = new PlaceList(me, name, clock.GetUtcNow());
            db.PlaceLists.Add(target);
        }
        else
        {
            // Someone else's list, or none: as if it did not exist.
            var id = int.TryParse(list, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            target = await db.PlaceLists.Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == id && l.OwnerId == me, HttpContext.RequestAborted);
            if (target is null)
            {
                return NotFound();
            }

            if (target.Items.Count >= PlaceList.MaxPlaces && target.Items.All(i => i.StructureId != structureId))
            {
                return RedirectToPage("/Orientation/Lists/Pages/List", new { id = target.Id, erreur = "pleine" });
            }
        }

        target.Add(structureId, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // The same place added twice at once (two tabs): it is on the list, which is what was asked.
            db.ChangeTracker.Clear();
        }

        return OrientationModule.LocalUrl(back) is { } local ? LocalRedirect(local) : RedirectToPage("/Orientation/Lists/Pages/List", new { id = target.Id });
    }

    public async Task<IActionResult> OnPostDigestAsync([FromForm(Name = "resume")] bool digest)
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var me = ListAccess.UserId(User)!;
        var watch = await db.ListWatches.SingleOrDefaultAsync(w => w.UserId == me, HttpContext.RequestAborted);
        if (watch is null)
        {
            watch = new ListWatch(me);
            db.ListWatches.Add(watch);
        }

        if (digest)
        {
            watch.SubscribeToDigest(clock.GetUtcNow());
        }
        else
        {
            watch.UnsubscribeFromDigest();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { fait = digest ? "resume" : "sans-resume" });
    }

    public string? ErrorText => Error switch
    {
        "inconnue" => localizer["Ce lieu n’est pas dans le guide : rien n’a été ajouté."].Value,
        "trop" => localizer["Vous avez déjà {0} listes : supprimez-en une avant d’en créer une autre.", PlaceList.MaxListsPerOwner].Value,
        _ => null,
    };

    private async Task LoadAsync()
    {
        var me = ListAccess.UserId(User)!;
        var viewer = await ListAccess.ViewerAsync(db, me, HttpContext.RequestAborted);
        var lists = await ListAccess.Visible(db, viewer).AsNoTracking()
            .Select(l => new { l.Id, l.Name, l.OwnerId, Places = l.Items.Count, l.Sharing })
            .ToListAsync(HttpContext.RequestAborted);
        var owners = lists.Where(l => l.OwnerId != me).Select(l => l.OwnerId).Distinct().ToList();
        var names = await db.Users.Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, HttpContext.RequestAborted);
        Mine = lists.Where(l => l.OwnerId == me).OrderBy(l => l.Name, Core.Text.FrenchOrder.Comparer)
            .Select(l => new ListRow(l.Id, l.Name, l.Places, l.Sharing, null)).ToList();
        SharedWithMe = lists.Where(l => l.OwnerId != me).OrderBy(l => l.Name, Core.Text.FrenchOrder.Comparer)
            .Select(l => new ListRow(l.Id, l.Name, l.Places, l.Sharing, names.GetValueOrDefault(l.OwnerId))).ToList();
        var watch = await db.ListWatches.AsNoTracking().SingleOrDefaultAsync(w => w.UserId == me, HttpContext.RequestAborted);
        Digest = watch?.Digest == true;
        var now = clock.GetUtcNow();
        var since = watch?.SeenAt is { } seen && seen > now - ListChanges.PageWindow ? seen : now - ListChanges.PageWindow;
        NewChanges = (await listChanges.ForAsync(viewer, since, now, HttpContext.RequestAborted)).Count;
    }
}
