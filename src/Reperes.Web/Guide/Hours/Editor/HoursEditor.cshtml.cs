using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;

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
    public const int MaxLength = 1000;

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
        if (WeeklyHoursGrid.TryFromOpeningHours(Value, out var grid) && grid is not null && grid.Days.All(d => d.Count <= DayInput.Slots))
        {
            Grid = FromGrid(grid);
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
        Grid.Normalize();
        var grid = new WeeklyHoursGrid
        {
            ClosedOnPublicHolidays = Grid.ClosedOnPublicHolidays,
            ByAppointmentOnly = Grid.ByAppointmentOnly,
            Note = string.IsNullOrWhiteSpace(Grid.Note) ? null : Grid.Note.Trim().Replace("\"", "’", StringComparison.Ordinal),
        };
        for (var d = 0; d < 7; d++)
        {
            var dayName = CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(Week[d]);
            for (var s = 0; s < DayInput.Slots; s++)
            {
                var start = Grid.Days[d].Starts[s];
                var end = Grid.Days[d].Ends[s];
                if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
                {
                    continue;
                }

                if (!TryTime(start, out var from) || !TryTime(end, out var to))
                {
                    Errors.Add(localizer["{0}, créneau {1} : indiquez une heure de début et une heure de fin (ex. 09:00 et 12:00).", dayName, s + 1]);
                    continue;
                }

                if (to <= from && to != TimeOnly.MinValue)
                {
                    Errors.Add(localizer["{0}, créneau {1} : l’heure de fin doit être après l’heure de début.", dayName, s + 1]);
                    continue;
                }

                grid.Days[d].Add(new TimeRangeSlot(from, to));
            }
        }

        if (Grid.Note is { Length: > 200 })
        {
            Errors.Add(localizer["La précision est trop longue : 200 caractères au plus."]);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { value = grid.ToOpeningHours() });
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
        if (value.Length > MaxLength)
        {
            Errors.Add(localizer["Les horaires sont trop longs : {0} caractères au plus.", MaxLength]);
            return false;
        }

        if (!OpeningHoursSchedule.TryParse(value, out _, out var error))
        {
            Errors.Add(localizer["Ces horaires ne sont pas compris : {0} (position {1}).", error?.Message ?? "", (error?.Position ?? 0) + 1]);
            ErrorPosition = error?.Position;
            return false;
        }

        Preview = hours.Week(value, [], Today);
        return true;
    }

    private static bool TryTime(string? text, out TimeOnly time)
    {
        time = default;
        if (text is "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return text is not null && TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static GridInput FromGrid(WeeklyHoursGrid grid)
    {
        var input = new GridInput
        {
            ClosedOnPublicHolidays = grid.ClosedOnPublicHolidays,
            ByAppointmentOnly = grid.ByAppointmentOnly,
            Note = grid.Note,
        };
        for (var d = 0; d < 7; d++)
        {
            var slots = grid.Days[d];
            for (var s = 0; s < Math.Min(slots.Count, DayInput.Slots); s++)
            {
                input.Days[d].Starts[s] = slots[s].Start.ToString("HH:mm", CultureInfo.InvariantCulture);
                input.Days[d].Ends[s] = slots[s].End == TimeOnly.MinValue ? "00:00" : slots[s].End.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
        }

        return input;
    }
}
