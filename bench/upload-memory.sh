#!/usr/bin/env bash
# Uploads and memory: the server's resident memory (RSS, from /proc) before and after four 100 MB video uploads sent
# at once by a structure's member, as a browser sends them (multipart form, antiforgery token, session cookie).
# Release build, demo data, SQLite, in a temporary folder; the server is stopped at the end.
# Usage: bench/upload-memory.sh [--ref GITREF]
#   --ref measures another commit (extracted with git archive), e.g. the one before uploads were streamed:
#   bench/upload-memory.sh --ref e257e53
set -euo pipefail
ref=""
if [ "${1:-}" = "--ref" ]; then ref=$2; shift 2; fi
port=${REPERES_BENCH_PORT:-5312}
uploads=${REPERES_BENCH_UPLOADS:-4}
size=$((100 * 1024 * 1024))
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/reperes-upload-memory.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

source_dir=$root
if [ -n "$ref" ]; then
  mkdir "$work/ref"
  git -C "$root" archive "$ref" | tar -x -C "$work/ref"
  source_dir="$work/ref"
fi
echo "== publishing ${ref:-the working tree} (Release)"
dotnet publish "$source_dir/src/Reperes.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null

# A real MP4 clip followed by zeros: what the video check accepts, 100 MB.
cp "$root/tests/Reperes.Media.Tests/Samples/video/clip.mp4" "$work/video.mp4"
truncate -s "$size" "$work/video.mp4"

base="http://127.0.0.1:$port"
( cd "$work/app" && Reperes__DataDirectory="$work/data" Reperes__DemoData=true ASPNETCORE_ENVIRONMENT=Production \
    Reperes__PublicBaseUrl="$base" ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning \
    exec dotnet Reperes.Web.dll >"$work/app.log" 2>&1 ) &
pid=$!
for _ in $(seq 1 180); do curl -sf -o /dev/null "$base/connexion" && break; sleep 1; done
curl -sf -o /dev/null "$base/connexion" || { echo "the server did not start:" >&2; cat "$work/app.log" >&2; exit 1; }

jar="$work/cookies"
token() { python3 -c 'import sys, re; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'; }
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
peak() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }

# The manager of the demo's Halte accueil Ozanam signs in and writes a draft.
login=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$base/connexion" --data-urlencode "__RequestVerificationToken=$login" \
  --data-urlencode "Input.Email=gestion.ozanam@demo.reperes.example" --data-urlencode "Input.Password=Reperes-demo-2026"
new="$base/mon-espace/publications/nouvelle?type=article&structure=halte-accueil-ozanam"
write=$(curl -s -b "$jar" "$new" | token)
location=$(curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' -X POST "$new" --data-urlencode "__RequestVerificationToken=$write" \
  --data-urlencode "Input.Kind=Article" --data-urlencode "Input.Structure=halte-accueil-ozanam" --data-urlencode "Input.Title=Vidéos de l’atelier" \
  --data-urlencode "Input.Body=Les vidéos de l’atelier." --data-urlencode "action=save")
id=$(grep -oE '/publications/[0-9]+' <<<"$location" | grep -oE '[0-9]+' | head -1)
[ -n "$id" ] || { echo "no publication written (redirected to '$location'): did the login work?" >&2; exit 1; }
medias="$base/mon-espace/publications/$id/medias"
upload_token=$(curl -s -b "$jar" "$medias" | token)
upload() { curl -s -b "$jar" -o /dev/null -w '%{http_code}\n' -X POST "$medias" -F "__RequestVerificationToken=$upload_token" -F "Caption=$2" -F "Upload=@$1;type=video/mp4;filename=atelier.mp4"; }

# Once with the small clip, so that what is done once per process (loading, compiling) is not counted.
warm=$(upload "$root/tests/Reperes.Media.Tests/Samples/video/clip.mp4" "Extrait")
sleep 2
before=$(rss)
started=$(date +%s.%N)
statuses=$(for n in $(seq "$uploads"); do upload "$work/video.mp4" "Vidéo $n" & done; wait)
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
after=$(rss)
sleep 10
settled=$(rss)

stored=$(find "$work/data/media" -type f -size "${size}c" | wc -l)
printf 'warm-up upload: HTTP %s\n' "$warm"
printf '%d uploads of %d MB at once: HTTP %s in %.1f s, %d files of %d bytes stored\n' "$uploads" $((size / 1024 / 1024)) "$(tr '\n' ' ' <<<"$statuses")" "$elapsed" "$stored" "$size"
printf 'server RSS: %s MiB before, %s MiB just after (+%.1f), %s MiB 10 s later (+%.1f); peak of the process %s MiB\n' \
  "$before" "$after" "$(echo "$after - $before" | bc)" "$settled" "$(echo "$settled - $before" | bc)" "$(peak)"
