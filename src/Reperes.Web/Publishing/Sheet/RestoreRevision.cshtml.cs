using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>One field of the sheet as it is, and as the restore would set it.</summary>
public sealed record RestoredField(string Field, string? Current, string? Restored, bool Restorable);

/// <summary>
/// "Revenir à cette version": sets the structure's own fields back to their values just after a revision, itself
/// recorded as a new revision. The values come from the revisions alone: a field's value after revision R is the
/// "after" of the last change of it up to R, else the "before" of its first change after R, else its value now.
/// Revision 0 stands for the sheet as it was before its first recorded change ("version d'origine").
/// Services and notices are not restored (their changes stay in the history, to redo by hand).
/// </summary>
[Authorize]
public sealed class RestoreRevisionModel(ReperesDbContext db, IAuthorizationService authorization, StructureWriter writer) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    /// <summary>Id of the version "before any recorded change".</summary>
    public const int Origin = 0;

    /// <summary>The revision to go back to; null for the original version.</summary>
    public SheetRevision? Revision { get; private set; }

    /// <summary>The fields that would change, in the order of the form.</summary>
    public IReadOnlyList<RestoredField> Fields { get; private set; } = [];

    /// <summary>Changes of services and notices made since: they stay as they are.</summary>
    public IReadOnlyList<string> NotRestored { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int revisionId) => await LoadAsync(slug, revisionId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, int revisionId)
    {
        if (await LoadAsync(slug, revisionId) is { } refusal)
        {
            return refusal;
        }

        var before = SheetFields.Snapshot(Structure);
        var target = new Dictionary<string, string?>(before);
        foreach (var field in Fields.Where(f => f.Restorable))
        {
            target[field.Field] = field.Restored;
        }

        SheetFields.Apply(Structure, target);
        var changes = SheetFields.Diff(before, SheetFields.Snapshot(Structure));
        if (changes.Count > 0)
        {
            changes.Add(new FieldChange(SheetFields.RestoredVersion, null, Revision?.At.ToString("O", CultureInfo.InvariantCulture) ?? SheetFields.OriginalVersion));
        }

        var saved = await writer.SaveAsync(User, Structure, changes, HttpContext.RequestAborted);
        return Redirect($"{EditArea.Url(Structure, "historique")}?fait={(saved ? "retabli" : "rien")}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int revisionId)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        var revisions = (await db.SheetRevisions.AsNoTracking().Where(r => r.StructureId == structure.Id).ToListAsync(HttpContext.RequestAborted))
            .OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
        var position = revisionId == Origin ? -1 : revisions.FindIndex(r => r.Id == revisionId);
        if (position < 0 && revisionId != Origin)
        {
            return NotFound();
        }

        Revision = position < 0 ? null : revisions[position];
        var upTo = revisions.Take(position + 1).Select(r => r.ChangeList).ToList();
        var after = revisions.Skip(position + 1).Select(r => r.ChangeList).ToList();
        var current = SheetFields.Snapshot(structure);
        var fields = new List<RestoredField>();
        foreach (var field in SheetFields.All)
        {
            var last = upTo.SelectMany(c => c).LastOrDefault(c => c.Field == field);
            var next = after.SelectMany(c => c).FirstOrDefault(c => c.Field == field);
            if (last is null && next is null)
            {
                continue;
            }

            var value = last is not null ? last.After : next!.Before;
            if (!SheetFields.Same(value, current[field]))
            {
                fields.Add(new RestoredField(field, current[field], value, SheetFields.CanRestore(field, value)));
            }
        }

        Fields = fields;
        NotRestored = after.SelectMany(c => c)
            .Where(c => !SheetFields.All.Contains(c.Field) && c.Field != SheetFields.RestoredVersion)
            .Select(c => c.Field)
            .Distinct()
            .ToList();
        return null;
    }
}
