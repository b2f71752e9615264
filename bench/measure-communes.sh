#!/usr/bin/env bash
# Measures the national list of communes: the size of the embedded file, its loading on first use (time, as the
# server logs it, and the resident memory it adds), and the time of searches from a commune typed in various ways.
#
#   bench/measure-communes.sh
#
# Needs: the .NET SDK, curl. Linux only (reads /proc). Uses an empty SQLite database with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Reperes.Web -c Release -v quiet -nologo >/dev/null
app=src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll
list=src/Reperes.Web/obj/Release/net10.0/communes.tsv.gz
port=5397
base="http://127.0.0.1:$port"

printf 'embedded file: %s bytes gzip, %s bytes of text, %s lines\n' "$(stat -c %s "$list")" "$(zcat "$list" | wc -c)" "$(zcat "$list" | wc -l)"

data=$(mktemp -d)
export Reperes__DataDirectory="$data" Reperes__DemoData=true
# A category name with dots is no shell variable name: env passes it as it is.
env "Logging__LogLevel__Reperes.Web.Guide.Communes=Information" ASPNETCORE_URLS="$base" dotnet "$app" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

# Warm-up without a commune: the search's own code paths, so that the next request measures the list alone.
for _ in 1 2 3; do curl -fs "$base/recherche?q=manger" -o /dev/null; done
before=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
first=$(curl -s "$base/recherche?commune=plouzane" -o /dev/null -w '%{time_total}')
after=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "first search from a commune (loads the list): ${first} s; resident memory $((before / 1024)) MiB -> $((after / 1024)) MiB"
grep -o 'Loaded [0-9]* communes in [0-9]* ms' "$data/server.log" || true

# Then: median of 20 searches for each way of typing a commune.
for commune in Plouzan%C3%A9 plouzane%2029280 29280 landernau Saint-Sauveur Ploug Atlantide; do
  times=$(for _ in $(seq 1 20); do curl -s "$base/api/v1/search?commune=$commune&radius=30" -o /dev/null -w '%{time_total}\n'; done | sort -n)
  printf '%-22s median %s s\n' "$commune" "$(echo "$times" | sed -n 10p)"
done
