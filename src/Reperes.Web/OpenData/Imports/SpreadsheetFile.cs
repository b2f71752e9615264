using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reperes.Web.OpenData.Imports;

/// <summary>The first sheet of an XLSX workbook as a table; workbooks written (the template).</summary>
public static class SpreadsheetFile
{
    /// <summary>A workbook whose XML unpacks to more than this is refused (a "zip bomb" would fill the memory).</summary>
    private const long MaxUnpackedBytes = 200L * 1024 * 1024;

    public static Table Read(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
            {
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                {
                    throw new UnreadableFileException(new("Le classeur est trop gros une fois décompressé."));
                }
            }

            stream.Position = 0;
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new UnreadableFileException(new("Ce fichier compressé n’est pas un classeur XLSX."));
            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new UnreadableFileException(new("Le classeur n’a aucune feuille."));
            var part = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var records = new List<(int Line, List<string> Fields)>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var line = (int)(row.RowIndex?.Value ?? (uint)(records.Count + 1));
                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add("");
                    }

                    fields.Add(Value(cell, shared));
                }

                if (fields.Any(f => f.Length > 0))
                {
                    records.Add((line, fields));
                    if (records.Count > ImportFile.MaxRows + 1)
                    {
                        throw new UnreadableFileException(new("Le fichier a plus de {0} lignes : découpez-le.", ImportFile.MaxRows));
                    }
                }
            }

            if (records.Count == 0)
            {
                throw new UnreadableFileException(new("Le classeur est vide."));
            }

            return ImportFile.ToTable(records);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new UnreadableFileException(new("Ce fichier compressé n’est pas un classeur XLSX lisible."));
        }
    }

    private static string Value(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Count ? shared[index] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(0, index - 1);
    }

    /// <summary>A workbook: in each sheet a bold header row, then the rows, every cell as text.</summary>
    public static byte[] Write(IReadOnlyList<(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> sheets) =>
        Core.Spreadsheets.WorkbookWriter.Write(sheets.Select(s => new Core.Spreadsheets.WorkbookSheet(s.Name, s.Header, s.Rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()).ToList())).ToList());
}
