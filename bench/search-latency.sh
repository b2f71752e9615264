#!/usr/bin/env bash
# Measures the search page and the JSON search with 100,000 synthetic structures, on SQLite and on PostgreSQL.
# Usage: bench/search-latency.sh [structures] [requests-per-url] [warm-up-seconds]
#   REPERES_BENCH_POSTGRES="Host=127.0.0.1;Username=reperes;Password=reperes" to include PostgreSQL (a database
#   reperes_bench is created, filled once, and kept for later runs).
# Requests are sequential, from one client on the same machine (2 cores), after a warm-up; prints median and p99.
# The warm-up (default 30 s of the same searches, on kept-alive connections) measures an instance that has been
# serving, as people meet it: the runtime compiles its hot code a second time, optimised, in the background (tiered
# compilation), and during its first minute the same search took three times as long ("manger": 8 ms, then 2.4 ms).
# Reperes__Search__CachedResults=0 in the environment: every request computes its answer (the same URLs repeat).
# The index's format changed? run the app's `reindex` on the kept databases first.
set -euo pipefail
cd "$(dirname "$0")/.."
structures=${1:-100000}
requests=${2:-200}
warmup=${3:-30}
work=${REPERES_BENCH_DIR:-/tmp/reperes-bench}
port=5091
mkdir -p "$work"

echo "== publishing (Release)"
dotnet publish src/Reperes.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

run_engine() {
  local engine=$1 connection=$2 data="$work/data-$1"
  mkdir -p "$data"
  export Reperes__DataDirectory="$data" Reperes__Database__Provider="$engine" Reperes__DemoData=false ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="http://127.0.0.1:$port" Reperes__Api__RequestsPerMinute=100000000
  if [ -n "$connection" ]; then export ConnectionStrings__Reperes="$connection"; else unset ConnectionStrings__Reperes; fi
  local existing
  existing=$(cat "$data/generated" 2>/dev/null || echo 0)
  if [ "$existing" != "$structures" ]; then
    echo "== $engine: generating $structures structures (seed 42)"
    ( cd "$work/app" && dotnet Reperes.Web.dll generate --structures "$structures" --seed 42 | tail -1 )
    echo "$structures" > "$data/generated"
  fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
  # exec: $! is the server itself, so that kill stops it.
  ( cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/app-$engine.log" 2>&1 ) &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not start: see $work/app-$engine.log" >&2; exit 1; }
  # Measured once the search's read model is loaded (until then the SQL answers; switched off, it never loads).
  for _ in $(seq 1 1200); do
    curl -s "http://127.0.0.1:$port/metrics" | grep -Eq '^reperes_search_read_model_structures(\{[^}]*\})? [1-9]' && break
    [ "${Reperes__Search__ReadModel:-true}" = false ] && break
    sleep 0.1
  done

  local urls=(
    "/recherche?q=manger"
    "/recherche?q=doucha"
    "/recherche?q=avocat%20gratuit&commune=Lyon"
    "/recherche?need=se-nourrir&lat=48.8566&lon=2.3522&radius=5&sort=distance"
    "/recherche?open=now&lat=45.764&lon=4.8357&radius=15"
    "/recherche?category=repas&open=now"
    "/recherche?q=epicerie&free=true&walkin=true"
    "/besoin/avoir-un-toit?commune=Brest"
    "/recherche?free=true"
    "/recherche?language=ar&wheelchair=true"
    "/recherche?open=now"
    "/recherche?open=today"
    "/recherche?category=repas&free=true&walkin=true"
    "/recherche?q=manger&page=20"
  )
  echo "== $engine: warm-up (${warmup} s)"
  local until=$((SECONDS + warmup))
  local round=()
  for url in "${urls[@]}"; do round+=(-o /dev/null "http://127.0.0.1:$port$url" -o /dev/null "http://127.0.0.1:$port/api/v1/search?${url#*\?}"); done
  while [ "$SECONDS" -lt "$until" ]; do curl -s "${round[@]}"; done
  sleep 1
  : > "$work/times-$engine-page.txt"; : > "$work/times-$engine-json.txt"
  echo "== $engine: $requests requests per URL, page and JSON"
  for _ in $(seq 1 "$requests"); do
    for url in "${urls[@]}"; do
      curl -s -o /dev/null -w "%{time_total} $url\n" "http://127.0.0.1:$port$url" >> "$work/times-$engine-page.txt"
      curl -s -o /dev/null -w "%{time_total} /api/v1/search?${url#*\?}\n" "http://127.0.0.1:$port/api/v1/search?${url#*\?}" >> "$work/times-$engine-json.txt"
    done
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  for kind in page json; do
    python3 - "$work/times-$engine-$kind.txt" "$engine" "$kind" <<'PY'
import sys, statistics
rows = [line.split(' ', 1) for line in open(sys.argv[1]) if line.strip()]
def stats(values):
    values = sorted(values)
    return statistics.median(values) * 1000, values[min(len(values) - 1, int(len(values) * 0.99))] * 1000
median, p99 = stats([float(t) for t, _ in rows])
print(f"{sys.argv[2]:<10} {sys.argv[3]:<5} all      n={len(rows):<6} median={median:6.1f} ms  p99={p99:6.1f} ms")
by_url = {}
for t, url in rows:
    by_url.setdefault(url.strip(), []).append(float(t))
for url, values in by_url.items():
    m, p = stats(values)
    print(f"{'':<16} median={m:6.1f} ms  p99={p:6.1f} ms  {url}")
PY
  done
}

run_engine Sqlite ""
if [ -n "${REPERES_BENCH_POSTGRES:-}" ]; then
  psql "$(echo "$REPERES_BENCH_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/') dbname=postgres" -qc "CREATE DATABASE reperes_bench" 2>/dev/null || true
  run_engine PostgreSQL "$REPERES_BENCH_POSTGRES;Database=reperes_bench"
fi
