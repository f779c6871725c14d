#!/usr/bin/env bash
# A range ending today next to one of finished days, in one run: the dashboard's stats over the
# last 30 days ending today (whose events are still in the hot table, read from events) and over
# the 30 days ending yesterday (all from rollups). Runs on a copy of DATA (the generator's
# 10M-event site, ending 2026-11-20, as for stats.sh) after posting TODAY_EVENTS tracker hits for
# today (scripts/bench/today-hits.py: realistic User-Agents, pages and referrers, one client address
# per hit), server limited as in stats.sh (-Xmx256m, DuckDB 256MB, answer cache off; the hot table
# moves to Parquet at the default 1,000-event threshold, as in production). Prints Markdown for PERF.md.
#   DATA=dir RUNS=5 TODAY_EVENTS=50000 scripts/bench/stats-today.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
TODAY_EVENTS=${TODAY_EVENTS:-50000}
END=2026-11-20
source scripts/bench/lib.sh
[ -n "${DATA:-}" ] || { echo "DATA must name a generated data directory (it is copied, not changed)" >&2; exit 1; }
cp -r "$DATA" "$scratch/data-copy"
BENCH_ENV="MALLARD_TRUSTED_PROXIES=127.0.0.1" start_limited_server "$scratch/data-copy"
await_rollups
stored() { curl -sf "$base/health/detailed" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["hot_events"], d["hot_events"] + d["cold_events"])'; }
read -r _ before <<< "$(stored)"
python3 scripts/bench/today-hits.py "$base" example.com "$TODAY_EVENTS" >&2

today=$(date -u +%F)
last_30_days() { echo "site_id=example.com&start_date=$(date -d "$1 - 29 days" +%F)&end_date=$1"; }
time_dashboard yesterday "$(last_30_days "$(date -u -d "$today - 1 day" +%F)")"
time_dashboard today "$(last_30_days "$today")"
read -r hot after <<< "$(stored)"
files=$(find "$scratch/data-copy/events/site_id=example.com" -path "*date=$today*" -name '*.parquet' | wc -l)

echo "Today's stored events: $(( after - before )) of $TODAY_EVENTS posted; $hot in the hot table, the rest in $files Parquet file(s) of today."
echo
dashboard_table yesterday "ending yesterday" today "ending today"
echo
echo "Peak RSS of the server during the run: $(( $(awk '/VmHWM/ {print $2}' /proc/$server/status) / 1024 )) MB (VmHWM)."
