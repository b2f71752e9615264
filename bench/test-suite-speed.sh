#!/usr/bin/env bash
# Times the web test project and counts the applications it starts (each start migrates and seeds a database).
#
#   bench/test-suite-speed.sh [--filter EXPRESSION] [--results DIR]
#
# Builds first (not timed), then runs `dotnet test tests/Reperes.Web.Tests --no-build` with REPERES_TEST_APP_LOG set
# (Infrastructure/AppStarts.cs appends one line per application start) and prints the wall time, the tests'
# outcome, and the starts by engine, by kind of database and by test class. Both engines when REPERES_TEST_POSTGRES
# names a server. On a shared machine, compare runs made back to back: the count of starts does not depend on the
# load, the wall time does.
set -euo pipefail
cd "$(dirname "$0")/.."
filter=""
results=$(mktemp -d)
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$results"
log="$results/app-starts.tsv"
: > "$log"

dotnet build tests/Reperes.Web.Tests -v quiet -nologo >/dev/null
args=(test tests/Reperes.Web.Tests --no-build --logger "trx;LogFileName=results.trx" --results-directory "$results")
[ -n "$filter" ] && args+=(--filter "$filter")

started=$(date +%s)
set +e
REPERES_TEST_APP_LOG="$log" dotnet "${args[@]}" > "$results/output.txt" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - started ))

echo "commit:       $(git rev-parse --short HEAD)"
echo "engines:      SQLite${REPERES_TEST_POSTGRES:+ and PostgreSQL}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
printf 'wall time:    %dm %02ds (dotnet test exit code %d)\n' $((elapsed / 60)) $((elapsed % 60)) "$status"
grep -E '^(Passed!|Failed!)|Total tests|Passed:|Failed:|Skipped:' "$results/output.txt" | sed 's/^ */              /' || true
awk -F'\t' '
  # Logs written before database templates have no origin column: every application seeded its own database.
  NF == 5 { $6 = $5; $5 = $4; $4 = "seeded" }
  { n++; byEngine[$2]++; byKind[$3]++; byOrigin[$4]++; ms += $5; byClass[$6]++ }
  END {
    printf "applications started: %d (start-up time summed over all: %.0f s)\n", n, ms / 1000
    for (e in byEngine) printf "  %-12s %d\n", e, byEngine[e]
    for (k in byKind) printf "  %-12s %d\n", k, byKind[k]
    for (o in byOrigin) printf "  %-15s %d\n", o, byOrigin[o]
    print "by test class:"
    for (c in byClass) printf "  %4d  %s\n", byClass[c], c | "sort -rn"
  }' "$log"
echo "details: $results"
