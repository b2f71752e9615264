using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;

namespace Reperes.Web.Shared.Hours;

/// <summary>How the hours of a form are given: not at all (the structure's apply), with the weekly grid, or as an expression.</summary>
public static class HoursModes
{
    public const string None = "none";
    public const string Grid = "grid";
    public const string Expert = "expert";
}

/// <summary>
/// The hours editor embedded in another form (a sheet, a service, exceptional hours): a mode, the weekly grid and the expert
/// field, all posted together; only the chosen mode counts. Rendered by <c>_HoursFields.cshtml</c>.
/// </summary>
public sealed class HoursInput
{
    public string Mode { get; set; } = HoursModes.None;

    public GridInput Grid { get; set; } = new();

    public string? Expert { get; set; }

    /// <summary>The form as it shows an expression: in the grid when the grid can show it, else in expert mode.</summary>
    public static HoursInput From(string? expression, string emptyMode = HoursModes.None)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return new HoursInput { Mode = emptyMode };
        }

        return HoursGridWriter.Read(expression) is { } grid
            ? new HoursInput { Mode = HoursModes.Grid, Grid = grid, Expert = expression }
            : new HoursInput { Mode = HoursModes.Expert, Expert = expression };
    }

    /// <summary>
    /// The expression the person gave (null in mode "none"), checked; <paramref name="errors"/> says what is wrong.
    /// An empty grid is a mistake, unless <paramref name="emptyGridMeansNone"/> (a sheet may give no hours at all).
    /// When the grid says the same as <paramref name="current"/> (the saved expression), that one is given back as it
    /// is written: saving a form without touching its hours changes nothing.
    /// </summary>
    public string? Resolve(IStringLocalizer<SharedResource> localizer, ICollection<string> errors, bool emptyGridMeansNone = false, string? current = null)
    {
        switch (Mode)
        {
            case HoursModes.None:
                return null;
            case HoursModes.Grid:
                Grid.Normalize();
                if (Grid.Days.All(d => d.Starts.All(string.IsNullOrWhiteSpace) && d.Ends.All(string.IsNullOrWhiteSpace)))
                {
                    if (emptyGridMeansNone)
                    {
                        return null;
                    }

                    errors.Add(localizer["Horaires : remplissez au moins un créneau de la semaine type."]);
                    return null;
                }

                var written = HoursGridWriter.Write(Grid, localizer, errors);
                return written is not null && current is not null
                    && WeeklyHoursGrid.TryFromOpeningHours(current, out var saved) && saved?.ToOpeningHours() == written
                    ? current
                    : written;
            case HoursModes.Expert:
                var expression = Expert?.Trim();
                if (string.IsNullOrEmpty(expression))
                {
                    errors.Add(localizer["Indiquez des horaires."]);
                    return null;
                }

                if (!OpeningHoursSchedule.TryParse(expression, out _, out _) && EverydayHours.Propose(expression) is { } proposal && proposal.Length <= HoursGridWriter.MaxLength)
                {
                    // Typed as people speak ("lundi au vendredi 9h-17h"): the exact expression is proposed in the
                    // field, to check and save again; nothing is saved from a guess.
                    errors.Add(localizer["Horaires compris comme « {0} » : vérifiez la proposition dans le champ, puis enregistrez à nouveau.", proposal]);
                    Expert = proposal;
                    return null;
                }

                return HoursGridWriter.Check(expression, localizer, errors) ? expression : null;
            default:
                errors.Add(localizer["Une valeur proposée dans la liste est attendue."]);
                return null;
        }
    }
}

/// <summary>The weekly grid to and from an opening_hours expression, with the messages a person reads.</summary>
public static class HoursGridWriter
{
    public const int MaxLength = 1000;

    /// <summary>The expression the grid stands for, or null when a slot is wrong (then <paramref name="errors"/> says which).</summary>
    public static string? Write(GridInput input, IStringLocalizer<SharedResource> localizer, ICollection<string> errors)
    {
        input.Normalize();
        var before = errors.Count;
        var grid = new WeeklyHoursGrid
        {
            ClosedOnPublicHolidays = input.ClosedOnPublicHolidays,
            ByAppointmentOnly = input.ByAppointmentOnly,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim().Replace("\"", "’", StringComparison.Ordinal),
        };
        for (var d = 0; d < 7; d++)
        {
            var dayName = CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(GridInput.Week[d]);
            for (var s = 0; s < DayInput.Slots; s++)
            {
                var start = input.Days[d].Starts[s];
                var end = input.Days[d].Ends[s];
                if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
                {
                    continue;
                }

                if (!TryTime(start, out var from) || !TryTime(end, out var to))
                {
                    errors.Add(localizer["{0}, créneau {1} : indiquez une heure de début et une heure de fin (ex. 09:00 et 12:00).", dayName, s + 1]);
                    continue;
                }

                if (to <= from && to != TimeOnly.MinValue)
                {
                    errors.Add(localizer["{0}, créneau {1} : l’heure de fin doit être après l’heure de début.", dayName, s + 1]);
                    continue;
                }

                grid.Days[d].Add(new TimeRangeSlot(from, to));
            }
        }

        if (input.Note is { Length: > 200 })
        {
            errors.Add(localizer["La précision est trop longue : 200 caractères au plus."]);
        }

        return errors.Count > before ? null : grid.ToOpeningHours();
    }

    /// <summary>The grid that shows <paramref name="expression"/>, or null when only the expert mode can.</summary>
    public static GridInput? Read(string expression)
    {
        if (!WeeklyHoursGrid.TryFromOpeningHours(expression, out var grid) || grid is null || grid.Days.Any(d => d.Count > DayInput.Slots))
        {
            return null;
        }

        var input = new GridInput
        {
            ClosedOnPublicHolidays = grid.ClosedOnPublicHolidays,
            ByAppointmentOnly = grid.ByAppointmentOnly,
            Note = grid.Note,
        };
        for (var d = 0; d < 7; d++)
        {
            var slots = grid.Days[d];
            for (var s = 0; s < slots.Count; s++)
            {
                input.Days[d].Starts[s] = slots[s].Start.ToString("HH:mm", CultureInfo.InvariantCulture);
                input.Days[d].Ends[s] = slots[s].End == TimeOnly.MinValue ? "00:00" : slots[s].End.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
        }

        return input;
    }

    /// <summary>Checks an expression: its length and its syntax.</summary>
    public static bool Check(string expression, IStringLocalizer<SharedResource> localizer, ICollection<string> errors) =>
        Check(expression, localizer, errors, out _);

    public static bool Check(string expression, IStringLocalizer<SharedResource> localizer, ICollection<string> errors, out int? errorPosition)
    {
        errorPosition = null;
        if (expression.Length > MaxLength)
        {
            errors.Add(localizer["Les horaires sont trop longs : {0} caractères au plus.", MaxLength]);
            return false;
        }

        if (!OpeningHoursSchedule.TryParse(expression, out _, out var error))
        {
            errors.Add(localizer["Ces horaires ne sont pas compris : {0} (position {1}).", error?.Message ?? "", (error?.Position ?? 0) + 1]);
            errorPosition = error?.Position;
            return false;
        }

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
}
