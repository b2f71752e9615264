#!/usr/bin/env bash
# Measures the HSDS 3.0 API (/api/hsds/) with 100,000 synthetic structures: list pages (first, middle and last
# pages of 100, filters) and items by id, on SQLite and, optionally, PostgreSQL.
# Usage: bench/hsds-latency.sh [structures] [requests-per-url]
#   REPERES_BENCH_PORT the port of the server (default 5093); REPERES_BENCH_DIR where the build and data are kept.
#   REPERES_BENCH_POSTGRES="Host=127.0.0.1;Username=reperes;Password=reperes" to include PostgreSQL (a database
#   reperes_hsds_bench is created, filled once, and kept for later runs).
# Requests are sequential, from one client on the same machine, after a warm-up; prints median, p95 and max per URL.
set -euo pipefail
cd "$(dirname "$0")/.."
structures=${1:-100000}
requests=${2:-30}
work=${REPERES_BENCH_DIR:-/tmp/reperes-hsds-bench}
port=${REPERES_BENCH_PORT:-5093}
mkdir -p "$work"

echo "== publishing (Release)"
dotnet publish src/Reperes.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

get() { curl -sf "http://127.0.0.1:$port$1"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

run_engine() {
  local engine=$1 connection=$2 data="$work/data-$1"
  mkdir -p "$data"
  export Reperes__DataDirectory="$data" Reperes__Database__Provider="$engine" Reperes__DemoData=false ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="http://127.0.0.1:$port" Reperes__Api__RequestsPerMinute=100000000
  if [ -n "$connection" ]; then export ConnectionStrings__Reperes="$connection"; else unset ConnectionStrings__Reperes; fi
  if [ "$(cat "$data/generated" 2>/dev/null || echo 0)" != "$structures" ]; then
    echo "== $engine: generating $structures structures (seed 42)"
    ( cd "$work/app" && dotnet Reperes.Web.dll generate --structures "$structures" --seed 42 | tail -1 )
    echo "$structures" > "$data/generated"
  fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
  ( cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/app-$engine.log" 2>&1 ) &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not start: see $work/app-$engine.log" >&2; exit 1; }

  # Pages and ids to ask for, read from the API itself.
  local services_pages sal_pages org_pages service_id sal_id org_id term
  services_pages=$(get "/api/hsds/services?per_page=100" | field 'd["total_pages"]')
  sal_pages=$(get "/api/hsds/service_at_locations?per_page=100" | field 'd["total_pages"]')
  org_pages=$(get "/api/hsds/organizations?per_page=100" | field 'd["total_pages"]')
  service_id=$(get "/api/hsds/services?per_page=100&page=$((services_pages / 2))" | field 'd["contents"][50]["id"]')
  sal_id=$(get "/api/hsds/service_at_locations?per_page=100&page=$((sal_pages / 2))" | field 'd["contents"][50]["id"]')
  org_id=$(get "/api/hsds/organizations?per_page=100&page=$((org_pages / 2))" | field 'd["contents"][50]["id"]')
  term=$(get "/api/hsds/taxonomy_terms?search=repas" | field 'd["contents"][0]["id"]')
  echo "== $engine: $services_pages pages of 100 services, $sal_pages of services at a location, $org_pages of organizations"

  local urls=(
    "/api/hsds/services?per_page=100"
    "/api/hsds/services?per_page=100&page=$((services_pages / 2))"
    "/api/hsds/services?per_page=100&page=$services_pages"
    "/api/hsds/services?per_page=100&taxonomy_term_id=$term"
    "/api/hsds/services?per_page=100&search=douche"
    "/api/hsds/services?per_page=100&modified_after=2026-01-01"
    "/api/hsds/services?organization_id=$org_id"
    "/api/hsds/services/$service_id"
    "/api/hsds/service_at_locations?per_page=100"
    "/api/hsds/service_at_locations?per_page=100&page=$((sal_pages / 2))"
    "/api/hsds/service_at_locations?per_page=100&page=$sal_pages"
    "/api/hsds/service_at_locations/$sal_id"
    "/api/hsds/organizations?per_page=100&page=$((org_pages / 2))"
    "/api/hsds/organizations/$org_id"
  )
  echo "== $engine: warm-up"
  for url in "${urls[@]}"; do for _ in 1 2 3; do curl -sf -o /dev/null "http://127.0.0.1:$port$url"; done; done
  : > "$work/times-$engine.txt"
  echo "== $engine: $requests requests per URL"
  for _ in $(seq 1 "$requests"); do
    for url in "${urls[@]}"; do
      curl -sf -o /dev/null -w "%{time_total} %{size_download} $url\n" "http://127.0.0.1:$port$url" >> "$work/times-$engine.txt"
    done
  done
  kill $server_pid; wait $server_pid 2>/dev/null || true
  trap - EXIT

  python3 - "$work/times-$engine.txt" "$engine" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    t, size, url = line.split(" ", 2)
    rows.setdefault(url.strip(), []).append((float(t) * 1000, int(size)))
print(f"{sys.argv[2]:<10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'KB':>7}  url")
for url, values in rows.items():
    times = sorted(v[0] for v in values)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"{'':<10} {statistics.median(times):>10.1f} {p95:>8.1f} {times[-1]:>8.1f} {values[0][1] / 1000:>7.1f}  {url}")
PY
}

run_engine Sqlite ""
if [ -n "${REPERES_BENCH_POSTGRES:-}" ]; then
  psql "$(echo "$REPERES_BENCH_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/') dbname=postgres" -qc "CREATE DATABASE reperes_hsds_bench" 2>/dev/null || true
  run_engine PostgreSQL "$REPERES_BENCH_POSTGRES;Database=reperes_hsds_bench"
fi
