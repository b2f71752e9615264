#!/usr/bin/env bash
# Measures the searches that filter on the open state ("open now", "open today": up to 5,000 candidates, each with the
# state of the services that answer the question) with N synthetic structures on SQLite, page and JSON.
# Usage: bench/open-state-latency.sh [structures] [requests-per-url]
#   REPERES_BENCH_BASELINE=<git ref> measures that version too, on the same database (e.g. main before a change).
# Requests are sequential, from one client on the same machine, after a warm-up; prints median and p99 per URL.
set -euo pipefail
cd "$(dirname "$0")/.."
structures=${1:-100000}
requests=${2:-30}
work=${REPERES_BENCH_DIR:-/tmp/reperes-open-state-bench}
port=${REPERES_BENCH_PORT:-5101}
mkdir -p "$work"

echo "== publishing this tree (Release)"
dotnet publish src/Reperes.Web -c Release -o "$work/app-current" --nologo -v quiet >/dev/null
if [ -n "${REPERES_BENCH_BASELINE:-}" ]; then
  echo "== publishing $REPERES_BENCH_BASELINE (Release)"
  rm -rf "$work/baseline-src" && mkdir -p "$work/baseline-src"
  git archive "$REPERES_BENCH_BASELINE" | tar -x -C "$work/baseline-src"
  dotnet publish "$work/baseline-src/src/Reperes.Web" -c Release -o "$work/app-baseline" --nologo -v quiet >/dev/null
fi

data="$work/data"
mkdir -p "$data"
export Reperes__DataDirectory="$data" Reperes__Database__Provider=Sqlite Reperes__DemoData=false ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="http://127.0.0.1:$port" \
  Reperes__Api__RequestsPerMinute=100000000 Reperes__Reminders__Enabled=false
if [ "$(cat "$data/generated" 2>/dev/null || echo 0)" != "$structures" ]; then
  rm -f "$data"/reperes.db*
  echo "== generating $structures structures (seed 42)"
  ( cd "$work/app-current" && dotnet Reperes.Web.dll generate --structures "$structures" --seed 42 | tail -1 )
  echo "$structures" > "$data/generated"
fi

urls=(
  "/recherche?category=repas&open=now"
  "/recherche?need=se-nourrir&open=now"
  "/recherche?need=avoir-un-toit&open=today"
  "/recherche?q=douche&open=now"
  "/recherche?open=now&lat=45.764&lon=4.8357&radius=15"
  "/besoin/se-nourrir"
  "/recherche?q=manger"
  "/api/v1/search?need=prendre-soin-de-soi&open=now"
  "/api/v1/structures?need=se-nourrir&open=now"
  "/api/v1/services?need=se-nourrir&open=today"
)

measure() {
  local version=$1
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
  # exec: $! is the server itself, so that kill stops it.
  ( cd "$work/app-$version" && ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/server-$version.log" 2>&1 ) &
  local server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not start: see $work/server-$version.log" >&2; exit 1; }
  for url in "${urls[@]}"; do for _ in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$port$url"; done; done
  : > "$work/times-$version.txt"
  for _ in $(seq 1 "$requests"); do
    for url in "${urls[@]}"; do
      curl -s -o /dev/null -w "%{time_total} %{http_code} $url\n" "http://127.0.0.1:$port$url" >> "$work/times-$version.txt"
    done
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
  python3 - "$work/times-$version.txt" "$version" <<'PY'
import sys, statistics
rows = [line.split(' ', 2) for line in open(sys.argv[1]) if line.strip()]
bad = [r for r in rows if r[1] != '200']
by_url = {}
for t, _, url in rows:
    by_url.setdefault(url.strip(), []).append(float(t))
print(f"== {sys.argv[2]}: {len(rows)} requests, {len(bad)} not 200; load average {open('/proc/loadavg').read().split()[0]}")
for url, values in by_url.items():
    values.sort()
    print(f"  median={statistics.median(values) * 1000:7.1f} ms  p99={values[min(len(values) - 1, int(len(values) * 0.99))] * 1000:7.1f} ms  {url}")
PY
}

if [ -n "${REPERES_BENCH_BASELINE:-}" ]; then measure baseline; fi
measure current
