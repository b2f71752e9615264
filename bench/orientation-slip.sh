#!/usr/bin/env bash
# The orientation slip: what its page, its print view and its shared page transfer (compressed, HTML and every
# stylesheet, script and icon file referenced, as bench/page-weight.sh), and the time to build a printed slip of 10
# places (the print view requested again and again: median and slowest of N).
# Usage: bench/orientation-slip.sh [base-url] [requests]
# Start Repères with the demo data first (dotnet run -c Release --project src/Reperes.Web); default http://localhost:5000.
set -euo pipefail
base=${1:-http://localhost:5000}
requests=${2:-30}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

# Ten places, each added as a person does: the form under a result, with the services that answered the search.
added=0
for page in "/recherche?q=manger" "/recherche?q=douche" "/besoin/avoir-un-toit" "/besoin/se-soigner" "/besoin/acceder-aux-droits"; do
  html=$(curl -s -c "$jar" -b "$jar" "$base$page")
  while IFS= read -r form; do
    [ "$added" -ge 10 ] && break
    [ -z "$form" ] && continue
    status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -X POST "$base/fiche-orientation/ajouter" --data "$form")
    [ "$status" = 302 ] && added=$((added + 1))
  done < <(printf '%s' "$html" | python3 -c '
import sys, re, urllib.parse
html = sys.stdin.read()
for form in re.findall(r"<form[^>]*class=\"slip-add[^\"]*\"[^>]*>(.*?)</form>", html, re.S):
    fields = re.findall(r"<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", form)
    print(urllib.parse.urlencode([(n, v.replace("&amp;", "&")) for n, v in fields]))
')
  [ "$added" -ge 10 ] && break
done
echo "places on the slip: $added"

# Share it, to measure its public page too.
slip=$(curl -s -c "$jar" -b "$jar" "$base/fiche-orientation")
token=$(printf '%s' "$slip" | python3 -c '
import sys, re
html = sys.stdin.read()
form = re.search(r"<form[^>]*action=\"([^\"]*handler=Share[^\"]*)\"[^>]*>(.*?)</form>", html, re.S)
print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", form.group(2)).group(1))
')
shared=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -X POST "$base/fiche-orientation?handler=Share" --data-urlencode "__RequestVerificationToken=$token")
shared=${shared%%\?*}
shared=${shared#"$base"}

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
for path in "/fiche-orientation" "/fiche-orientation/imprimer" "$shared"; do
  measure "$path"
done

# Building the printed slip of ten places: each request loads the places and computes their open states, weeks,
# notices and QR codes (QR codes are cached by address after the first request).
curl -s -b "$jar" -o /dev/null "$base/fiche-orientation/imprimer"
times=$(for _ in $(seq "$requests"); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base/fiche-orientation/imprimer"; done | sort -n)
median=$(printf '%s\n' "$times" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
slowest=$(printf '%s\n' "$times" | tail -1)
printf 'print view of %d places, %d requests: median %.1f ms, slowest %.1f ms\n' "$added" "$requests" "$(echo "$median * 1000" | bc -l)" "$(echo "$slowest * 1000" | bc -l)"
