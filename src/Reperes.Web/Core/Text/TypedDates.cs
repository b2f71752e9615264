using System.Globalization;

namespace Reperes.Web.Core.Text;

/// <summary>
/// A day as people type it in French: "2026-12-24" (what date fields send), "24/12/2026", "24.12.26", "24-12-2026",
/// "24/12" and "24 décembre" (the occurrence nearest to today: within six months before or after), "1er janvier 2027",
/// "jeudi 24 décembre". Anything else is no date, never a guess.
/// </summary>
public static class TypedDates
{
    private static readonly string[] Months =
        ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];

    private static readonly HashSet<string> Weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le"];

    public static DateOnly? Read(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        var words = TextFolding.Fold(trimmed).Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(Weekdays.Contains).ToList();
        if (words.Count is < 2 or > 3 || !int.TryParse(Day(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        var month = int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Array.IndexOf(Months, MonthWord(words[1])) + 1;
        if (month is < 1 or > 12)
        {
            return null;
        }

        if (words.Count == 3)
        {
            if (!int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || words[2].Length is not (2 or 4))
            {
                return null;
            }

            return Make(words[2].Length == 2 ? 2000 + year : year, month, day);
        }

        // No year: the occurrence nearest to today.
        foreach (var year in new[] { today.Year, today.Year + 1, today.Year - 1 })
        {
            if (Make(year, month, day) is { } candidate && Math.Abs(candidate.DayNumber - today.DayNumber) <= 183)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Day(string word) => word is "1er" or "1re" or "premier" ? "1" : word;

    // "déc", "sept", "janv": the usual abbreviations.
    private static string MonthWord(string word)
    {
        var matches = word.Length >= 3 ? Months.Where(m => m.StartsWith(word, StringComparison.Ordinal)).ToList() : [];
        return matches.Count == 1 ? matches[0] : word;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
}
