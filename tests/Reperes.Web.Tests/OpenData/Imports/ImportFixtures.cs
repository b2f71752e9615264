using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.OpenData.Imports;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.Imports;

/// <summary>Files to import, and a way to run the importer of an application and see whether its database changed.</summary>
public static class ImportFixtures
{
    public static string SchemaFolder => Path.Combine(NodeScript.RepositoryRoot, "tests", "Reperes.Web.Tests", "OpenData", "Schemas");

    public static byte[] MediationExample => File.ReadAllBytes(Path.Combine(SchemaFolder, "mediation-numerique", "exemple-valide.csv"));

    public static string MediationHeader => Encoding.UTF8.GetString(MediationExample).Split('\n')[0].TrimEnd('\r');

    /// <summary>Two structures of a producer "pimms" in Brest, with three services (food, internet access, a workshop).</summary>
    public static byte[] DataInclusionFile => Encoding.UTF8.GetBytes("""
        {
          "structures": [
            {
              "source": "pimms",
              "id": "pimms--brest-centre",
              "nom": "PIMMS de Brest centre",
              "description": "Point d’information et de médiation multi services. Aide aux démarches et accès à internet.",
              "adresse": "5 rue Jean Jaurès",
              "code_postal": "29200",
              "commune": "Brest",
              "code_insee": "29019",
              "latitude": 48.3897,
              "longitude": -4.4856,
              "telephone": "+33298000001",
              "courriel": "brest@pimms.example",
              "site_web": "https://pimms.example/brest",
              "horaires_accueil": "Mo-Fr 09:00-12:30,13:30-17:00",
              "reseaux_porteurs": ["france-service"],
              "date_maj": "2026-10-01"
            },
            {
              "source": "pimms",
              "id": "pimms--epicerie-bellevue",
              "nom": "Épicerie solidaire de Bellevue",
              "description": "Des courses à petit prix pour les familles du quartier de Bellevue.",
              "adresse": "2 place Napoléon III",
              "code_postal": "29200",
              "commune": "Brest",
              "date_maj": "2026-09-15"
            }
          ],
          "services": [
            {
              "source": "pimms",
              "id": "pimms--svc-internet",
              "structure_id": "pimms--brest-centre",
              "nom": "Ordinateurs en libre accès",
              "description": "Des ordinateurs et une imprimante pour vos démarches en ligne, avec une aide si besoin.",
              "thematiques": ["numerique--acceder-a-une-connexion-internet"],
              "publics": ["tous-publics"],
              "frais": "gratuit",
              "modes_accueil": ["en-presentiel"],
              "date_maj": "2026-10-01"
            },
            {
              "source": "pimms",
              "id": "pimms--svc-ateliers",
              "structure_id": "pimms--brest-centre",
              "nom": "Ateliers smartphone",
              "description": "Apprendre à se servir de son téléphone, en petit groupe.",
              "type": "atelier",
              "thematiques": ["numerique--maitriser-les-fondamentaux-du-numerique"],
              "publics": ["seniors"],
              "conditions_acces": "Sur inscription : au 02 98 00 00 01",
              "frais": "payant",
              "frais_precisions": "2 € la séance",
              "date_maj": "2026-10-01"
            },
            {
              "source": "pimms",
              "id": "pimms--svc-epicerie",
              "structure_id": "pimms--epicerie-bellevue",
              "nom": "Épicerie solidaire",
              "description": "Produits à 10 % à 30 % du prix, sur orientation d’un travailleur social.",
              "thematiques": ["equipement-et-alimentation--alimentation"],
              "publics": ["familles", "beneficiaires-des-minimas-sociaux"],
              "frais": "payant",
              "date_maj": "2026-09-15"
            }
          ]
        }
        """);

    public static async Task<ImportPlan> ImportAsync(ReperesApp app, byte[] file, bool apply, ImportOptions? options = null, byte[]? services = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        options ??= new ImportOptions(PutOnline: true);
        var parsed = importer.Parse(file, services, options);
        return apply
            ? await importer.ApplyAsync(parsed, options, new ImportAuthor("import-test", "test"), CancellationToken.None)
            : await importer.PlanAsync(parsed, options, CancellationToken.None);
    }

    /// <summary>Everything an import may write, as one text: equal texts mean nothing was written.</summary>
    public static Task<string> FingerprintAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        var structures = (await db.Structures.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            .Select(s => $"{s.Id}|{s.Slug}|{s.Name}|{s.Status}|{s.UpdatedAt.UtcTicks}|{s.Street}|{s.Phones}|{s.OpeningHours}");
        var services = (await db.Services.AsNoTracking().OrderBy(v => v.Id).ToListAsync())
            .Select(v => $"{v.Id}|{v.StructureId}|{v.Name}|{v.Description}|{v.CategoryId}|{v.IsFree}|{v.Publics}");
        var revisions = await db.SheetRevisions.CountAsync();
        var references = (await db.ExternalReferences.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => $"{r.Id}|{r.ImportedAt.UtcTicks}|{r.ImportedValues}");
        return string.Join('\n', structures.Concat(services).Concat(references).Append(revisions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });
}
