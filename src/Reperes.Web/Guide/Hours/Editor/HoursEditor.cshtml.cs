using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Shared.Hours;

namespace Reperes.Web.Guide.Hours.Editor;

/// <summary>
/// The hours editor: a weekly grid that writes the opening_hours string, and an expert mode to edit the string
/// with validation and a preview of the next seven days. Works as plain forms (Post/Redirect/Get); a script adds
/// live validation. The result is carried as ?value=…, which the sheet editor of structures reuses.
/// </summary>
public sealed class HoursEditorModel(IStringLocalizer<SharedResource> localizer, HoursEvaluator hours, TimeProvider clock) : PageModel
{
    public const int MaxLength = HoursGridWriter.MaxLength;

    [BindProperty]
    public GridInput Grid { get; set; } = new();

    [BindProperty]
    public string? Expert { get; set; }

    [BindProperty(SupportsGet = true, Name = "value")]
    public string? Value { get; set; }

    public List<string> Errors { get; } = [];

    public int? ErrorPosition { get; private set; }

    public IReadOnlyList<WeekDay> Preview { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool ExpertOnly { get; private set; }


    public IActionResult OnGet()
    {
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        if (string.IsNullOrWhiteSpace(Value))
        {
            return Page();
        }

        Expert = Value;
        if (!Check(Value))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ExpertOnly = true;
            return Page();
        }

        // A string the grid can show is shown in the grid; anything richer stays in expert mode.
        if (HoursGridWriter.Read(Value) is { } grid)
        {
            Grid = grid;
        }
        else
        {
            ExpertOnly = true;
        }

        return Page();
    }

    public IActionResult OnPostGrid()
    {
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        var value = HoursGridWriter.Write(Grid, localizer, Errors);
        if (value is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { value });
    }

    public IActionResult OnPostExpert()
    {
        Today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        ExpertOnly = true;
        if (string.IsNullOrWhiteSpace(Expert) || !Check(Expert))
        {
            if (string.IsNullOrWhiteSpace(Expert))
            {
                Errors.Add(localizer["Indiquez des horaires."]);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { value = Expert.Trim() });
    }

    private bool Check(string value)
    {
        if (!HoursGridWriter.Check(value, localizer, Errors, out var position))
        {
            ErrorPosition = position;
            return false;
        }

        Preview = hours.Week(value, [], Today);
        return true;
    }
}
