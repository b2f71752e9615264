using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.Guide.Hours.Editor;

/// <summary>One day of the grid: up to three slots, times as "HH:mm" (what &lt;input type=time&gt; sends).</summary>
public sealed class DayInput
{
    public const int Slots = 3;

    public string?[] Starts { get; set; } = new string?[Slots];

    public string?[] Ends { get; set; } = new string?[Slots];
}

/// <summary>The weekly grid as a form: nothing of the OpenStreetMap syntax to know.</summary>
public sealed class GridInput
{
    public DayInput[] Days { get; set; } = Enumerable.Range(0, 7).Select(_ => new DayInput()).ToArray();

    public bool ClosedOnPublicHolidays { get; set; } = true;

    public bool ByAppointmentOnly { get; set; }

    public string? Note { get; set; }

    /// <summary>Model binding builds only the days and slots that were posted: pad to a full week.</summary>
    public void Normalize()
    {
        Days = Enumerable.Range(0, 7).Select(d => d < Days.Length && Days[d] is { } day ? day : new DayInput()).ToArray();
        foreach (var day in Days)
        {
            day.Starts = Enumerable.Range(0, DayInput.Slots).Select(s => day.Starts.ElementAtOrDefault(s)).ToArray();
            day.Ends = Enumerable.Range(0, DayInput.Slots).Select(s => day.Ends.ElementAtOrDefault(s)).ToArray();
        }
    }
}

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

    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

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
