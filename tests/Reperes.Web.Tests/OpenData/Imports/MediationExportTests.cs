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
        Cell(anonymal, "modalites_accompagnement").ShouldBe("Accompagnement individuel|Dans un atelier collectif|À distance");
        Cell(anonymal, "pivot").ShouldBe("00000000000000");

        // What Repères exports, another Repères imports.
        await using var other = new ReperesApp(engine, demoData: false);
        var plan = await ImportAsync(other, Encoding.UTF8.GetBytes(csv), apply: true);
        plan.Lines.ShouldAllBe(l => l.Action == Reperes.Web.OpenData.Imports.PlanAction.Create);
        (await other.WithDbAsync(db => db.Structures.CountAsync())).ShouldBe(digital);
    }
}
