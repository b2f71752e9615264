#!/usr/bin/env bash
# Accounts: does the time of an answer tell whether an address has an account? Median and slowest of N requests to
# the login form (wrong password) and to the password-reset form, for a demo account and for an unknown address,
# interleaved; the reset form also with the SMTP relay down (a port that refuses connections). The throttles are
# raised for the run (Reperes__Accounts__…), so that every request does the full work instead of being refused.
# Builds and starts Repères itself (Release, SQLite, demo data, Production with a public address, its own data
# directory), then stops it.
# Usage: bench/account-timing.sh [requests] [port]
set -euo pipefail
requests=${1:-40}
port=${2:-5311}
base="http://127.0.0.1:$port"
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
jar=$(mktemp)
app=""
stop() { if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi; }
trap 'stop; rm -rf "$data" "$jar"' EXIT

dotnet build -c Release "$root/src/Reperes.Web" -v q -nologo >/dev/null
dll="$root/src/Reperes.Web/bin/Release/net10.0/Reperes.Web.dll"

# A port nothing listens on: the relay is down.
refusing=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

start() { # extra environment assignments for this run
  stop
  (cd "$root/src/Reperes.Web" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" Reperes__PublicBaseUrl="$base" \
    Reperes__DataDirectory="$data" Reperes__DemoData=true Reperes__Accounts__LoginFailuresPerAccount=1000000 \
    Reperes__Accounts__LoginFailuresPerClient=1000000 Reperes__Accounts__ResetMailsPerAccount=1000000 \
    Reperes__Accounts__ResetMailsPerClient=1000000 Logging__LogLevel__Default=Warning "$@" dotnet "$dll" >>"$data/app.log" 2>&1) &
  app=$!
  for _ in $(seq 240); do
    curl -sf -o /dev/null "$base/connexion" && return 0
    sleep 0.5
  done
  echo "Repères did not start; see its log:" >&2
  tail -20 "$data/app.log" >&2
  exit 1
}

token() { python3 -c 'import sys, re; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'; }
stats() { sort -n | awk '{ a[NR] = $1 } END { printf "median %6.1f ms, slowest %6.1f ms", 1000 * (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), 1000 * a[NR] }'; }

# POST a form as a browser does (antiforgery token and cookie of the page); prints the status and the time taken.
post() { # path, then field=value pairs
  local path=$1 t
  shift
  t=$(curl -s -c "$jar" -b "$jar" "$base$path" | token)
  local fields=(--data-urlencode "__RequestVerificationToken=$t")
  for field in "$@"; do fields+=(--data-urlencode "$field"); done
  curl -s -c "$jar" -b "$jar" -o "$data/answer.html" -w '%{http_code} %{time_total}\n' -X POST "$base$path" "${fields[@]}"
}

known=contribution@demo.reperes.example
unknown=personne.inconnue@demo.reperes.example

# Runs N interleaved known/unknown requests of one kind; prints the statuses seen and the timings of each.
compare() { # label, path, field name, other fields…
  local label=$1 path=$2 field=$3
  shift 3
  local k="" u=""
  # Warm-up, and a check that the form was taken (not refused by its antiforgery token or a throttle).
  local first
  first=$(post "$path" "$field=$known" "$@")
  case "${first%% *}" in
    302) ;;
    400) grep -q "Adresse ou mot de passe incorrect" "$data/answer.html" || { echo "$label: unexpected answer" >&2; sed -n '/role="alert"/,+3p' "$data/answer.html" >&2; exit 1; } ;;
    *) echo "$label: unexpected status $first" >&2; exit 1 ;;
  esac
  for _ in $(seq "$requests"); do
    k+=$(post "$path" "$field=$known" "$@")$'\n'
    u+=$(post "$path" "$field=$unknown" "$@")$'\n'
  done
  printf '%-36s known:   status %s, %s\n' "$label" "$(printf '%s' "$k" | awk 'NF { print $1 }' | sort -u | paste -sd/)" "$(printf '%s' "$k" | awk 'NF { print $2 }' | stats)"
  printf '%-36s unknown: status %s, %s\n' "" "$(printf '%s' "$u" | awk 'NF { print $1 }' | sort -u | paste -sd/)" "$(printf '%s' "$u" | awk 'NF { print $2 }' | stats)"
}

echo "Repères at $base, $requests requests of each kind ($(nproc) cores, $(git -C "$root" rev-parse --short HEAD))"
start
compare "login, wrong password" /connexion Input.Email "Input.Password=not the password"
compare "password reset (.eml files)" /mot-de-passe-oublie Email
start Reperes__Email__SmtpHost=127.0.0.1 Reperes__Email__SmtpPort="$refusing" Reperes__Email__Tls=None Reperes__Email__TimeoutSeconds=5
compare "password reset (SMTP relay down)" /mot-de-passe-oublie Email
sleep 1
echo "SMTP failures logged: $(grep -c 'not sent through 127.0.0.1' "$data/app.log" || true)"
stop
