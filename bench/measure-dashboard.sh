#!/usr/bin/env bash
# Measures the coordination's pages on a national-size dataset: the dashboard, its CSV export and the list of the
# structures' spaces; response time (median of REPERES_BENCH_REQUESTS requests, 5 by default, after a warm-up) and
# the server's peak memory (VmHWM, reset before each page's requests), for several dataset sizes.
#
#   bench/measure-dashboard.sh [SIZES...]      default: 10000 100000
#
# Each size gets its database: the demo data (for the coordinator's account), then synthetic structures from
# `generate` (seed 1). By default a fresh SQLite database under a temporary folder, removed afterwards; with
# REPERES_BENCH_DIR=/some/folder the databases are kept there and filled once (later runs reuse them).
#   REPERES_BENCH_POSTGRES="Host=127.0.0.1;Username=reperes;Password=reperes" measures PostgreSQL instead (a database
#   reperes_dashboard_bench_<size> is created, filled once, and kept for later runs).
#   REPERES_BENCH_PORT   the port of the server (default 5398).
# Needs: the .NET SDK, curl, python3 (and psql for PostgreSQL). Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
requests=${REPERES_BENCH_REQUESTS:-5}

dotnet build src/Reperes.Web -c Release -v quiet -nologo >/dev/null
app=$PWD/src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll
port=${REPERES_BENCH_PORT:-5398}
base="http://127.0.0.1:$port"
pages=(
  /mon-espace/coordination/tableau-de-bord
  /mon-espace/coordination/tableau-de-bord.csv
  /mon-espace/coordination/structures
  "/mon-espace/coordination/structures?page=200"
  "/mon-espace/coordination/structures?statut=en-ligne&sans-gestionnaire=true"
  "/mon-espace/coordination/structures?q=accueil"
  "/mon-espace/coordination/structures?q=Lyon"
)
engine=Sqlite
[ -z "${REPERES_BENCH_POSTGRES:-}" ] || engine=PostgreSQL

kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

printf '%-9s %-10s %-72s %10s %10s %12s %14s\n' structures engine page median max size "peak memory"
for size in "${sizes[@]}"; do
  if [ -n "${REPERES_BENCH_DIR:-}" ]; then data="$REPERES_BENCH_DIR/dashboard-$engine-$size"; mkdir -p "$data"; else data=$(mktemp -d); fi
  export Reperes__DataDirectory="$data" Reperes__DemoData=false Reperes__Database__Provider="$engine" Reperes__PublicBaseUrl="$base"
  if [ "$engine" = PostgreSQL ]; then
    database="reperes_dashboard_bench_$size"
    psql "$(echo "$REPERES_BENCH_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/') dbname=postgres" -qc "CREATE DATABASE $database" 2>/dev/null || true
    export ConnectionStrings__Reperes="$REPERES_BENCH_POSTGRES;Database=$database"
  fi
  if [ ! -f "$data/generated" ]; then
    dotnet "$app" migrate >/dev/null
    dotnet "$app" seed-demo >/dev/null
    dotnet "$app" generate --structures "$size" --seed 1 >/dev/null
    echo "$size" > "$data/generated"
  fi
  if curl -s -o /dev/null "$base/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
  # exec: $! is the server itself, so that kill stops it and /proc/$! is its memory.
  ( ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning exec dotnet "$app" >"$data/server.log" 2>&1 ) &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

  # Signs in as the demo coordinator (antiforgery token and cookies as a browser keeps them).
  jar="$data/cookies"
  token=$(curl -fs -c "$jar" -b "$jar" "$base/connexion" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/connexion" \
    --data-urlencode "Input.Email=coordination@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token"

  # Warm-up: the first requests compile the code paths.
  for path in "${pages[@]}"; do curl -fs -b "$jar" "$base$path" -o /dev/null; curl -fs -b "$jar" "$base$path" -o /dev/null; done
  for path in "${pages[@]}"; do
    echo 5 > "/proc/$server/clear_refs"   # resets the peak resident set size
    times=()
    for _ in $(seq 1 "$requests"); do
      read -r code seconds bytes < <(curl -s -b "$jar" "$base$path" -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n')
      [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
      times+=("$seconds")
    done
    read -r median max < <(printf '%s\n' "${times[@]}" | python3 -c 'import sys, statistics; t = [float(x) for x in sys.stdin]; print(f"{statistics.median(t):.3f} {max(t):.3f}")')
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    printf '%-9s %-10s %-72s %10s %10s %12s %14s\n' "$size" "$engine" "$path" "$median" "$max" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')" "$(kib "$peak")"
  done
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  [ -n "${REPERES_BENCH_DIR:-}" ] || rm -rf "$data"
done
