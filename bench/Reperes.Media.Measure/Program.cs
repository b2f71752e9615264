using System.Diagnostics;
using System.Globalization;
using Reperes.Media;

// Measures what an upload costs: the same two calls as the web's UploadChecker (the copy of at most 1600 px,
// then the small copy of at most 480 px made from it), in this fresh process, once cold then RUNS times.
// Prints one tab-separated line: file, outcome, cold ms, median wall ms, median CPU ms, RSS before, peak RSS (MiB).
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Reperes.Media.Measure FILE [RUNS]");
    return 2;
}

var bytes = File.ReadAllBytes(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var process = Process.GetCurrentProcess();
var baseline = StatusKib("VmRSS");
var walls = new List<double>();
var cpus = new List<double>();
var outcome = "";
for (var run = 0; run <= runs; run++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    try
    {
        var large = ImageResizer.Downscale(bytes, 1600);
        var small = large.Width > 480 || large.Height > 480 ? ImageResizer.Downscale(large.Bytes, 480) : null;
        outcome = $"{large.MimeType} {large.Width}x{large.Height} {large.Bytes.Length / 1024} KB"
            + (small is null ? "" : $" + {small.Width}x{small.Height} {small.Bytes.Length / 1024} KB");
    }
    catch (MediaFormatException exception)
    {
        outcome = "refused: " + exception.Message;
    }

    watch.Stop();
    process.Refresh();
    walls.Add(watch.Elapsed.TotalMilliseconds);
    cpus.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static long StatusKib(string key)
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
    return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}

Console.WriteLine(string.Join('\t',
    Path.GetFileName(args[0]),
    outcome,
    walls[0].ToString("F0", CultureInfo.InvariantCulture),
    Median(walls.Skip(1)).ToString("F0", CultureInfo.InvariantCulture),
    Median(cpus.Skip(1)).ToString("F0", CultureInfo.InvariantCulture),
    (baseline / 1024.0).ToString("F0", CultureInfo.InvariantCulture),
    (StatusKib("VmHWM") / 1024.0).ToString("F0", CultureInfo.InvariantCulture)));
return 0;
