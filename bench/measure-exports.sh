#!/usr/bin/env bash
# Measures the open data exports on a national-size dataset: time to write each export in full and the server's
# peak memory (VmHWM, reset before each export), for several dataset sizes. Memory that stays flat while the
# dataset grows tenfold is what "streams in constant memory" means.
#
#   bench/measure-exports.sh [SIZES...]      default: 10000 100000
#
# Each size gets a fresh SQLite database under a temporary folder (synthetic structures from `generate`, seed 1).
# Needs: the .NET SDK, curl. Linux only (reads /proc). Takes a few minutes for 100,000 structures.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

dotnet build src/Reperes.Web -c Release -v quiet -nologo >/dev/null
app=src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll
port=5399
exports=(
  /api/v1/export/data-inclusion/structures
  /api/v1/export/data-inclusion/services
  /api/v1/export/data-inclusion/structures.csv
  /api/v1/export/data-inclusion/services.csv
  /sitemap-structures-1.xml
)

kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

printf '%-9s %-45s %10s %12s %14s\n' structures export seconds size "peak memory"
for size in "${sizes[@]}"; do
  data=$(mktemp -d)
  export Reperes__DataDirectory="$data" Reperes__DemoData=false Reperes__Api__RequestsPerMinute=100000
  dotnet "$app" migrate >/dev/null
  dotnet "$app" generate --structures "$size" --seed 1 >/dev/null
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$app" >"$data/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  # Warm-up: the first request compiles the code paths.
  curl -fs "http://127.0.0.1:$port/api/v1/export/data-inclusion/structures.csv" -o /dev/null
  baseline=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  printf '%-9s %-45s %10s %12s %14s\n' "$size" "(after warm-up, resident)" "" "" "$(kib "$baseline")"
  for path in "${exports[@]}"; do
    echo 5 > "/proc/$server/clear_refs"   # resets the peak resident set size
    read -r seconds bytes < <(curl -fs "http://127.0.0.1:$port$path" -o /dev/null -w '%{time_total} %{size_download}\n')
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    printf '%-9s %-45s %10s %12s %14s\n' "$size" "$path" "$seconds" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')" "$(kib "$peak")"
  done
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  rm -rf "$data"
done
