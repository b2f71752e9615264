#!/usr/bin/env bash
# What a first visit transfers (compressed, as a browser asks): the HTML and every stylesheet, script, font and
# icon file it references, map tiles and photos excluded. Usage: bench/page-weight.sh [base-url]
# Start Repères first (dotnet run --project src/Reperes.Web); the default base URL is http://localhost:5000.
set -euo pipefail
base=${1:-http://localhost:5000}
measure() {
  local path=$1 total=0 html size assets
  html=$(curl -s --compressed "$base$path")
  size=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$path")
  total=$size
  assets=$(printf '%s' "$html" | grep -oE '(href|src)="/[^"]+\.(css|js|svg|woff2?)[^"]*"' | sed -E 's/^(href|src)="//; s/"$//; s/#.*//' | sort -u)
  printf '%-40s %7d B  html\n' "$path" "$size"
  for asset in $assets; do
    size=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$asset")
    total=$((total + size))
    printf '%-40s %7d B  %s\n' "" "$size" "$asset"
  done
  printf '%-40s %7d B  TOTAL (%.1f KB)\n\n' "$path" "$total" "$(echo "$total / 1024" | bc -l)"
}
for path in "/" "/recherche?q=manger" "/besoin/se-nourrir" "/structure/halte-accueil-ozanam" "/carte?need=se-nourrir"; do
  measure "$path"
done
