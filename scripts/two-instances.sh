#!/usr/bin/env bash
# Two instances of Repères on one PostgreSQL database, each with its own data directory and one shared storage
# directory, behind nginx from Debian (round robin), as docs/operations.md describes a cluster. Checks, and fails
# loudly on the first that does not hold:
#   1. both started at the same moment on an empty database: both ready, no error logged;
#   2. a form shown by one instance is accepted by the other (sign-in, a publication written), the session is valid
#      on both, six sign-ins in a row through nginx all succeed;
#   3. a photo uploaded through one instance is served by the other;
#   4. under load through nginx (wrk), one instance killed with kill -9: under 0.1 % of requests fail.
# Needs: the .NET SDK, PostgreSQL 15 running with the role of .ci/run (reperes/reperes), nginx and wrk (apt-get install
# nginx-light wrk). Usage: scripts/two-instances.sh   (about two minutes; run by .ci/run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/reperes-two-instances.XXXXXX)
port_a=${REPERES_CLUSTER_PORT_A:-5421}
port_b=${REPERES_CLUSTER_PORT_B:-5422}
port_proxy=${REPERES_CLUSTER_PORT_PROXY:-5420}
database="reperes_cluster_$$"
export PGPASSWORD=reperes
psql_admin() { psql -q -h 127.0.0.1 -U reperes -d postgres -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
pid_a=""; pid_b=""
cleanup() {
  for pid in $pid_a $pid_b; do kill -9 "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
# No silent stop: a command failing outside the checks says where.
trap 'echo "FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
fail() { echo "FAILED: $*" >&2; for log in "$work"/a.log "$work"/b.log; do echo "--- $log (last lines)" >&2; tail -n 20 "$log" >&2 || true; done; exit 1; }
for tool in nginx wrk psql curl python3; do command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install nginx-light wrk postgresql-client curl python3)"; done

SECONDS=0
echo "== building (Release)"
dotnet build "$root/src/Reperes.Web" -c Release --nologo -v quiet >/dev/null
psql_admin "CREATE DATABASE $database"
mkdir -p "$work/a" "$work/b" "$work/storage"

proxy="http://127.0.0.1:$port_proxy"
start() { # name port
  ( cd "$root/src/Reperes.Web" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$2" \
      Reperes__DataDirectory="$work/$1" Reperes__StorageDirectory="$work/storage" Reperes__DemoData=true \
      Reperes__PublicBaseUrl="$proxy" Reperes__Proxy__KnownProxies__0=127.0.0.1 Reperes__Database__Provider=PostgreSQL \
      ConnectionStrings__Reperes="Host=127.0.0.1;Username=reperes;Password=reperes;Database=$database" \
      exec dotnet bin/Release/net10.0/Reperes.Web.dll >"$work/$1.log" 2>&1 ) &
}

echo "== 1. two instances started at once on an empty database ($SECONDS s)"
start a "$port_a"; pid_a=$!; disown
start b "$port_b"; pid_b=$!; disown
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" || fail "the instance on port $port is not ready"
done
kill -0 "$pid_a" && kill -0 "$pid_b" || fail "an instance stopped"
errors=$(cat "$work/a.log" "$work/b.log" | grep -cE '"LogLevel":"(Error|Critical)"|^(fail|crit):|Unhandled exception' || true)
[ "$errors" -eq 0 ] || fail "$errors error(s) logged at start-up"
structures=$(psql -tA -h 127.0.0.1 -U reperes -d "$database" -c "SELECT count(*) FROM structures")
needs=$(psql -tA -h 127.0.0.1 -U reperes -d "$database" -c "SELECT count(*) FROM needs")
[ "$needs" -eq 9 ] || fail "the taxonomy was seeded $((needs / 9)) times"
echo "   both ready, 0 errors logged, seeded once ($needs needs, $structures demo structures)"

cat >"$work/nginx.conf" <<EOF
$( [ "$(id -u)" -eq 0 ] && echo "user root root;" )
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    fastcgi_temp_path $work/nginx-fastcgi;
    uwsgi_temp_path $work/nginx-uwsgi;
    scgi_temp_path $work/nginx-scgi;
    upstream reperes {
        server 127.0.0.1:$port_a max_fails=1 fail_timeout=10s;
        server 127.0.0.1:$port_b max_fails=1 fail_timeout=10s;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port_proxy;
        client_max_body_size 110m;
        location / {
            proxy_pass http://reperes;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
EOF
nginx -t -q -c "$work/nginx.conf" -p "$work" 2>"$work/nginx-test.log" || { cat "$work/nginx-test.log" >&2; fail "nginx configuration"; }
nginx -c "$work/nginx.conf" -p "$work"

echo "== 2. forms and sessions across instances ($SECONDS s)"
a="http://127.0.0.1:$port_a"; b="http://127.0.0.1:$port_b"
jar="$work/cookies"
token() { python3 -c 'import sys, re; m = re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")'; }
login_token=$(curl -s -c "$jar" -b "$jar" "$a/connexion" | token)
status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' -X POST "$b/connexion" --data-urlencode "__RequestVerificationToken=$login_token" \
  --data-urlencode "Input.Email=gestion.ozanam@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026")
[[ "$status" == 302*mon-espace* ]] || fail "sign-in form of A posted to B: $status"
for instance in "$a" "$b"; do
  [ "$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$instance/mon-espace")" = 200 ] || fail "the session is not valid on $instance"
done
new="/mon-espace/publications/nouvelle?type=article&structure=halte-accueil-ozanam"
write_token=$(curl -s -b "$jar" "$b$new" | token)
location=$(curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' -X POST "$a$new" --data-urlencode "__RequestVerificationToken=$write_token" \
  --data-urlencode "Input.Kind=Article" --data-urlencode "Input.Structure=halte-accueil-ozanam" --data-urlencode "Input.Title=Photos de l’atelier" \
  --data-urlencode "Input.Body=Les photos de l’atelier." --data-urlencode "action=save")
id=$(grep -oE '/publications/[0-9]+' <<<"$location" | grep -oE '[0-9]+' | head -1)
[ -n "$id" ] || fail "publication form of B posted to A: redirected to '$location'"
through_proxy=0
for n in $(seq 1 6); do
  own="$work/cookies-$n"
  t=$(curl -s -c "$own" -b "$own" "$proxy/connexion" | token)
  s=$(curl -s -c "$own" -b "$own" -o /dev/null -w '%{http_code}' -X POST "$proxy/connexion" --data-urlencode "__RequestVerificationToken=$t" \
    --data-urlencode "Input.Email=coordination@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026")
  [ "$s" = 302 ] && [ "$(curl -s -b "$own" -o /dev/null -w '%{http_code}' "$proxy/mon-espace")" = 200 ] && through_proxy=$((through_proxy + 1))
done
[ "$through_proxy" -eq 6 ] || fail "only $through_proxy of 6 sign-ins through nginx worked"
echo "   sign-in form of A accepted by B, session valid on both, publication form of B accepted by A, 6/6 sign-ins through nginx"

echo "== 3. a photo uploaded through one instance, served by the other ($SECONDS s)"
medias="/mon-espace/publications/$id/medias"
upload_token=$(curl -s -b "$jar" "$a$medias" | token)
photo="$root/tests/Reperes.Media.Tests/Samples/jpeg/baseline-420.jpg"
s=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' -X POST "$a$medias" -F "__RequestVerificationToken=$upload_token" -F "Caption=L’atelier" -F "AltText=Des personnes autour d’une table" \
  -F "Upload=@$photo;type=image/jpeg;filename=atelier.jpg")
[ "$s" = 302 ] || [ "$s" = 200 ] || fail "upload answered $s"
stored=$(find "$work/storage/media" -type f -newer "$work/nginx.conf" | head -1)
[ -n "$stored" ] || fail "no file in the shared storage after the upload"
name=$(basename "$stored")
for instance in "$a" "$b"; do
  got=$(curl -s -b "$jar" -o "$work/served" -w '%{http_code}' "$instance/medias/$name")
  [ "$got" = 200 ] && cmp -s "$work/served" "$stored" || fail "$instance/medias/$name answered $got"
done
echo "   uploaded to A, served identical by A and B ($(stat -c %s "$stored") bytes)"

echo "== 4. kill -9 of one instance under load through nginx ($SECONDS s)"
wrk -t2 -c16 -d12s --timeout 10s --latency -H "User-Agent: Mozilla/5.0 (two-instances check)" "$proxy/recherche?q=manger" >"$work/wrk.txt" 2>&1 &
load=$!
sleep 4
kill -9 "$pid_b"; pid_b=""
wait "$load" || true
total=$(grep -oE '[0-9]+ requests in' "$work/wrk.txt" | grep -oE '^[0-9]+' || true)
non2xx=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$work/wrk.txt" | grep -oE '[0-9]+$' || echo 0)
# wrk prints the socket errors' line only when there were some.
socket=$( (grep -oE 'Socket errors: .*' "$work/wrk.txt" || true) | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }' || true)
failed=$((non2xx + ${socket:-0}))
[ -n "$total" ] && [ "$total" -gt 0 ] || { cat "$work/wrk.txt" >&2; fail "no load measured"; }
rate=$(awk -v f="$failed" -v t="$total" 'BEGIN { printf "%.3f", 100 * f / t }')
echo "   $total requests in 12 s, B killed after 4 s: $failed failed ($rate %)"
grep -E 'Latency|Requests/sec' "$work/wrk.txt" | sed 's/^/   /'
[ $((failed * 1000)) -lt "$total" ] || { cat "$work/wrk.txt" >&2; grep -v "^{" "$work/nginx-error.log" | tail -5 >&2; fail "$rate % of requests failed (0.1 % allowed)"; }
echo "== all checks passed in $SECONDS s"
