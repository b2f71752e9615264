using System.Text;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.OpenData.Imports.ImportFixtures;

namespace Reperes.Web.Tests.OpenData.Imports;

/// <summary>The export of digital-mediation places, checked against the standard's Table Schema.</summary>
public sealed class MediationExportTests
{
    private const string Export = "/api/v1/export/mediation-numerique.csv";

    private static string Schema => File.ReadAllText(Path.Combine(SchemaFolder, "mediation-numerique", "schema.json"));

    [Fact]
    public void Validator_StandardsOwnExample_IsValidAndBrokenCopiesAreNot()
    {
        var example = Encoding.UTF8.GetString(MediationExample);
        TableSchemaValidator.Validate(Schema, example).ShouldBeEmpty();
        TableSchemaValidator.Validate(Schema, example.Replace("\"51100\"", "\"5110\"", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("code_postal");
        TableSchemaValidator.Validate(Schema, example.Replace("\"Anonymal\"", "\"\"", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("nom: required");
        TableSchemaValidator.Validate(Schema, example.Replace("\"43.52609\"", "\"43,5\"", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("not a number");
    }

    /// <summary>
    /// The standard's columns Repères does not hold as the file gives them, and why; every other column comes back
    /// from an import then an export with the same values.
    /// </summary>
    private static readonly Dictionary<string, string> NotHeld = new(StringComparer.Ordinal)
    {
        ["id"] = "Repères publishes its own stable identifier (the sheet's uid); the producer's id is kept in the import's reference, so that importing the same file again updates the same sheet.",
        ["pivot"] = "Repères has no SIRET or RNA number for a place (the guide identifies places by their sheet); the standard's placeholder for \"none\" is written.",
        ["typologie"] = "Repères holds one kind of structure, its own short list (association, public body, CCAS, library, social centre…): the standard's typologies are read into it and the kind is written back.",
        ["courriels"] = "A sheet has one contact e-mail, the one people write to (the first of the list); the others are not shown to anyone.",
        ["site_web"] = "A sheet has one website, the place's own (the first of the list); further pages (social networks) are not held.",
        ["complement_adresse"] = "Kept at the end of the description (« Accès : … »), where people read it on the sheet and on paper; presentation_detail comes back with it.",
        ["source"] = "Repères is the producer of what it exports: its own name (configurable) is written, not the name of whoever fed it.",
        ["itinerance"] = "Repères describes a place that moves by its services' own opening hours and notices, not by a flag.",
        ["structure_parente"] = "A free text about the body a place depends on, that no page of the guide shows; not held.",
        ["date_maj"] = "The date of Repères' last update of the sheet (the import is one), which is what a re-user needs to judge freshness.",
        ["fiche_acces_libre"] = "Accessibility is held as Repères' own wheelchair flag, edited by the structure; a link to another site's sheet is not held.",
    };

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ImportThenExport_StandardsExample_EveryColumnReperesHoldsComesBackTheSame(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        (await ImportAsync(app, MediationExample, apply: true)).Lines.ShouldAllBe(l => l.Action == Reperes.Web.OpenData.Imports.PlanAction.Create);
        var exported = TableSchemaValidator.Parse(await app.CreateClient().GetStringAsync(Export));
        var original = TableSchemaValidator.Parse(Encoding.UTF8.GetString(MediationExample));
        exported[0].ShouldBe(original[0], "the export writes the standard's columns in its order");
        var header = original[0];
        NotHeld.Keys.ShouldBeSubsetOf(header);
        var before = original[1];
        var after = exported.Skip(1).ShouldHaveSingleItem();
        string Before(string column) => before[header.IndexOf(column)];
        string After(string column) => after[header.IndexOf(column)];

        // presentation_detail is held, with the address complement at its end (see NotHeld["complement_adresse"]).
        foreach (var column in header.Where(c => !NotHeld.ContainsKey(c) && c != "presentation_detail"))
        {
            if (Before(column).Contains('|', StringComparison.Ordinal))
            {
                // A list of the standard's values: the same values, in the standard's order rather than the producer's.
                After(column).Split('|').Order(StringComparer.Ordinal).ShouldBe(Before(column).Split('|').Order(StringComparer.Ordinal), column);
            }
            else
            {
                After(column).ShouldBe(Before(column), column);
            }
        }

        // What the columns not held become, as their reasons say.
        After("id").ShouldNotBe(Before("id"));
        After("pivot").ShouldBe(Reperes.Web.OpenData.Imports.MediationExport.NoPivot);
        After("typologie").ShouldBe("ASSO");
        After("courriels").ShouldBe(Before("courriels").Split('|')[0]);
        After("site_web").ShouldBe(Before("site_web").Split('|')[0]);
        Before("presentation_detail").ShouldNotBeEmpty();
        After("complement_adresse").ShouldBeEmpty();
        After("presentation_detail").ShouldBe(Before("presentation_detail") + "\n\nAccès : " + Before("complement_adresse"));
        After("source").ShouldBe("reperes");
        (After("itinerance"), After("structure_parente"), After("fiche_acces_libre")).ShouldBe(("", "", ""));
        After("date_maj").ShouldBe("2026-11-24");
        TableSchemaValidator.Validate(Schema, await app.CreateClient().GetStringAsync(Export)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Export_DigitalMediationPlaces_FollowTheStandardAndImportBack(string engine)
    {
        await using var app = new ReperesApp(engine);
        await ImportAsync(app, MediationExample, apply: true);
        var response = await app.CreateClient().GetAsync(Export);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();

        TableSchemaValidator.Validate(Schema, csv).ShouldBeEmpty();
        var records = TableSchemaValidator.Parse(csv);
        var header = records[0];
        string Cell(List<string> row, string column) => row[header.IndexOf(column)];
        var digital = await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == Reperes.Web.Core.Structures.StructureStatus.Online && s.Street != null
            && s.Services.Any(v => v.Category.Code == "mediation-numerique" || v.Category.Code == "acces-internet")));
        records.Count.ShouldBe(digital + 1);
        records.Count.ShouldBeGreaterThan(2, "the demo data has digital-mediation places besides the imported one");
        var anonymal = records.Single(r => Cell(r, "nom") == "Anonymal");
        Cell(anonymal, "horaires").ShouldBe("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
        Cell(anonymal, "services").ShouldBe("Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Loisirs et créations numériques");
        Cell(anonymal, "publics_specifiquement_adresses").ShouldBe("Jeunes|Femmes");
        Cell(anonymal, "dispositif_programmes_nationaux").ShouldBe("Aidants Connect|Conseillers numériques|La Croix Rouge");
        Cell(anonymal, "modalites_accompagnement").ShouldBe("En autonomie|Accompagnement individuel|Dans un atelier collectif|À distance");
        Cell(anonymal, "pivot").ShouldBe("00000000000000");

        // What Repères exports, another Repères imports.
        await using var other = new ReperesApp(engine, demoData: false);
        var plan = await ImportAsync(other, Encoding.UTF8.GetBytes(csv), apply: true);
        plan.Lines.ShouldAllBe(l => l.Action == Reperes.Web.OpenData.Imports.PlanAction.Create);
        (await other.WithDbAsync(db => db.Structures.CountAsync())).ShouldBe(digital);
    }
}
