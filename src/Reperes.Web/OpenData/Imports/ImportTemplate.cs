using System.Text;

namespace Reperes.Web.OpenData.Imports;

/// <summary>The template to fill for structures that keep a spreadsheet: CSV (UTF-8, ';' as French spreadsheets write) or XLSX with a help sheet.</summary>
public static class ImportTemplate
{
    public static IReadOnlyList<string> Header => TemplateReader.Columns.Select(c => c.Column).ToList();

    public static byte[] Csv()
    {
        // With a byte order mark so that spreadsheets open the accents right; the importer skips it.
        var text = "\uFEFF" + string.Join(';', Header) + "\r\n";
        return Encoding.UTF8.GetBytes(text);
    }

    public static byte[] Xlsx() => SpreadsheetFile.Write(
    [
        ("Structures", Header, []),
        ("Aide", ["colonne", "ce qu’on y met", "exemple"], TemplateReader.Columns.Select(c => (IReadOnlyList<string>)[c.Column, c.Help, c.Example]).ToList()),
    ]);
}
