using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Admin;

/// <summary>
/// Fills the database with synthetic but realistic structures spread over France, for scale tests.
/// Deterministic: the same seed gives the same structures (names, places, hours, identifiers).
/// </summary>
public sealed class SyntheticGenerator(IServiceScopeFactory scopes, SearchIndex index, TimeProvider clock)
{
    private const int BatchSize = 1000;

    // Name, INSEE code, postal code, latitude, longitude, weight (roughly the population, in shares).
    private static readonly (string Name, string Code, string Postal, double Lat, double Lon, int Weight)[] Cities =
    [
        ("Paris", "75056", "75011", 48.8566, 2.3522, 21), ("Marseille", "13055", "13001", 43.2965, 5.3698, 8),
        ("Lyon", "69123", "69003", 45.7640, 4.8357, 5), ("Toulouse", "31555", "31000", 43.6047, 1.4442, 5),
        ("Nice", "06088", "06000", 43.7102, 7.2620, 3), ("Nantes", "44109", "44000", 47.2184, -1.5536, 3),
        ("Montpellier", "34172", "34000", 43.6108, 3.8767, 3), ("Strasbourg", "67482", "67000", 48.5734, 7.7521, 3),
        ("Bordeaux", "33063", "33000", 44.8378, -0.5792, 3), ("Lille", "59350", "59000", 50.6292, 3.0573, 3),
        ("Rennes", "35238", "35000", 48.1173, -1.6778, 2), ("Reims", "51454", "51100", 49.2583, 4.0317, 2),
        ("Toulon", "83137", "83000", 43.1242, 5.9280, 2), ("Saint-Étienne", "42218", "42000", 45.4397, 4.3872, 2),
        ("Le Havre", "76351", "76600", 49.4944, 0.1079, 2), ("Grenoble", "38185", "38000", 45.1885, 5.7245, 2),
        ("Dijon", "21231", "21000", 47.3220, 5.0415, 2), ("Angers", "49007", "49000", 47.4784, -0.5632, 2),
        ("Nîmes", "30189", "30000", 43.8367, 4.3601, 2), ("Clermont-Ferrand", "63113", "63000", 45.7772, 3.0870, 2),
        ("Le Mans", "72181", "72000", 48.0061, 0.1996, 2), ("Aix-en-Provence", "13001", "13100", 43.5297, 5.4474, 2),
        ("Brest", "29019", "29200", 48.3904, -4.4861, 2), ("Tours", "37261", "37000", 47.3941, 0.6848, 2),
        ("Amiens", "80021", "80000", 49.8941, 2.2958, 2), ("Limoges", "87085", "87000", 45.8336, 1.2611, 2),
        ("Perpignan", "66136", "66000", 42.6887, 2.8948, 1), ("Metz", "57463", "57000", 49.1193, 6.1757, 1),
        ("Besançon", "25056", "25000", 47.2378, 6.0241, 1), ("Orléans", "45234", "45000", 47.9029, 1.9093, 1),
        ("Rouen", "76540", "76000", 49.4432, 1.0999, 1), ("Caen", "14118", "14000", 49.1829, -0.3707, 1),
        ("Mulhouse", "68224", "68100", 47.7508, 7.3359, 1), ("Nancy", "54395", "54000", 48.6921, 6.1844, 1),
        ("Argenteuil", "95018", "95100", 48.9472, 2.2467, 1), ("Saint-Denis", "93066", "93200", 48.9362, 2.3574, 1),
        ("Roubaix", "59512", "59100", 50.6942, 3.1746, 1), ("Avignon", "84007", "84000", 43.9493, 4.8055, 1),
        ("Poitiers", "86194", "86000", 46.5802, 0.3404, 1), ("Pau", "64445", "64000", 43.2951, -0.3708, 1),
        ("La Rochelle", "17300", "17000", 46.1603, -1.1511, 1), ("Quimper", "29232", "29000", 47.9960, -4.1024, 1),
        ("Lorient", "56121", "56100", 47.7483, -3.3702, 1), ("Vannes", "56260", "56000", 47.6582, -2.7608, 1),
        ("Saint-Brieuc", "22278", "22000", 48.5136, -2.7603, 1), ("Morlaix", "29151", "29600", 48.5775, -3.8278, 1),
        ("Ajaccio", "2A004", "20000", 41.9192, 8.7386, 1), ("Bastia", "2B033", "20200", 42.6973, 9.4509, 1),
        ("Calais", "62193", "62100", 50.9513, 1.8587, 1), ("Valence", "26362", "26000", 44.9334, 4.8924, 1),
        ("Chambéry", "73065", "73000", 45.5646, 5.9178, 1), ("Troyes", "10387", "10000", 48.2973, 4.0744, 1),
        ("Colmar", "68066", "68000", 48.0794, 7.3585, 1), ("Béziers", "34032", "34500", 43.3442, 3.2158, 1),
        ("Bourges", "18033", "18000", 47.0810, 2.3988, 1), ("Niort", "79191", "79000", 46.3237, -0.4588, 1),
        ("Cherbourg-en-Cotentin", "50129", "50100", 49.6337, -1.6222, 1), ("Saint-Nazaire", "44184", "44600", 47.2735, -2.2138, 1),
    ];

    private static readonly string[] Hours =
    [
        "Mo-Fr 09:00-12:00,14:00-17:30; PH off", "Mo-Fr 08:30-12:30,13:30-17:00; PH off", "Mo-Fr 09:00-17:00; PH off",
        "Mo,We,Fr 11:30-13:30", "Tu,Th 14:00-17:00; PH off", "Mo-Sa 09:00-12:00", "24/7", "Mo-Su 18:00-24:00,00:00-08:00",
        "Mo-Fr 08:30-12:00; Sa 09:00-12:00; PH off", "Tu 14:00-16:00 \"sur rendez-vous\"", "We[1,3] 14:00-17:00",
        "Mo-Fr 10:00-12:00; We 10:00-12:00,14:00-18:00; PH off", "Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00; PH off",
        "Mo-Fr 07:30-10:00", "Mo-Su 12:00-13:30,19:00-20:30", "Tu-Sa 10:00-18:00; PH off", "Mo 14:00-17:00; Th 09:00-12:00",
        "Mo-Fr 09:00-12:00 \"sans rendez-vous\"; Mo-Fr 14:00-17:00 \"sur rendez-vous\"", "Sa 09:30-12:00", "Mo-Fr 13:30-17:30; PH off",
    ];

    private static readonly string[] Districts =
    [
        "du Centre", "des Quais", "Saint-Martin", "Bellevue", "La Source", "Les Coteaux", "Jean-Jaurès", "Victor-Hugo",
        "Les Tilleuls", "Pasteur", "de la Gare", "du Port", "Les Lilas", "Saint-Michel", "La Croix", "Les Prés", "du Château",
    ];

    private static readonly string[] Streets =
    [
        "rue Jean Jaurès", "rue Victor Hugo", "avenue de la République", "rue Pasteur", "place de la Mairie", "rue de la Gare",
        "boulevard Gambetta", "rue du Commerce", "rue des Écoles", "allée des Tilleuls", "rue Émile Zola", "rue de Verdun",
        "rue Louise Michel", "avenue Jean Moulin", "rue Lamartine", "rue de la Paix", "quai des Indes", "rue Voltaire",
    ];

    private static readonly string[] Organisations =
    [
        "Association {0}", "Accueil solidaire {0}", "Maison des solidarités {0}", "Centre social {0}", "Entraide {0}",
        "Espace d'accueil {0}", "Collectif solidarité {0}", "Maison de quartier {0}", "Point accueil {0}", "Relais social {0}",
    ];

    private static readonly string[] Languages = ["fr", "fr", "fr", "fr en", "fr ar", "fr es", "fr en ar", "fr ru", "fr ro", "fr en uk"];

    public async Task<int> GenerateAsync(int count, int seed, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var totalWeight = Cities.Sum(c => c.Weight);
        var now = clock.GetUtcNow();
        var created = 0;
        int firstNumber;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            firstNumber = await db.Structures.CountAsync(cancellationToken) + 1;
        }

        while (created < count)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var categories = await db.Categories.Include(c => c.Need).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var batch = new List<Structure>(BatchSize);
            for (var i = 0; i < BatchSize && created < count; i++, created++)
            {
                batch.Add(CreateStructure(random, firstNumber + created, categories, totalWeight, now));
            }

            db.Structures.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            await index.IndexAsync(db, batch.Select(s => s.Id).ToList(), cancellationToken);
            progress?.Invoke($"{created} / {count}");
        }

        return created;
    }

    private static Structure CreateStructure(Random random, int number, List<Category> categories, int totalWeight, DateTimeOffset now)
    {
        var city = PickCity(random, totalWeight);
        var main = categories[random.Next(categories.Count)];
        var district = Districts[random.Next(Districts.Length)];
        var name = random.Next(3) == 0
            ? $"{main.NameFr} {district} — {city.Name}"
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, Organisations[random.Next(Organisations.Length)], district) + " — " + city.Name;
        var slug = Slugs.Slugify(name) + "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var kind = (StructureKind)random.Next(7);
        var structure = new Structure(slug, name, kind, now.AddDays(-random.Next(30, 1500)), NextGuid(random));

        // Spread around the city centre like the population: a third in the city, the rest in suburbs and nearby towns.
        var radiusKm = random.NextDouble() < 0.35 ? random.NextDouble() * 5 : 5 + (random.NextDouble() * 35);
        var angle = random.NextDouble() * 2 * Math.PI;
        var lat = city.Lat + (radiusKm / 111.32 * Math.Sin(angle));
        var lon = city.Lon + (radiusKm / (111.32 * Math.Cos(city.Lat * Math.PI / 180)) * Math.Cos(angle));
        var street = $"{random.Next(1, 180)} {Streets[random.Next(Streets.Length)]}";
        var hasAddress = random.Next(50) != 0;
        structure.LocateAt(hasAddress ? new Address(street, city.Postal, city.Name, city.Code, Math.Round(lat, 6), Math.Round(lon, 6)) : null);

        var serviceCount = 1 + random.Next(4);
        var chosen = new List<Category> { main };
        while (chosen.Count < serviceCount)
        {
            var extra = random.Next(2) == 0
                ? categories.Where(c => c.NeedId == main.NeedId).ElementAt(random.Next(categories.Count(c => c.NeedId == main.NeedId)))
                : categories[random.Next(categories.Count)];
            if (!chosen.Contains(extra))
            {
                chosen.Add(extra);
            }
            else
            {
                break;
            }
        }

        var summary = $"{string.Join(", ", chosen.Select(c => c.NameFr.ToLowerInvariant()))} à {city.Name}, quartier {district}.";
        structure.Describe(name, kind, char.ToUpperInvariant(summary[0]) + summary[1..],
            $"Structure d'accueil du quartier {district} à {city.Name}. Nous proposons : {string.Join(", ", chosen.Select(c => c.NameFr.ToLowerInvariant()))}. Accueil bienveillant et confidentiel.",
            []);
        var phone = $"0{random.Next(1, 6)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}";
        structure.SetContact([phone], random.Next(3) == 0 ? null : $"contact{number}@example.org", random.Next(2) == 0 ? null : $"https://structure{number}.example.org");
        structure.SetReception(random.Next(3) switch { 0 => null, 1 => false, _ => true }, Languages[random.Next(Languages.Length)].Split(' '),
            random.Next(25) == 0 ? null : Hours[random.Next(Hours.Length)], null);

        foreach (var category in chosen)
        {
            var service = new Service(structure, category, category.NameFr, NextGuid(random));
            service.Describe(category, category.NameFr, $"{category.NameFr} proposé par {name}.", ["accompagnement"]);
            var publics = random.Next(4) switch
            {
                0 => new[] { "femmes" },
                1 => ["jeunes"],
                2 => ["personnes-en-situation-durgence", "personnes-exilees"],
                _ => ["tous-publics"],
            };
            service.SetAudience(publics, publics[0] == "femmes" ? Gender.Women : Gender.All, publics[0] == "jeunes" ? 16 : null, publics[0] == "jeunes" ? 25 : null, null);
            service.SetConditions((AccessCondition)random.Next(4), null, random.Next(5) != 0, null);
            service.SetReception(random.Next(4) == 0 ? Hours[random.Next(Hours.Length)] : null, ["en-presentiel"], null, null);
            structure.Services.Add(service);
        }

        structure.Verify(now.AddDays(-random.Next(0, 500)));
        if (random.Next(40) == 0)
        {
            structure.TakeOffline(now.AddDays(-random.Next(1, 100)));
        }
        else
        {
            structure.PutOnline(now.AddDays(-random.Next(0, 400)));
        }

        return structure;
    }

    private static (string Name, string Code, string Postal, double Lat, double Lon, int Weight) PickCity(Random random, int totalWeight)
    {
        var pick = random.Next(totalWeight);
        foreach (var city in Cities)
        {
            pick -= city.Weight;
            if (pick < 0)
            {
                return city;
            }
        }

        return Cities[^1];
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
