using System.Text;
using System.Text.Json;

namespace Reperes.Web.OpenData.Imports;

/// <summary>What a file holds, recognised from its bytes (never from its name).</summary>
public enum FileContent
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>A file that cannot be read at all: its message is French (the key of its translation).</summary>
public sealed class UnreadableFileException(ImportMessage message) : Exception(message.ToFrench())
{
    public ImportMessage Reason { get; } = message;
}

/// <summary>One row of a table (CSV or spreadsheet): its line in the file and its cells by column name.</summary>
public sealed record TableRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string column) => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<TableRow> Rows);

/// <summary>Reads an uploaded file: its kind from its first bytes, its text as UTF-8 (or Latin-1 from old spreadsheets).</summary>
public static class ImportFile
{
    /// <summary>Large enough for a département's structures; a larger file is refused before reading.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public const int MaxRows = 50_000;

    public static FileContent Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new UnreadableFileException(new("Le fichier est vide."));
        }

        if (bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04)
        {
            return FileContent.Xlsx;
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw new UnreadableFileException(new("Ce fichier n’est ni un tableur (XLSX), ni un CSV, ni du JSON."));
        }

        var text = Text(bytes).TrimStart();
        return text.Length > 0 && text[0] is '[' or '{' ? FileContent.Json : FileContent.Csv;
    }

    public static string Text(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Spreadsheets saved as "CSV" on older systems write Windows-1252, whose letters are Latin-1's.
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static JsonDocument Json(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(Text(bytes), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new UnreadableFileException(new("Le fichier JSON est mal formé (ligne {0}).", (e.LineNumber ?? 0) + 1));
        }
    }

    /// <summary>The line (1-based) where each element of the top-level array starts, for messages that point at it.</summary>
    public static List<int> ElementLines(byte[] bytes, string? property = null)
    {
        var data = bytes.AsSpan();
        if (data.StartsWith("\uFEFF"u8))
        {
            data = data[3..];
        }

        var lines = new List<int>();
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = 16 });
        var inTarget = property is null;
        var targetDepth = property is null ? 0 : 1;
        var lastOffset = 0;
        var line = 1;
        while (reader.Read())
        {
            if (property is not null && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                inTarget = reader.ValueTextEquals(property);
            }

            if (inTarget && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == targetDepth + 1)
            {
                var offset = (int)reader.TokenStartIndex;
                line += data[lastOffset..offset].Count((byte)'\n');
                lastOffset = offset;
                lines.Add(line);
                reader.Skip();
            }
        }

        return lines;
    }

    /// <summary>An RFC 4180 table (comma or semicolon, as French spreadsheets write), rows with the line they start on.</summary>
    public static Table Csv(string text)
    {
        var firstLine = text.AsSpan()[..Math.Max(0, text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length)];
        var delimiter = firstLine.Count(';') > firstLine.Count(',') ? ';' : firstLine.Count('\t') > firstLine.Count(',') ? '\t' : ',';
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    records.Add((recordLine, fields));
                    if (records.Count > MaxRows + 1)
                    {
                        throw new UnreadableFileException(new("Le fichier a plus de {0} lignes : découpez-le.", MaxRows));
                    }
                }

                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new UnreadableFileException(new("Le CSV a un guillemet ouvert à la ligne {0} qui n’est jamais fermé.", recordLine));
        }

        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            records.Add((recordLine, fields));
        }

        if (records.Count == 0)
        {
            throw new UnreadableFileException(new("Le fichier est vide."));
        }

        return ToTable(records);
    }

    public static Table ToTable(IReadOnlyList<(int Line, List<string> Fields)> records)
    {
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        if (header.All(h => h.Length == 0))
        {
            throw new UnreadableFileException(new("La première ligne doit donner le nom des colonnes."));
        }

        var rows = new List<TableRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i].Length > 0 && !cells.ContainsKey(header[i]))
                {
                    cells[header[i]] = i < fields.Count ? fields[i] : "";
                }
            }

            if (fields.Count > header.Count && fields.Skip(header.Count).Any(f => f.Trim().Length > 0))
            {
                cells[ExtraCells] = "1";
            }

            rows.Add(new TableRow(line, cells));
        }

        return new Table(header, rows);
    }

    /// <summary>Set on a row that has more cells than the header has columns.</summary>
    public const string ExtraCells = "\u0000extra";
}
