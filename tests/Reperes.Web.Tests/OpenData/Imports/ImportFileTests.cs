using System.Text;
using Reperes.Web.OpenData.Imports;

namespace Reperes.Web.Tests.OpenData.Imports;

/// <summary>Reading tables: lines as a person counts them, separators and encodings of spreadsheets.</summary>
public sealed class ImportFileTests
{
    [Fact]
    public void Csv_QuotedLineBreaksAndBlankLines_RowsKeepTheLineTheyStartOn()
    {
        var table = ImportFile.Csv("nom;description\r\n\"A\";\"sur\ndeux lignes\"\r\n\r\nB;\"dit \"\"bonjour\"\"\"\r\nC;x;en trop\n");

        table.Header.ShouldBe(["nom", "description"]);
        table.Rows.Select(r => (r.Line, r.Get("nom"))).ShouldBe([(2, "A"), (5, "B"), (6, "C")]);
        table.Rows[0].Get("description").ShouldBe("sur\ndeux lignes");
        table.Rows[1].Get("description").ShouldBe("dit \"bonjour\"");
        table.Rows[2].Cells.ContainsKey(ImportFile.ExtraCells).ShouldBeTrue();
    }

    [Fact]
    public void Text_Windows1252Spreadsheet_ReadsItsAccents()
    {
        var latin1 = Encoding.Latin1.GetBytes("nom;commune\nÉpicerie;Plougastel-Daoulas\n");
        ImportFile.Csv(ImportFile.Text(latin1)).Rows.Single().Get("nom").ShouldBe("Épicerie");
    }

    [Fact]
    public void ElementLines_JsonArray_LineOfEachItem()
    {
        var json = Encoding.UTF8.GetBytes("{\n  \"structures\": [\n    {\"id\": 1},\n    {\n      \"id\": 2\n    }\n  ],\n  \"services\": [{\"id\": 3}]\n}");
        ImportFile.ElementLines(json, "structures").ShouldBe([3, 4]);
        ImportFile.ElementLines(json, "services").ShouldBe([8]);
        ImportFile.ElementLines(Encoding.UTF8.GetBytes("[{},\n{}]")).ShouldBe([1, 2]);
    }
}
