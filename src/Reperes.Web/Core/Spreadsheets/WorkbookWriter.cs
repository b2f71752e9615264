using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reperes.Web.Core.Spreadsheets;

/// <summary>One sheet of a workbook: a bold header row, then rows whose cells are text, or numbers when given as numbers.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Writes XLSX workbooks (imports' template, exports): numbers stay numbers, so a spreadsheet can add them up.</summary>
public static class WorkbookWriter
{
    public static byte[] Write(IReadOnlyList<WorkbookSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
            var list = new Sheets();
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint line = 1;
                data.Append(WriteRow(line++, sheet.Header, bold: true));
                foreach (var row in sheet.Rows)
                {
                    data.Append(WriteRow(line++, row, bold: false));
                }

                sheetPart.Worksheet = new Worksheet(data);
                // Sheet names are at most 31 characters, without []:*?/\ .
                var name = new string(sheet.Name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
                list.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = name.Length > 31 ? name[..31] : name });
            }

            workbook.Workbook.AppendChild(list);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row WriteRow(uint line, IReadOnlyList<object?> values, bool bold)
    {
        var row = new Row { RowIndex = line };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + line.ToString(CultureInfo.InvariantCulture);
            var cell = values[i] switch
            {
                int or long or decimal or double => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(values[i], CultureInfo.InvariantCulture)!),
                },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Convert.ToString(values[i], CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            };
            if (bold)
            {
                cell.StyleIndex = 1;
            }

            row.Append(cell);
        }

        return row;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
