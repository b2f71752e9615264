#!/usr/bin/env bash
# Measures what the anonymous usage counting costs the search page: the Release build on SQLite with N synthetic
# structures (100,000 by default), started twice on two copies of the database, counting on and counting off
# (Reperes__Usage__Enabled=false), both loaded at the same time by wrk with a phone browser's user agent (a robot's
# would not be counted) and a rotating mix of first-page searches (each one counted when counting is on; a few find
# nothing and keep their words), in several rounds.
# Usage: bench/usage-counting.sh [structures] [seconds-per-run] [rounds]
#   REPERES_BENCH_DIR (default /tmp/reperes-usage-bench) keeps the published build and the generated database for
#   later runs (REPERES_BENCH_PUBLISHED=1 runs the build already published there); REPERES_BENCH_PORT (default 5311,
#   counting on) and REPERES_BENCH_PORT_OFF (default 5391, counting off); REPERES_BENCH_ON=false makes both sides
#   count nothing (a control: what the two sides differ by without counting); WRK_CONNECTIONS (default 4) and WRK_THREADS (default 2).
# wrk waits up to 30 s for an answer (its 2 s default would drop the slow searches from the latencies).
# Prints requests/s, latency (median, p99) and the server's CPU time per request of every run, the means of each side
# and the differences in %, and the events the counting wrote (to show it counted what it served). On a machine shared
# with other work, throughput follows the others' load; the server's CPU per request much less so.
set -euo pipefail
cd "$(dirname "$0")/.."
structures=${1:-100000}
seconds=${2:-30}
rounds=${3:-2}
work=${REPERES_BENCH_DIR:-/tmp/reperes-usage-bench}
port=${REPERES_BENCH_PORT:-5311}
port_off=${REPERES_BENCH_PORT_OFF:-5391}
connections=${WRK_CONNECTIONS:-4}
threads=${WRK_THREADS:-2}
agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }
mkdir -p "$work/data"

if [ "${REPERES_BENCH_PUBLISHED:-}" != "1" ] || [ ! -f "$work/app/Reperes.Web.dll" ]; then
  echo "== publishing (Release)"
  dotnet publish src/Reperes.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
fi

export Reperes__DataDirectory="$work/data" Reperes__Database__Provider=Sqlite Reperes__DemoData=false ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="http://127.0.0.1:$port"
if [ "$(cat "$work/data/generated" 2>/dev/null || echo 0)" != "$structures" ]; then
  rm -f "$work/data/reperes.db"*
  echo "== generating $structures structures (seed 42)"
  started=$(date +%s)
  ( cd "$work/app" && dotnet Reperes.Web.dll generate --structures "$structures" --seed 42 | tail -1 )
  echo "   generated in $(( $(date +%s) - started )) s"
  echo "$structures" > "$work/data/generated"
fi

# Each server its own copy of the database (one SQLite file is one server's: two processes writing one file would
# measure SQLite's locks, not the counting).
for side in on off; do
  mkdir -p "$work/data-$side"
  rm -f "$work/data-$side/reperes.db"*
  cp "$work/data/reperes.db" "$work/data-$side/reperes.db"
done

# The searches, in turn: words, a typo, sentences, needs, categories, communes, filters, and words found nowhere.
cat > "$work/searches.lua" <<'LUA'
local paths = {
  "/recherche?q=manger", "/recherche?q=doucha", "/besoin/se-nourrir", "/recherche?q=avocat%20gratuit&commune=Lyon",
  "/recherche?category=repas&commune=Brest", "/besoin/avoir-un-toit?commune=Brest", "/recherche?q=je%20cherche%20un%20colis",
  "/recherche?q=xylophone%20bleu", "/recherche?q=epicerie&free=true", "/besoin/prendre-soin-de-soi?commune=29019",
  "/recherche?need=se-soigner&commune=Marseille", "/recherche?q=trampoline%20geant", "/internet",
  "/recherche?q=dormir&commune=Rennes", "/recherche?q=laverie", "/widget?need=se-nourrir",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA

events() {
  python3 - "$work/data-on/reperes.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT COUNT(*) FROM usage_events WHERE kind = 'Search'").fetchone()[0])
PY
}

# CPU time (user + system, in clock ticks) the server process has used: less sensitive than throughput to the other
# work of a shared machine, since a request's own computation is what counting could add to.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

wait_for() {
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 1; done
  echo "the server on port $1 did not start: see $work/app-*.log" >&2; exit 1
}

report() { # label wrk-file warm-up-file cpu-ticks counted
  python3 - "$2" "$1" "$5" "$3" "$4" "$(getconf CLK_TCK)" >> "$work/results.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
warm_up = int(re.search(r"(\d+) requests in", open(sys.argv[4]).read()).group(1)) + 16
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups())
p99 = ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups())
requests = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
cpu = int(sys.argv[5]) / int(sys.argv[6]) * 1000 / requests
print(f"{sys.argv[2]} {rps} {p50} {p99} {requests} {sys.argv[3]} {errors.group(1) if errors else 0} {warm_up + requests} {cpu}")
PY
  tail -1 "$work/results.txt" | awk '{printf "   %-6s %8.1f req/s  median %7.1f ms  p99 %7.1f ms  server CPU %6.1f ms/request  %6d requests  %s non-2xx  searches counted: %d of %d (warm-up included; a few more were in flight when wrk stopped)\n", $1, $2, $3, $4, $9, $5, $7, $6, $8}'
}

# One round: both servers, counting on and off, loaded at the same time by two wrk, so that the
# shared machine's other work weighs on both alike (one after the other, the load of the moment decides).
round() {
  local label_on="on-$1" label_off="off-$1"
  for p in "$port" "$port_off"; do
    if curl -s -o /dev/null "http://127.0.0.1:$p/health"; then echo "port $p is taken: stop what listens there first" >&2; exit 1; fi
  done
  # exec: $! is the server itself, so that kill stops it (cleanly: the counting writes what is left).
  ( cd "$work/app" && Reperes__DataDirectory="$work/data-on" Reperes__Usage__Enabled="${REPERES_BENCH_ON:-true}" ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/app-$label_on.log" 2>&1 ) &
  pid_on=$!
  trap 'kill $pid_on ${pid_off:-} 2>/dev/null || true' EXIT
  wait_for "$port"
  ( cd "$work/app" && Reperes__DataDirectory="$work/data-off" Reperes__Usage__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port_off" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/app-$label_off.log" 2>&1 ) &
  pid_off=$!
  wait_for "$port_off"
  local before
  before=$(events)
  # Warm-up: every search once in turn (the first ones load the index's vocabulary and the communes), then 20 s of load.
  for p in "$port" "$port_off"; do
    for path in $(grep -o '"/[^"]*"' "$work/searches.lua" | tr -d '"'); do curl -s -o /dev/null -A "$agent" "http://127.0.0.1:$p$path"; done
  done
  wrk -t"$threads" -c"$connections" -d20s --timeout 30s -H "User-Agent: $agent" -s "$work/searches.lua" "http://127.0.0.1:$port" > "$work/wrk-$label_on-warm-up.txt" &
  local warm_on=$!
  wrk -t"$threads" -c"$connections" -d20s --timeout 30s -H "User-Agent: $agent" -s "$work/searches.lua" "http://127.0.0.1:$port_off" > "$work/wrk-$label_off-warm-up.txt" &
  wait $warm_on $!
  local cpu_on cpu_off
  cpu_on=$(cpu_ticks "$pid_on"); cpu_off=$(cpu_ticks "$pid_off")
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s --latency -H "User-Agent: $agent" -s "$work/searches.lua" "http://127.0.0.1:$port" > "$work/wrk-$label_on.txt" &
  local wrk_on=$!
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s --latency -H "User-Agent: $agent" -s "$work/searches.lua" "http://127.0.0.1:$port_off" > "$work/wrk-$label_off.txt" &
  wait $wrk_on $!
  sleep 3 # the writer's last batch of the run (every 2 s) is part of its cost
  cpu_on=$(( $(cpu_ticks "$pid_on") - cpu_on )); cpu_off=$(( $(cpu_ticks "$pid_off") - cpu_off ))
  kill "$pid_on" "$pid_off"; wait "$pid_on" "$pid_off" 2>/dev/null || true
  trap - EXIT
  report "$label_on" "$work/wrk-$label_on.txt" "$work/wrk-$label_on-warm-up.txt" "$cpu_on" "$(( $(events) - before ))"
  report "$label_off" "$work/wrk-$label_off.txt" "$work/wrk-$label_off-warm-up.txt" "$cpu_off" 0
}

: > "$work/results.txt"
for r in $(seq 1 "$rounds"); do
  echo "== round $r: counting on (port $port) and off (port $port_off) at the same time, $seconds s, $connections connections each"
  round "$r"
done

python3 - "$work/results.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
def mean(side, column):
    values = [float(r[column]) for r in rows if r[0].startswith(side)]
    return sum(values) / len(values)
on, off = mean("on", 1), mean("off", 1)
print(f"== counting on : {on:8.1f} req/s  median {mean('on', 2):7.1f} ms  p99 {mean('on', 3):7.1f} ms")
print(f"== counting off: {off:8.1f} req/s  median {mean('off', 2):7.1f} ms  p99 {mean('off', 3):7.1f} ms")
print(f"== server CPU  : {mean('on', 8):.1f} ms per request with counting on, {mean('off', 8):.1f} ms off")
print(f"== difference  : {(on - off) / off * 100:+.1f} % throughput with counting on; median {(mean('on', 2) - mean('off', 2)) / mean('off', 2) * 100:+.1f} %; server CPU per request {(mean('on', 8) - mean('off', 8)) / mean('off', 8) * 100:+.1f} %")
for column, name in ((1, "throughput"), (8, "server CPU per request")):
    spread = [float(r[column]) for r in rows if r[0].startswith("off")]
    if len(spread) > 1:
        print(f"== noise       : {name} with counting off alone varies {(max(spread) - min(spread)) / min(spread) * 100:.1f} % between its runs")
PY
