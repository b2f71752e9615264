using System.Collections.Concurrent;

namespace Reperes.OpeningHours;

/// <summary>French public holidays, named as opening_hours.js names them (country "fr").</summary>
public static class FrenchPublicHolidays
{
    private static readonly ConcurrentDictionary<(int Year, PublicHolidayRegion Region), (DateOnly Date, string Name)[]> Cache = new();

    public static IReadOnlyList<(DateOnly Date, string Name)> For(int year, PublicHolidayRegion region) => ForYear(year, region);

    public static bool IsHoliday(DateOnly date, PublicHolidayRegion region)
    {
        foreach (var (d, _) in ForYear(date.Year, region))
        {
            if (d == date)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    // Sorted by date; cached because evaluation asks for the same years over and over.
    internal static (DateOnly Date, string Name)[] ForYear(int year, PublicHolidayRegion region) =>
        Cache.GetOrAdd((year, region), static key => Compute(key.Year, key.Region));

    private static (DateOnly Date, string Name)[] Compute(int year, PublicHolidayRegion region)
    {
        var easter = EasterSunday(year);
        var list = new List<(DateOnly Date, string Name)>
        {
            (new DateOnly(year, 1, 1), "Nouvel An"),
            (easter.AddDays(1), "Lundi de Pâques"),
            (new DateOnly(year, 5, 1), "Fête du travail"),
            (new DateOnly(year, 5, 8), "Fête de la Victoire 1945"),
            (easter.AddDays(39), "Ascension"),
            (easter.AddDays(50), "Lundi de Pentecôte"),
            (new DateOnly(year, 7, 14), "Fête Nationale de la France"),
            (new DateOnly(year, 8, 15), "Assomption"),
            (new DateOnly(year, 11, 1), "Toussaint"),
            (new DateOnly(year, 11, 11), "Armistice 1918"),
            (new DateOnly(year, 12, 25), "Noël"),
        };
        if (region == PublicHolidayRegion.FranceAlsaceMoselle)
        {
            list.Add((easter.AddDays(-2), "Vendredi saint"));
            list.Add((new DateOnly(year, 12, 26), "Lendemain de Noël"));
        }

        // Stable sort keeps declaration order when two holidays share a date (Ascension on 1 or 8 May).
        return [.. list.OrderBy(h => h.Date)];
    }
}
