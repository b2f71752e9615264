using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reperes.Web.Core.Reading;

/// <summary>Where the speech tools are ("Reperes:Speech"); a path that does not exist turns server audio off.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Reperes:Speech";

    /// <summary>espeak-ng (Debian package espeak-ng): without it, no "Écouter" button.</summary>
    public string EspeakPath { get; set; } = "/usr/bin/espeak-ng";

    /// <summary>opusenc (Debian package opus-tools): compresses the speech to Opus in Ogg.</summary>
    public string OpusencPath { get; set; } = "/usr/bin/opusenc";

    /// <summary>Words per minute: a little slower than espeak-ng's 175, for people who read badly or learn French.</summary>
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>Opus bitrate in kbit/s: speech stays clear at 16 (about 2 KB a second).</summary>
    public int BitrateKbps { get; set; } = 16;

    /// <summary>A synthesis that takes longer is stopped (a stuck process never holds a request).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Server-made audio for "Écouter" when the browser has no voice for the page's language: espeak-ng reads the
/// script (SSML, each part in its own language's voice), opusenc compresses it to Opus in Ogg, and the file is kept
/// under the data directory, named by the script's hash: the same text in the same language is made once.
/// </summary>
public sealed class SpeechAudio(IOptions<SpeechOptions> speechOptions, IOptions<ReperesOptions> options, ILogger<SpeechAudio> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> making = new(StringComparer.Ordinal);

    // Two syntheses at a time at most: the machine serves pages first.
    private readonly SemaphoreSlim slots = new(2);
    private readonly Lazy<IReadOnlySet<string>> voices = new(() => ListVoices(speechOptions.Value, logger));
    private int processes;

    private SpeechOptions Settings => speechOptions.Value;

    /// <summary>The speech tools are installed.</summary>
    public bool Available => File.Exists(Settings.EspeakPath) && File.Exists(Settings.OpusencPath);

    /// <summary>Audio can be made in this language (espeak-ng has a voice for it): the "Écouter" button is shown.</summary>
    public bool Speaks(CultureInfo culture) => Available && voices.Value.Contains(culture.TwoLetterISOLanguageName);

    /// <summary>How many syntheses started processes since the start (a cached file starts none).</summary>
    public int Syntheses => Volatile.Read(ref processes);

    public string CacheDirectory => Path.Combine(options.Value.FullDataDirectory, "read-aloud");

    /// <summary>The audio file of the script (Ogg Opus), made now unless it is in the cache.</summary>
    public async Task<string> FileAsync(ReadAloudScript script, CancellationToken cancellationToken)
    {
        var key = script.Key;
        var path = Path.Combine(CacheDirectory, key + ".opus");
        if (File.Exists(path))
        {
            return path;
        }

        // One synthesis per text even when several people ask at once; forgotten once done (the file is the cache).
        var made = making.GetOrAdd(key, _ => new Lazy<Task<string>>(() => MakeAsync(script, path)));
        try
        {
            return await made.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (made.Value.IsCompleted)
            {
                making.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, made));
            }
        }
    }

    private async Task<string> MakeAsync(ReadAloudScript script, string path)
    {
        await slots.WaitAsync();
        try
        {
            if (File.Exists(path))
            {
                return path;
            }

            Directory.CreateDirectory(CacheDirectory);
            var partial = path + "." + Guid.NewGuid().ToString("N")[..8] + ".part";
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
            var started = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref processes);
            using var espeak = Start(Settings.EspeakPath, ["-m", "-v", script.Language, "-s", Settings.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "--stdin", "--stdout"]);
            using var opusenc = Start(Settings.OpusencPath, ["--quiet", "--bitrate", Settings.BitrateKbps.ToString(CultureInfo.InvariantCulture), "--downmix-mono", "-", partial]);
            try
            {
                // The speech flows into the encoder while the text is still being written: no pipe ever fills up.
                var flowing = espeak.StandardOutput.BaseStream.CopyToAsync(opusenc.StandardInput.BaseStream, timeout.Token);
                await espeak.StandardInput.WriteAsync(Ssml(script).AsMemory(), timeout.Token);
                espeak.StandardInput.Close();
                await flowing;
                opusenc.StandardInput.Close();
                await espeak.WaitForExitAsync(timeout.Token);
                await opusenc.WaitForExitAsync(timeout.Token);
                if (espeak.ExitCode != 0 || opusenc.ExitCode != 0 || !File.Exists(partial))
                {
                    throw new InvalidOperationException($"Speech synthesis failed: espeak-ng {espeak.ExitCode} ({await espeak.StandardError.ReadToEndAsync(timeout.Token)}), opusenc {opusenc.ExitCode} ({await opusenc.StandardError.ReadToEndAsync(timeout.Token)}).");
                }

                File.Move(partial, path, overwrite: true);
                logger.LogInformation("Read-aloud audio made in {Language}: {Characters} characters, {Bytes} bytes, {Milliseconds} ms.",
                    script.Language, script.PlainText.Length, new FileInfo(path).Length, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return path;
            }
            catch
            {
                Kill(espeak);
                Kill(opusenc);
                File.Delete(partial);
                throw;
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The script as SSML: each part in the voice of its language.</summary>
    public static string Ssml(ReadAloudScript script)
    {
        var ssml = new StringBuilder("<speak xml:lang=\"").Append(script.Language).Append("\">");
        foreach (var part in script.Parts)
        {
            ssml.Append("<voice xml:lang=\"").Append(part.Language).Append("\">").Append(SecurityElement.Escape(part.Text)).Append("</voice> ");
        }

        return ssml.Append("</speak>").ToString();
    }

    private static Process Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The languages espeak-ng has a voice for (two-letter codes), asked once.</summary>
    private static HashSet<string> ListVoices(SpeechOptions settings, ILogger logger)
    {
        var languages = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(settings.EspeakPath))
        {
            return languages;
        }

        try
        {
            using var process = Start(settings.EspeakPath, ["--voices"]);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(10_000);
            foreach (var line in output.Split('\n').Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 1)
                {
                    languages.Add(columns[1].Split('-')[0]);
                }
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger.LogWarning(exception, "espeak-ng did not list its voices: read-aloud is off.");
        }

        return languages;
    }
}
