#!/usr/bin/env bash
# The weight of the key public pages in every language of the interface: the HTML as sent (uncompressed) and what
# a first visit transfers compressed (HTML + stylesheets, scripts and icon files it references; map tiles excluded).
# Usage: bench/page-weight-languages.sh [base-url]. Start Repères first (dotnet run --project src/Reperes.Web).
set -euo pipefail
base=${1:-http://localhost:5000}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
printf '%-7s %-34s %10s %12s\n' "lang" "page" "html (B)" "visit br (B)"
for lang in fr en ar fa-AF ps uk ru es; do
  rm -f "$jar"
  # A place on the slip, as a person who prints it has.
  form=$(curl -s -c "$jar" -b "$jar" "$base/recherche?q=manger&lang=$lang")
  token=$(printf '%s' "$form" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  id=$(printf '%s' "$form" | tr '\n' ' ' | grep -o 'action="/fiche-orientation/ajouter".\{0,400\}' | grep -o 'name="id" value="[0-9]*"' | head -1 | grep -o '[0-9]*')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "id=$id" --data-urlencode "retour=/" "$base/fiche-orientation/ajouter"
  for path in "/" "/recherche?q=manger" "/besoin/se-nourrir" "/structure/halte-accueil-ozanam" "/fiche-orientation" "/fiche-orientation/imprimer"; do
    sep='?'; [[ "$path" == *\?* ]] && sep='&'
    url="$base$path${sep}lang=$lang"
    html=$(curl -s -b "$jar" "$url")
    plain=$(printf '%s' "$html" | wc -c)
    total=$(curl -s -b "$jar" -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$url")
    for asset in $(printf '%s' "$html" | grep -oE '(href|src)="/[^"]+\.(css|js|svg|woff2?)[^"]*"' | sed -E 's/^(href|src)="//; s/"$//; s/#.*//' | sort -u); do
      total=$((total + $(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$asset")))
    done
    flag=""; [ "$plain" -gt 61440 ] && flag="  OVER 60 KB"
    printf '%-7s %-34s %10d %12d%s\n' "$lang" "$path" "$plain" "$total" "$flag"
  done
done
