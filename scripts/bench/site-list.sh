#!/usr/bin/env bash
# What one card of the site list costs on the generator's 10M-event, 90-day site: the overview
# route the list uses (visitors and pageviews, total and per day, no visits) against the main +
# timeseries pair it replaced, side by side in one run, server limited as in stats.sh (-Xmx256m,
# DuckDB 256MB, answer cache off). Prints Markdown for PERF.md.
#   RUNS=5 DATA=dir scripts/bench/site-list.sh     (DATA as for stats.sh; generated when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
END=2026-11-20
source scripts/bench/lib.sh
serve_generated_site
range="site_id=example.com&period=custom&from=$(date -d "$END - 29 days" +%F)&to=$END&interval=day"
ms "$base/api/stats/overview?$range" >/dev/null   # warm: file metadata and the JIT
overview=() pair=()
for _ in $(seq 1 "$RUNS"); do
  overview+=("$(ms "$base/api/stats/overview?$range")")
  pair+=("$(( $(ms "$base/api/stats/main?$range") + $(ms "$base/api/stats/timeseries?$range") ))")
done
read -r o50 o95 <<< "$(printf "%s\n" "${overview[@]}" | percentiles)"
read -r p50 p95 <<< "$(printf "%s\n" "${pair[@]}" | percentiles)"
echo "| site card, 30 days | p50 (ms) | p95 (ms) |"
echo "|---|---|---|"
echo "| overview (one query, no visits) | $o50 | $o95 |"
echo "| main + timeseries (before) | $p50 | $p95 |"
echo "ratio of p50: $(awk -v a="$o50" -v b="$p50" 'BEGIN { printf "%.2f", a / b }')"
