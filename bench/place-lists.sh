#!/usr/bin/env bash
# Professionals' lists of places: what a list's page and its print view transfer (compressed, HTML and every
# stylesheet, script and icon referenced, as bench/page-weight.sh), what the "add to a list" forms add to a page of
# results, and the time to build the printed list and the changes page for a list of N places (median and slowest).
# Usage: bench/place-lists.sh [base-url] [places] [requests]
# Start Repères with the demo data first (dotnet run -c Release --project src/Reperes.Web); default http://localhost:5000.
set -euo pipefail
base=${1:-http://localhost:5000}
places=${2:-20}
requests=${3:-30}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

token() { python3 -c 'import sys, re; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'; }

# Signed in as the demo's social worker.
login=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$base/connexion" --data-urlencode "Input.Email=assistante.sociale@cdas.demo.reperes.example" \
  --data-urlencode "Input.Password=Reperes-demo-2026" --data-urlencode "__RequestVerificationToken=$login"

# A new list, then places added from pages of results as a person adds them (the list chosen in each card's form).
form=$(curl -s -c "$jar" -b "$jar" "$base/mon-espace/listes" | token)
name="Banc d'essai $(date +%s)"
list=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -X POST "$base/mon-espace/listes?handler=Create" --data-urlencode "Name=$name" --data-urlencode "__RequestVerificationToken=$form")
list=${list%%\?*}
list=${list#"$base"}
id=${list##*/}
added=0
for page in "/recherche?q=manger" "/recherche?q=douche" "/besoin/avoir-un-toit" "/besoin/se-soigner" "/besoin/acceder-aux-droits" "/besoin/se-former" "/besoin/se-deplacer"; do
  html=$(curl -s -c "$jar" -b "$jar" "$base$page")
  while IFS= read -r fields; do
    [ "$added" -ge "$places" ] && break
    [ -z "$fields" ] && continue
    status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -X POST "$base/mon-espace/listes?handler=Add" --data "$fields&liste=$id")
    [ "$status" = 302 ] && added=$((added + 1))
  done < <(printf '%s' "$html" | python3 -c '
import sys, re, urllib.parse
html = sys.stdin.read()
for form in re.findall(r"<form[^>]*action=\"/mon-espace/listes\?handler=Add\"[^>]*>(.*?)</form>", html, re.S):
    fields = [(n, v.replace("&amp;", "&")) for n, v in re.findall(r"<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", form) if n != "liste"]
    print(urllib.parse.urlencode(fields))
')
  [ "$added" -ge "$places" ] && break
done
echo "places on the list: $added"

measure() {
  local path=$1 total=0 html size assets
  html=$(curl -s --compressed -b "$jar" "$base$path")
  size=$(curl -s -b "$jar" -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$path")
  total=$size
  assets=$(printf '%s' "$html" | grep -oE '(href|src)="/[^"]+\.(css|js|svg|woff2?)[^"]*"' | sed -E 's/^(href|src)="//; s/"$//; s/#.*//' | sort -u)
  printf '%-40s %7d B  html (%d B uncompressed)\n' "$path" "$size" "$(printf '%s' "$html" | wc -c)"
  for asset in $assets; do
    size=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$asset")
    total=$((total + size))
    printf '%-40s %7d B  %s\n' "" "$size" "$asset"
  done
  printf '%-40s %7d B  TOTAL (%.1f KB)\n\n' "$path" "$total" "$(echo "$total / 1024" | bc -l)"
}
measure "/mon-espace/listes"
measure "$list"
measure "$list/imprimer"

# What the forms add to a page of results: the same page for a visitor and for the professional (HTML, compressed).
anonymous=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base/recherche?q=manger")
professional=$(curl -s -b "$jar" -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base/recherche?q=manger")
printf 'results page /recherche?q=manger: %d B for a visitor, %d B for a professional\n' "$anonymous" "$professional"

timing() {
  local path=$1 times median slowest
  curl -s -b "$jar" -o /dev/null "$base$path"
  times=$(for _ in $(seq "$requests"); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base$path"; done | sort -n)
  median=$(printf '%s\n' "$times" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
  slowest=$(printf '%s\n' "$times" | tail -1)
  printf '%-40s %d requests: median %.1f ms, slowest %.1f ms\n' "$path" "$requests" "$(echo "$median * 1000" | bc -l)" "$(echo "$slowest * 1000" | bc -l)"
}
timing "$list/imprimer"
timing "/mon-espace/listes/changements"
timing "/mon-espace"
