#!/usr/bin/env bash
# Load benchmark of the public search at national scale: the results page, the JSON search and /api/v1/structures
# under 16 concurrent connections (wrk from Debian), with the query mix of issue 19, on 100,000 synthetic structures.
#
#   bench/search-load.sh [--postgres] [--no-cache] [--structures N] [--duration SECONDS] [--connections N] [--warmup SECONDS]
#
# --postgres   runs on PostgreSQL (database reperes_load, role reperes/reperes on 127.0.0.1, created and filled once,
#              then kept); otherwise SQLite (kept under $REPERES_BENCH_DIR, default /tmp/reperes-load).
# --no-cache   without the cache of search answers (Reperes:Search:CachedResults=0): every request computes its answer.
# --warmup     seconds of the mix per target before measuring (default 5: the code compiled, the cache still cold; a
#              minute or more measures an instance that has been serving a while, its cache filled as in life).
#
# The mix, in equal shares, drawn once with a fixed seed into a list of 200,000 requests that the connections walk
# through in turn: words nationwide; words in a commune; a need near a position (every position different, as people's
# are); "open now" and "open today" (nationwide or in a commune); a typo; a category or words with filters (free,
# without appointment, a public, a language); a far page (2 to 20). Words and communes are drawn the way people ask:
# a few often, many rarely (Zipf), so that the cache of answers meets what it would meet in life, no better.
#
# Prints, per target: requests a second, latency percentiles (50, 90, 99, 99.9), errors and non-200 answers; then the
# application's resident memory after the load, the time from start to the first answered search, and the share of
# answers the cache gave. Needs: the .NET SDK, wrk, curl, python3 (and psql for --postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
engine=sqlite
cache=on
structures=100000
duration=30
connections=16
warmup=5
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) engine=postgres ;;
    --no-cache) cache=off ;;
    --structures) structures=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install wrk curl python3)" >&2; exit 1; }; done
work=${REPERES_BENCH_DIR:-/tmp/reperes-load}
# The build measured (another folder to compare two versions on the same data).
app=${REPERES_BENCH_APP:-$work/app}
port=${REPERES_BENCH_PORT:-5092}
base="http://127.0.0.1:$port"
mkdir -p "$work"

echo "== publishing (Release)"
dotnet publish src/Reperes.Web -c Release -o "$app" --nologo -v quiet >/dev/null

data="$work/data-$engine"
mkdir -p "$data"
provider=Sqlite; [ "$engine" = postgres ] && provider=PostgreSQL
export Reperes__DataDirectory="$data" Reperes__Database__Provider="$provider" Reperes__DemoData=false \
  ASPNETCORE_ENVIRONMENT=Production Reperes__PublicBaseUrl="$base" Reperes__Api__RequestsPerMinute=100000000
if [ "$engine" = postgres ]; then
  command -v psql >/dev/null || { echo "psql is missing (apt-get install postgresql-client)" >&2; exit 1; }
  export PGPASSWORD=reperes ConnectionStrings__Reperes="Host=127.0.0.1;Username=reperes;Password=reperes;Database=reperes_load"
  psql -h 127.0.0.1 -U reperes -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'reperes_load'" | grep -q 1 \
    || { psql -q -h 127.0.0.1 -U reperes -d postgres -c "CREATE DATABASE reperes_load"; rm -f "$data/generated"; }
else
  unset ConnectionStrings__Reperes
fi
if [ "$cache" = off ]; then export Reperes__Search__CachedResults=0; else unset Reperes__Search__CachedResults; fi

if [ "$(cat "$data/generated" 2>/dev/null || echo 0)" != "$structures" ]; then
  echo "== $engine: generating $structures structures (seed 42, once)"
  (cd "$app" && dotnet Reperes.Web.dll generate --structures "$structures" --seed 42 | tail -1)
  echo "$structures" > "$data/generated"
fi

echo "== $engine: the query mix"
python3 - "$work/mix" <<'PY'
import random, sys, urllib.parse
out = sys.argv[1]
rng = random.Random(19)
words = ["manger", "repas", "douche", "logement", "hebergement", "colis alimentaire", "vetements", "medecin", "avocat",
         "laverie", "epicerie sociale", "dormir", "soins", "internet", "aide administrative", "bagagerie",
         "restaurant social", "dentiste", "psychologue", "domiciliation", "accueil de jour", "maraude", "pharmacie",
         "formation", "transport", "banque alimentaire", "toilettes", "bains douches", "ecrivain public", "cafe"]
typos = ["doucha", "logment", "medcin", "vetemant", "avocar", "epiceri", "hebergemnt", "maneger", "laveri", "dentist"]
needs = ["se-nourrir", "avoir-un-toit", "prendre-soin-de-soi", "se-soigner", "acceder-aux-droits", "se-former",
         "se-deplacer", "acceder-aux-loisirs-et-a-la-culture", "poser-son-sac"]
categories = ["repas", "colis-alimentaires", "douche", "hebergement-urgence", "acces-aux-droits", "soins-medicaux-gratuits"]
audiences = ["femmes", "jeunes", "familles", "personnes-exilees"]
languages = ["en", "ar", "es", "uk"]
cities = [("Paris", 48.8566, 2.3522, 21), ("Marseille", 43.2965, 5.3698, 8), ("Lyon", 45.7640, 4.8357, 5),
          ("Toulouse", 43.6047, 1.4442, 5), ("Nice", 43.7102, 7.2620, 3), ("Nantes", 47.2184, -1.5536, 3),
          ("Montpellier", 43.6108, 3.8767, 3), ("Strasbourg", 48.5734, 7.7521, 3), ("Bordeaux", 44.8378, -0.5792, 3),
          ("Lille", 50.6292, 3.0573, 3), ("Rennes", 48.1173, -1.6778, 2), ("Reims", 49.2583, 4.0317, 2),
          ("Grenoble", 45.1885, 5.7245, 2), ("Dijon", 47.3220, 5.0415, 2), ("Brest", 48.3904, -4.4861, 2),
          ("Tours", 47.3941, 0.6848, 2), ("Limoges", 45.8336, 1.2611, 2), ("Metz", 49.1193, 6.1757, 1),
          ("Rouen", 49.4432, 1.0999, 1), ("Caen", 49.1829, -0.3707, 1), ("Quimper", 47.9960, -4.1024, 1),
          ("Morlaix", 48.5775, -3.8278, 1), ("Pau", 43.2951, -0.3708, 1), ("Calais", 50.9513, 1.8587, 1)]
def zipf(items):
    return items[min(len(items) - 1, int(rng.paretovariate(1.2)) - 1)]
def city():
    return rng.choices(cities, weights=[c[3] for c in cities])[0]
def query(**values):
    return urllib.parse.urlencode({k: v for k, v in values.items() if v is not None})
kinds = [
    lambda: query(q=zipf(words)),
    lambda: query(q=zipf(words), commune=city()[0]),
    lambda: (lambda c: query(need=rng.choice(needs), lat=f"{c[1] + rng.uniform(-0.05, 0.05):.5f}", lon=f"{c[2] + rng.uniform(-0.05, 0.05):.5f}", radius=5, sort="distance"))(city()),
    lambda: query(q=zipf(words[:8]), open="now", commune=city()[0] if rng.random() < 0.5 else None),
    lambda: query(need=rng.choice(needs), open="today", commune=city()[0] if rng.random() < 0.5 else None),
    lambda: query(q=zipf(typos)),
    lambda: rng.choice([
        lambda: query(q=zipf(words), free="true", walkin="true"),
        lambda: query(category=rng.choice(categories), audience=rng.choice(audiences), free="true"),
        lambda: query(category=rng.choice(categories), language=rng.choice(languages), commune=city()[0]),
    ])(),
    lambda: query(q=zipf(words[:10]), page=rng.randint(2, 20)),
]
lines = [kinds[i % len(kinds)]() for i in range(200_000)]
rng.shuffle(lines)
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} requests, {len(set(lines))} distinct")
PY

cat > "$work/mix.lua" <<'LUA'
-- Walks the mix in turn from a different start per connection (wrk makes one Lua state per thread).
local paths, prefix, i = {}, "/recherche?", 0
function setup(thread) thread:set("prefix", os.getenv("MIX_PREFIX")) end
function init(args)
  prefix = os.getenv("MIX_PREFIX") or prefix
  for line in io.lines(os.getenv("MIX_FILE")) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", prefix .. paths[i])
end
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f errors=%d non200=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests))
end
LUA

if curl -s -o /dev/null "$base/health"; then echo "port $port is taken: stop what listens there first" >&2; exit 1; fi
echo "== $engine: starting (cache of answers $cache)"
started=$(date +%s.%N)
# exec: $! is the server itself.
(cd "$app" && ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning exec dotnet Reperes.Web.dll >"$work/app-$engine.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
first_search=""
for _ in $(seq 1 1200); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/recherche?q=manger")" = 200 ]; then first_search=$(python3 -c "print(f'{$(date +%s.%N) - $started:.2f}')"); break; fi
  sleep 0.05
done
[ -n "$first_search" ] || { echo "no search answered: see $work/app-$engine.log" >&2; exit 1; }
echo "start to first answered search: $first_search s"
# The search answers from SQL until its read model is loaded: measured once it is (the time is printed).
loaded=""
for _ in $(seq 1 1200); do
  if curl -s "$base/metrics" | grep -Eq '^reperes_search_read_model_structures(\{[^}]*\})? [1-9]'; then loaded=$(python3 -c "print(f'{$(date +%s.%N) - $started:.2f}')"); break; fi
  sleep 0.1
done
echo "start to the read model loaded: ${loaded:-never (switched off, or see $work/app-$engine.log)} s"

# Warm-up: the code paths compiled, the connections pooled; with a longer one, the cache filled too.
for target in "/recherche?" "/api/v1/search?" "/api/v1/structures?"; do
  MIX_FILE="$work/mix" MIX_PREFIX="$target" wrk -t1 -c4 -d"${warmup}s" -s "$work/mix.lua" "$base" >/dev/null
done

printf '%-22s %8s %8s %8s %8s %9s %9s %7s %7s\n' target "req/s" "p50 ms" "p90 ms" "p99 ms" "p99.9 ms" "max ms" errors "non-200"
for target in "/recherche?" "/api/v1/search?" "/api/v1/structures?"; do
  line=$(MIX_FILE="$work/mix" MIX_PREFIX="$target" wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s -s "$work/mix.lua" "$base" | grep '^RESULT')
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/r_/')"
  printf '%-22s %8s %8s %8s %8s %9s %9s %7s %7s\n' "${target%\?}" "$r_rps" "$r_p50" "$r_p90" "$r_p99" "$r_p999" "$r_max" "$r_errors" "$r_non200"
done
rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
hwm=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
echo "resident memory after the load: $rss MB (peak $hwm MB)"
curl -s "$base/metrics" 2>/dev/null | grep -E '^reperes_search_answers' || true
