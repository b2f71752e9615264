using Reperes.Web.Core.Usage;

namespace Reperes.Web.Admin.Demo;

/// <summary>A demo place as the invented usage needs it: its id, commune and the needs and categories of its services.</summary>
public sealed record DemoPlace(int Id, string Commune, IReadOnlyList<(string Need, string Category)> Offers);

/// <summary>
/// A year of invented use of the demo guide, so that the statistics pages of the demo have something to show: searches
/// by need with the week's rhythm and more in winter, a few searches that find nothing (the same words typed several
/// ways), sheets read, taps, slips, referrals, API calls and exports. Deterministic (a fixed seed), only with
/// <c>Reperes:DemoUsage</c>, never in tests unless asked.
/// </summary>
public static class DemoUsage
{
    /// <summary>Words typed that the demo guide does not know, each in several spellings.</summary>
    private static readonly (string Need, string[] Spellings)[] Unmet =
    [
        ("", ["veterinaire", "veterinaires", "vétérinaire"]),
        ("avoir-un-toit", ["camping", "campings"]),
        ("se-nourrir", ["halal"]),
        ("acceder-aux-droits", ["impots", "impôts", "declaration impots", "déclaration d'impôts"]),
        ("prendre-soin-de-soi", ["pressing", "pressings"]),
        ("", ["fontaine", "fontaines"]),
    ];

    /// <summary>Communes of the demo around Brest, Brest first and most often.</summary>
    private static readonly (string Code, int Weight)[] SearchCommunes = [("29019", 70), ("", 14), ("29075", 5), ("29235", 4), ("29189", 4), ("29061", 3)];

    public static IEnumerable<UsageEvent> Year(IReadOnlyList<DemoPlace> places, DateTimeOffset now)
    {
        var random = new Random(18);
        var needs = places.SelectMany(p => p.Offers.Select(o => o.Need)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var placesByNeed = needs.ToDictionary(n => n, n => places.Where(p => p.Offers.Any(o => o.Need == n)).ToList(), StringComparer.Ordinal);
        var start = TimeZoneInfo.ConvertTime(now, Core.Hours.HoursEvaluator.Zone).AddDays(-365);
        for (var day = 0; day <= 365; day++)
        {
            var date = start.AddDays(day);
            var winter = date.Month is 11 or 12 or 1 or 2 ? 1.4 : 1.0;
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
            var searches = (int)(22 * winter * weekend) + random.Next(8);
            for (var i = 0; i < searches; i++)
            {
                var at = At(date, random);
                if (at > now)
                {
                    continue;
                }

                if (random.Next(100) < 6)
                {
                    var (need, spellings) = Unmet[random.Next(Unmet.Length)];
                    yield return new UsageEvent(new UsageFact(UsageKind.Search) { NeedCode = need, Commune = Commune(random), Words = UsageWords.Clean(spellings[random.Next(spellings.Length)]), Results = 0 }, at);
                    continue;
                }

                // The needs people look for most: eat, sleep, wash, care, rights first.
                var needCode = needs[Math.Min(needs.Count - 1, (int)(needs.Count * Math.Pow(random.NextDouble(), 1.6)))];
                var chosen = placesByNeed[needCode];
                var offer = chosen[random.Next(chosen.Count)].Offers.First(o => o.Need == needCode);
                var commune = Commune(random);
                yield return new UsageEvent(new UsageFact(UsageKind.Search) { NeedCode = needCode, CategoryCode = random.Next(2) == 0 ? offer.Category : "", Commune = commune, Results = Math.Min(UsageEvent.ManyResults, 3 + random.Next(9)) }, at);
                if (random.Next(100) < 70)
                {
                    var place = chosen[random.Next(chosen.Count)];
                    yield return new UsageEvent(new UsageFact(UsageKind.SheetView) { NeedCode = needCode, Commune = place.Commune, StructureId = place.Id }, at);
                    foreach (var (kind, percent) in new[] { (UsageKind.Call, 16), (UsageKind.Directions, 12), (UsageKind.Website, 5), (UsageKind.Email, 2) })
                    {
                        if (random.Next(100) < percent)
                        {
                            yield return new UsageEvent(new UsageFact(kind) { NeedCode = needCode, Commune = place.Commune, StructureId = place.Id }, at);
                        }
                    }
                }
            }

            foreach (var item in Slips(date, now, random, placesByNeed, needs))
            {
                yield return item;
            }

            for (var i = random.Next(3); i > 0; i--)
            {
                var place = places[random.Next(places.Count)];
                var (need, category) = place.Offers[random.Next(place.Offers.Count)];
                yield return new UsageEvent(new UsageFact(UsageKind.Referral) { NeedCode = need, CategoryCode = category, Commune = place.Commune, StructureId = place.Id }, At(date, random));
            }

            for (var i = 10 + random.Next(30); i > 0; i--)
            {
                string[] apiKinds = ["search", "structures", "services", "hsds"];
                yield return new UsageEvent(new UsageFact(UsageKind.Api) { Detail = apiKinds[random.Next(apiKinds.Length)] }, At(date, random));
            }

            if (random.Next(3) == 0)
            {
                string[] exportKinds = ["data-inclusion", "ical", "atom", "usage"];
                yield return new UsageEvent(new UsageFact(UsageKind.Export) { Detail = exportKinds[random.Next(exportKinds.Length)] }, At(date, random));
            }
        }
    }

    private static IEnumerable<UsageEvent> Slips(DateTimeOffset date, DateTimeOffset now, Random random, Dictionary<string, List<DemoPlace>> placesByNeed, List<string> needs)
    {
        for (var slip = random.Next(5); slip > 0; slip--)
        {
            var at = At(date, random);
            if (at > now)
            {
                yield break;
            }

            yield return new UsageEvent(new UsageFact(UsageKind.Slip) { Detail = random.Next(3) == 0 ? "share" : "print" }, at);
            for (var i = 1 + random.Next(4); i > 0; i--)
            {
                var need = needs[random.Next(needs.Count)];
                var place = placesByNeed[need][random.Next(placesByNeed[need].Count)];
                yield return new UsageEvent(new UsageFact(UsageKind.SlipPlace) { NeedCode = need, Commune = place.Commune, StructureId = place.Id }, at);
            }
        }
    }

    /// <summary>A moment of the day, mostly in opening hours, some in the evening and at night (looking for a bed).</summary>
    private static DateTimeOffset At(DateTimeOffset date, Random random)
    {
        int[] hours = [9, 9, 10, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 19, 20, 21, 22, 23, 0, 7, 8];
        return new DateTimeOffset(date.Year, date.Month, date.Day, hours[random.Next(hours.Length)], random.Next(60), 0, date.Offset);
    }

    private static string Commune(Random random)
    {
        var pick = random.Next(SearchCommunes.Sum(c => c.Weight));
        foreach (var (code, weight) in SearchCommunes)
        {
            if ((pick -= weight) < 0)
            {
                return code;
            }
        }

        return "";
    }
}
