#!/usr/bin/env bash
# Measures the coordinator's statistics pages (statistics, unanswered searches, yearly report, a CSV) over many
# counted events: response time (median of 3) and the server's peak memory, for several numbers of raw events.
#
#   bench/statistics-pages.sh [EVENTS...]      default: 100000 1000000
#
# Each size gets a fresh SQLite database under a temporary folder: the demo data (for the coordinator's account and
# the places), then EVENTS usage events spread over the last 13 months (half searches, one in fifty with words that
# found nothing, 300 different words), written by sqlite3 in one statement, oldest first as they arrive. Needs: the .NET SDK, curl, sqlite3.
# Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

dotnet build src/Reperes.Web -c Release -v quiet -nologo >/dev/null
app=src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll
port=5399
base="http://127.0.0.1:$port"
pages=(
  /mon-espace/coordination/statistiques
  /mon-espace/coordination/statistiques/recherches-sans-reponse
  /mon-espace/coordination/statistiques/rapport-annuel
  "/mon-espace/coordination/statistiques.csv?tableau=besoins-semaines"
)

kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

printf '%-9s %-62s %9s %10s %12s\n' events page seconds size "peak memory"
for size in "${sizes[@]}"; do
  data=$(mktemp -d)
  export Reperes__DataDirectory="$data" Reperes__DemoData=false Reperes__DemoUsage=false Reperes__PublicBaseUrl="$base"
  dotnet "$app" migrate >/dev/null
  dotnet "$app" seed-demo >/dev/null
  sqlite3 "$data/reperes.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $size),
need_list AS (SELECT code, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM needs),
e AS (SELECT i, date('now', 'localtime', '-' || (i % 395) || ' days') AS day FROM n)
INSERT INTO usage_events (kind, day, month, hour_of_week, need_code, category_code, commune, structure_id, detail, words, results)
SELECT CASE WHEN i % 10 < 5 THEN 'Search' WHEN i % 10 < 8 THEN 'SheetView' WHEN i % 10 = 8 THEN 'Call' ELSE 'Api' END,
       day, strftime('%Y-%m-01', day), i % 168,
       CASE WHEN i % 10 < 8 THEN (SELECT code FROM need_list WHERE k = i % 9) ELSE '' END, '',
       CASE WHEN i % 10 < 5 THEN (CASE i % 7 WHEN 0 THEN '' WHEN 1 THEN '29075' WHEN 2 THEN '29235' ELSE '29019' END) ELSE '' END,
       CASE WHEN i % 10 IN (5, 6, 7, 8) THEN 1 + i % 40 ELSE 0 END,
       CASE WHEN i % 10 = 9 THEN 'search' ELSE '' END,
       CASE WHEN i % 10 < 5 AND i % 50 = 0 THEN 'mot' || char(97 + (i / 50) % 26) || char(97 + (i / 1300) % 12) ELSE '' END,
       CASE WHEN i % 10 < 5 THEN (CASE WHEN i % 50 = 0 THEN 0 ELSE 10 END) ELSE -1 END
FROM e ORDER BY day, i;
SQL
  ASPNETCORE_URLS="$base" dotnet "$app" >"$data/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

  jar="$data/cookies"
  token=$(curl -fs -c "$jar" -b "$jar" "$base/connexion" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/connexion" \
    --data-urlencode "Input.Email=coordination@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token"

  curl -fs -b "$jar" "$base${pages[0]}" -o /dev/null   # warm-up
  for path in "${pages[@]}"; do
    echo 5 > "/proc/$server/clear_refs"
    times=()
    for _ in 1 2 3; do
      read -r code seconds bytes < <(curl -s -b "$jar" "$base$path" -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n')
      [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
      times+=("$seconds")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    printf '%-9s %-62s %9s %10s %12s\n' "$size" "$path" "$median" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f KB", b / 1e3 }')" "$(kib "$peak")"
  done
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  rm -rf "$data"
done
