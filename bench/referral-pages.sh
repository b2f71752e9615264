#!/usr/bin/env bash
# Referral requests: what the referral form and the answer page transfer (compressed HTML, as bench/page-weight.sh
# measures it; the stylesheet is the site's one), and how long sending a request and opening its answer page take
# (median and slowest of N).
# Usage: bench/referral-pages.sh DATA_DIRECTORY [base-url] [requests]
# Start Repères with the demo data on that data directory first, e.g.
#   Reperes__DataDirectory=/tmp/referrals-bench ASPNETCORE_URLS=http://127.0.0.1:5182 dotnet run -c Release --project src/Reperes.Web
# (the answer link is read from the e-mails written under DATA_DIRECTORY/mail).
set -euo pipefail
data=${1:?data directory of the running application}
base=${2:-http://localhost:5000}
requests=${3:-20}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

token() { python3 -c 'import sys, re; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'; }

# The demo's social worker signs in.
login=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$base/connexion" \
  --data-urlencode "__RequestVerificationToken=$login" --data-urlencode "Input.Email=assistante.sociale@cdas.demo.reperes.example" \
  --data-urlencode "Input.Password=Reperes-demo-2026"
form=$(curl -s -b "$jar" "$base/structure/halte-accueil-ozanam" | grep -oE '/mon-espace/adressages/nouveau/[0-9]+' | head -1)
[ -n "$form" ] || { echo "no referral link on the sheet: is the session a professional's?" >&2; exit 1; }

size() { curl -s -b "$jar" -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$1"; }
stats() { sort -n | awk '{ a[NR] = $1 } END { printf "median %.1f ms, slowest %.1f ms", 1000 * (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), 1000 * a[NR] }'; }

send() {
  local t
  t=$(curl -s -b "$jar" "$base$form" | token)
  curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' -X POST "$base$form" \
    -F "__RequestVerificationToken=$t" -F "Situation[logement]=À la rue" -F "Situation[disponibilites]=Les matins" \
    -F "ConsentGiven=true" -F "ConsentBy=Claire Le Gall" -F "ConsentOn=$(date +%F)" \
    -F "ContactEmail=assistante.sociale@cdas.demo.reperes.example" -F "ContactPhone=02 98 00 11 22"
}

printf '%-44s %6d B compressed (%d B uncompressed)\n' "referral form $form" "$(size "$form")" "$(curl -s -b "$jar" "$base$form" | wc -c)"
send_times=$(for _ in $(seq "$requests"); do send; done)
link=$(ls -t "$data"/mail/*.eml | head -1 | xargs grep -ohE '/adressage/[A-Za-z0-9_-]{22}' | head -1)
printf '%-44s %6d B compressed (%d B uncompressed)\n' "answer page" "$(size "$link")" "$(curl -s "$base$link" | wc -c)"
answer_times=$(for _ in $(seq "$requests"); do curl -s -o /dev/null -w '%{time_total}\n' "$base$link"; done)
printf 'sending a request (form checked, saved, e-mails to the team), %d requests: %s\n' "$requests" "$(printf '%s\n' "$send_times" | stats)"
printf 'opening an answer page by its link, %d requests: %s\n' "$requests" "$(printf '%s\n' "$answer_times" | stats)"
