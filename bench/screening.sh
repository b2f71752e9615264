#!/usr/bin/env bash
# "Le numérique et moi": what its pages transfer (compressed HTML plus each stylesheet, script and icon file they
# reference, as bench/page-weight.sh), and the time to answer the result page of a few answer profiles (median and
# slowest of N requests each; the places, their open states for seven days and the remote help are found anew each time).
# Usage: bench/screening.sh [base-url] [requests]
# Start Repères first (dotnet run -c Release --project src/Reperes.Web); default http://localhost:5000.
set -euo pipefail
base=${1:-http://localhost:5000}
requests=${2:-30}

weight() {
  local path=$1 total html size assets
  html=$(curl -s --compressed "$base$path")
  total=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$path")
  assets=$(printf '%s' "$html" | grep -oE '(href|src)="/[^"]+\.(css|js|svg|woff2?)[^"]*"' | sed -E 's/^(href|src)="//; s/"$//; s/#.*//' | sort -u)
  for asset in $assets; do
    total=$((total + $(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$asset")))
  done
  printf '%-90s html %6d B (%d B uncompressed), first visit %.1f KB\n' "$path" \
    "$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$path")" "$(printf '%s' "$html" | wc -c)" "$(echo "$total / 1024" | bc -l)"
}

timing() {
  local path=$1 times
  times=$(for _ in $(seq "$requests"); do curl -s -o /dev/null -w '%{time_total}\n' "$base$path"; done | sort -n)
  printf '%-90s median %6.1f ms, slowest %6.1f ms (%d requests)\n' "$path" \
    "$(printf '%s\n' "$times" | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}')" \
    "$(printf '%s\n' "$times" | tail -1 | awk '{print $1 * 1000}')" "$requests"
}

profiles=(
  "/numerique-et-moi/resultat?equipement=aucun"
  "/numerique-et-moi/resultat?equipement=smartphone&demarches=caf&autonomie=avec-aide&papier=imprimer&papier=scanner&commune=Brest"
  "/numerique-et-moi/resultat?demarches=france-travail&autonomie=pas-du-tout&apprendre=atelier&profil=senior&lat=48.39&lon=-4.486"
)
for path in "/numerique-et-moi" "/numerique-et-moi?equipement=aucun&etape=8" "${profiles[@]}"; do
  weight "$path"
done
echo
for path in "${profiles[@]}"; do
  curl -s -o /dev/null "$base$path"
  timing "$path"
done
