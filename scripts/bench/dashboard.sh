#!/usr/bin/env bash
# Dashboard render time in headless Chromium on the generator's 10M-event, 90-day site: navigation
# to the site screen until cards, chart and all breakdown tables are drawn (the page's data-rendered
# mark), default period (last 30 days), server limited as in stats.sh (-Xmx256m, DuckDB 256MB) with
# the answer cache off (the worst case; also with a visit filter and with a page filter) and on
# (MALLARD_CACHE_TTL=60, a returning visitor). Navigations are 6 s apart: the server keeps a filtered
# view's matched events and visits for its questions 5 s after building them, so each navigation is
# a first load.
# Needs chromium and chromium-driver. Prints Markdown for PERF.md.
#   RUNS=10 DATA=dir scripts/bench/dashboard.sh     (DATA as for stats.sh; generated when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-10}
END=2026-11-20
source scripts/bench/lib.sh
data=${DATA:-$scratch/data}
generate_site "$data" example.com "$EVENTS"
./mvnw -q -B -DskipTests install -pl bootstrap -am >/dev/null

# measure [filters-json]: the site screen for the 30 days ending $END, with those filters if given.
measure() {
  local filters=""
  [ -z "${1:-}" ] || filters="&filters=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")"
  ./mvnw -B -pl bootstrap test -Dtest=DashboardRenderBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.url="$base" -Dbench.password=benchmark-password -Dbench.runs="$RUNS" -Dbench.pause=6000 -Dbench.site=example.com \
    -Dbench.query="?period=custom&from=$(date -d "$END - 29 days" +%F)&to=$END$filters" | grep '^|'
}

echo "Cache off (every navigation runs every query):"
BENCH_ENV=MALLARD_SITE_IDS=example.com start_limited_server "$data"
await_rollups
measure
echo
echo "Cache off, filtered by a visit dimension (source is Google):"
measure '[["is","source",["Google"]]]'
echo
echo "Cache off, filtered by an event dimension (page is /pricing):"
measure '[["is","page",["/pricing"]]]'
stop_server
echo
echo "Cache on (MALLARD_CACHE_TTL=60):"
BENCH_ENV=MALLARD_SITE_IDS=example.com CACHE_TTL=60 start_limited_server "$data"
await_rollups
measure
