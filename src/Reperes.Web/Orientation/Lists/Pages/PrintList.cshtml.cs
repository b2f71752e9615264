using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists.Pages;

/// <summary>A place of the printed list: the slip's place (now) and the owner's note.</summary>
public sealed record PrintedListPlace(SlipView Place, string Note);

/// <summary>
/// A list printed as a small guide, by the slip's machinery (<see cref="SlipBuilder"/>, its sheet partial): per place
/// its address and phone, notices in force or within 30 days, the next seven days in words, who it is for, conditions,
/// a directions line and the QR code of its sheet, one place per block, with the owner's note.
/// </summary>
[Authorize]
public sealed class PlaceListPrintModel(ReperesDbContext db, SlipBuilder builder, TimeProvider clock, IOptions<ReperesOptions> options) : PageModel
{
    public PlaceList List { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<PrintedListPlace> Places { get; private set; } = [];

    /// <summary>Places of the list no longer in the guide (closed, offline).</summary>
    public int Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var viewer = await ListAccess.ViewerAsync(db, ListAccess.UserId(User)!, HttpContext.RequestAborted);
        var list = await ListAccess.Visible(db, viewer).AsNoTracking().Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == id, HttpContext.RequestAborted);
        if (list is null)
        {
            return NotFound();
        }

        List = list;
        BaseUrl = options.Value.BaseUrl(Request);
        Now = clock.GetUtcNow();
        var items = list.Items.OrderBy(i => i.Position).ToList();
        var slip = await builder.BuildAsync(new SlipSelection(items.Select(i => new SlipPlace(i.StructureId, [])).ToList(), ""), Now, BaseUrl, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        var notes = items.ToDictionary(i => i.StructureId, i => i.Note);
        Places = slip.Places.Select(p => new PrintedListPlace(slip with { Places = [p], Missing = 0 }, notes[p.Place.Id])).ToList();
        Missing = slip.Missing;
        return Page();
    }
}
