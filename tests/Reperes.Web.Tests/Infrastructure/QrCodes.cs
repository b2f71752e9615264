using System.Text.Json;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>QR codes as a phone reads them: screenshots decoded by jsQR (npm), for the printed guide and the slips.</summary>
public static class QrCodes
{
    /// <summary>The text of each QR code (base64 PNG screenshots), null where none could be read.</summary>
    public static async Task<IReadOnlyList<string?>> DecodePngsAsync(IReadOnlyList<string> base64Pngs)
    {
        var files = new List<string>();
        try
        {
            foreach (var png in base64Pngs)
            {
                var file = Path.Combine(Path.GetTempPath(), $"reperes-qr-{Guid.NewGuid():N}.png");
                await File.WriteAllBytesAsync(file, Convert.FromBase64String(png));
                files.Add(file);
            }

            var output = await NodeScript.RunAsync("Guide/Print/decode-qr.mjs", files, []);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text"))
                .Select(text => text.ValueKind == JsonValueKind.Null ? null : text.GetString())
                .ToList();
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }
}
