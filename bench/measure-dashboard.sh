#!/usr/bin/env bash
# Measures the coordination's dashboard and its CSV export on a national-size dataset: response time and the
# server's peak memory (VmHWM, reset before each request), for several dataset sizes.
#
#   bench/measure-dashboard.sh [SIZES...]      default: 10000 100000
#
# Each size gets a fresh SQLite database under a temporary folder: the demo data (for the coordinator's account),
# then synthetic structures from `generate` (seed 1). Needs: the .NET SDK, curl. Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

dotnet build src/Reperes.Web -c Release -v quiet -nologo >/dev/null
app=src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll
port=5398
base="http://127.0.0.1:$port"
pages=(
  /mon-espace/coordination/tableau-de-bord
  /mon-espace/coordination/tableau-de-bord.csv
)

kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

printf '%-9s %-45s %10s %12s %14s\n' structures page seconds size "peak memory"
for size in "${sizes[@]}"; do
  data=$(mktemp -d)
  export Reperes__DataDirectory="$data" Reperes__DemoData=false
  dotnet "$app" migrate >/dev/null
  dotnet "$app" seed-demo >/dev/null
  dotnet "$app" generate --structures "$size" --seed 1 >/dev/null
  ASPNETCORE_URLS="$base" dotnet "$app" >"$data/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

  # Signs in as the demo coordinator (antiforgery token and cookies as a browser keeps them).
  jar="$data/cookies"
  token=$(curl -fs -c "$jar" -b "$jar" "$base/connexion" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/connexion" \
    --data-urlencode "Input.Email=coordination@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token"

  # Warm-up: the first request compiles the code paths.
  curl -fs -b "$jar" "$base${pages[0]}" -o /dev/null
  for path in "${pages[@]}"; do
    echo 5 > "/proc/$server/clear_refs"   # resets the peak resident set size
    read -r code seconds bytes < <(curl -s -b "$jar" "$base$path" -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n')
    [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    printf '%-9s %-45s %10s %12s %14s\n' "$size" "$path" "$seconds" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')" "$(kib "$peak")"
  done
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  rm -rf "$data"
done
