#!/usr/bin/env bash
# Measures what accepting HEIC photos would cost with Magick.NET (ImageMagick with libheif and libde265), the
# alternative to refusing them (libvips in NetVips.Native has no HEVC decoder): time and peak memory to decode a
# 12-megapixel iPhone-like HEIC, turn it upright, strip it and write the 1600-px JPEG, under a strict policy (the HEIC
# reader and the JPEG writer only, resource limits), and the size the package adds to a linux-x64 publish.
#
#   bench/measure-heic-magick.sh [RUNS]     default: 5
#
# The program is built in a temporary folder outside the solution: Magick.NET is not a dependency of Repères.
# Needs: the .NET SDK, Debian's imagemagick and libheif-examples (heif-enc). Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
version=15.1.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/convert -size 4032x3024 -seed 7 plasma:fractal -blur 0x0.7 "$work/photo.png"
heif-enc -q 50 -o "$work/photo-12mp.heic" "$work/photo.png" >/dev/null

mkdir "$work/app"
cat > "$work/app/HeicMeasure.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
  <Nullable>enable</Nullable><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><RuntimeIdentifier>linux-x64</RuntimeIdentifier><SelfContained>false</SelfContained></PropertyGroup>
  <ItemGroup><PackageReference Include="Magick.NET-Q8-x64" Version="$version" /></ItemGroup>
</Project>
XML
cat > "$work/app/Program.cs" <<'CS'
using System.Diagnostics;
using System.Globalization;
using ImageMagick;
using ImageMagick.Configuration;

// Strict policy: only the HEIC reader and the JPEG writer; every other coder, and delegates, refused.
var configuration = ConfigurationFiles.Default;
configuration.Policy.Data = """
<policymap>
  <policy domain="delegate" rights="none" pattern="*" />
  <policy domain="coder" rights="none" pattern="*" />
  <policy domain="coder" rights="read" pattern="{HEIC,HEIF}" />
  <policy domain="coder" rights="write" pattern="JPEG" />
  <policy domain="resource" name="memory" value="256MiB" />
  <policy domain="resource" name="map" value="512MiB" />
  <policy domain="resource" name="width" value="16KP" />
  <policy domain="resource" name="height" value="16KP" />
  <policy domain="resource" name="area" value="40MP" />
  <policy domain="resource" name="disk" value="0" />
</policymap>
""";
MagickNET.Initialize(configuration);
var bytes = File.ReadAllBytes(args[0]);
var runs = int.Parse(args[1], CultureInfo.InvariantCulture);
var process = Process.GetCurrentProcess();
var baseline = Status("VmRSS");
var walls = new List<double>();
var cpus = new List<double>();
var outcome = "";
for (var run = 0; run <= runs; run++)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    using (var image = new MagickImage(bytes, new MagickReadSettings { Format = MagickFormat.Heic }))
    {
        image.AutoOrient();
        image.Strip();
        image.Resize(new MagickGeometry(1600, 1600));
        image.Quality = 82;
        var jpeg = image.ToByteArray(MagickFormat.Jpeg);
        outcome = $"{image.Width}x{image.Height} JPEG {jpeg.Length / 1024} KB";
    }

    watch.Stop();
    process.Refresh();
    walls.Add(watch.Elapsed.TotalMilliseconds);
    cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
}

static long Status(string key) => long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
static double Median(IEnumerable<double> values) { var s = values.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2; }
Console.WriteLine($"{outcome}\tcold {walls[0]:F0} ms\twall {Median(walls.Skip(1)):F0} ms\tCPU {Median(cpus.Skip(1)):F0} ms\tRSS before {baseline / 1024} MiB\tpeak {Status("VmHWM") / 1024} MiB");
CS
dotnet publish "$work/app" -c Release -o "$work/out" -v quiet -nologo | { grep -E "error" || true; }
echo "photo-12mp.heic ($(( $(stat -c %s "$work/photo-12mp.heic") / 1024 )) KB), Magick.NET-Q8-x64 $version:"
dotnet "$work/out/HeicMeasure.dll" "$work/photo-12mp.heic" "$runs"
native=$(find "$work/out" -name 'Magick.Native*' -exec du -cb {} + | tail -1 | cut -f1)
managed=$(find "$work/out" -name 'Magick.NET*.dll' -exec du -cb {} + | tail -1 | cut -f1)
echo "adds to a linux-x64 publish: native $(( native / 1024 / 1024 )) MiB + managed $(( managed / 1024 / 1024 )) MiB"
