#!/usr/bin/env bash
# The printed guide: for each need, on N synthetic structures (SQLite, Release), how many places it prints, the time to
# build the page (median and slowest of R sequential requests after a warm-up) and what it transfers compressed
# (gzip, as a browser asks); the demo data first.
# Usage: bench/print-guide.sh [structures] [requests-per-url]   (defaults: 1000 structures, 10 requests)
set -euo pipefail
cd "$(dirname "$0")/.."
structures=${1:-1000}
requests=${2:-10}
work=${REPERES_BENCH_DIR:-/tmp/reperes-print-bench}
port=${REPERES_BENCH_PORT:-5107}
mkdir -p "$work"

echo "== publishing this tree (Release)"
dotnet publish src/Reperes.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

run() {
  local data=$1 demo=$2 generate=$3
  mkdir -p "$data"
  export Reperes__DataDirectory="$data" Reperes__Database__Provider=Sqlite Reperes__DemoData=$demo ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="http://127.0.0.1:$port" Reperes__Reminders__Enabled=false
  if [ "$generate" -gt 0 ] && [ "$(cat "$data/generated" 2>/dev/null || echo 0)" != "$generate" ]; then
    rm -f "$data"/reperes.db*
    echo "== generating $generate structures (seed 42)"
    ( cd "$work/app" && dotnet Reperes.Web.dll generate --structures "$generate" --seed 42 | tail -1 )
    echo "$generate" > "$data/generated"
  fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
  ( cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/server.log" 2>&1 ) &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  printf '%-34s %7s %9s %9s %10s %10s\n' "printed guide" places median slowest html gzip
  for need in se-nourrir avoir-un-toit poser-son-sac prendre-soin-de-soi se-soigner acceder-aux-droits se-former se-deplacer acceder-aux-loisirs-et-a-la-culture; do
    url="http://127.0.0.1:$port/guide-imprimable?need=$need"
    curl -s -o /dev/null "$url"; curl -s -o /dev/null "$url"
    places=$(curl -s "$url" | grep -o 'class="print-entry"' | wc -l)
    html=$(curl -s -o /dev/null -w '%{size_download}' "$url")
    gzip=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$url")
    times=$(for _ in $(seq 1 "$requests"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n)
    median=$(printf '%s\n' "$times" | awk -v n="$requests" 'NR == int((n + 1) / 2) { printf "%.0f ms", $1 * 1000 }')
    slowest=$(printf '%s\n' "$times" | tail -1 | awk '{ printf "%.0f ms", $1 * 1000 }')
    printf '%-34s %7d %9s %9s %8.1f KB %7.1f KB\n' "$need" "$places" "$median" "$slowest" "$(echo "$html / 1024" | bc -l)" "$(echo "$gzip / 1024" | bc -l)"
  done
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
  trap - EXIT
}

echo "== demo data (60 structures)"
run "$work/demo" true 0
echo "== $structures synthetic structures"
run "$work/synthetic" false "$structures"
