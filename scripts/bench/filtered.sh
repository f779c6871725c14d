#!/usr/bin/env bash
# Filtered stats questions on the generator's 10M-event, 90-day site, server limited as PERF.md
# measures it (-Xmx256m, DuckDB 256MB, result cache off), next to hand-written DuckDB SQL over the
# same Parquet files in the same run: the events meeting the same condition, counting visitors and
# pageviews (in total, or per value for a breakdown). Waits for the daily rollups (and stored visits)
# to be current first. Prints Markdown for PERF.md, and the server's peak RSS over the whole run,
# the first start's rollup build included when DATA starts without it.
#   EVENTS=10000000 RUNS=5 scripts/bench/filtered.sh        (DATA=dir reuses a generated data directory)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-5}
END=2026-11-20
source scripts/bench/lib.sh
data=${DATA:-$scratch/data}

generate_site "$data" example.com "$EVENTS"
start_limited_server "$data"
await_rollups

# name, endpoint, filters (the API's JSON), the hand-written SQL's group ("-": totals) and condition.
# A visit filter (source) is a condition on the event in SQL: the generator sets the source on a
# visit's first event only, so SQL answers a narrower question there (its first pageviews).
QUESTIONS=$(cat <<'TABLE'
main, page is /pricing	main	[["is","page",["/pricing"]]]	-	pathname = '/pricing'
main, country is DE (none)	main	[["is","country",["DE"]]]	-	country_code = 'DE'
main, source is Google	main	[["is","source",["Google"]]]	-	referrer_source = 'Google'
main, browser is Firefox	main	[["is","browser",["Firefox"]]]	-	browser = 'Firefox'
main, source Google + browser Chrome	main	[["is","source",["Google"]],["is","browser",["Chrome"]]]	-	referrer_source = 'Google' AND browser = 'Chrome'
main, page is not /pricing	main	[["is_not","page",["/pricing"]]]	-	pathname <> '/pricing'
main, page contains "pric"	main	[["contains","page",["pric"]]]	-	contains(pathname, 'pric')
main, page matches /blog/*	main	[["matches_wildcard","page",["/blog/*"]]]	-	pathname LIKE '/blog/%'
timeseries, page is /pricing	timeseries	[["is","page",["/pricing"]]]	date_trunc('day', "timestamp")	pathname = '/pricing'
timeseries, source is Google	timeseries	[["is","source",["Google"]]]	date_trunc('day', "timestamp")	referrer_source = 'Google'
pages, source is Google	breakdown/pages	[["is","source",["Google"]]]	pathname	referrer_source = 'Google' AND event_name = 'pageview'
pages, page matches /blog/*	breakdown/pages	[["matches_wildcard","page",["/blog/*"]]]	pathname	pathname LIKE '/blog/%' AND event_name = 'pageview'
sources, page is /pricing	breakdown/sources	[["is","page",["/pricing"]]]	referrer_source	pathname = '/pricing'
browsers, page is /pricing	breakdown/browsers	[["is","page",["/pricing"]]]	browser	pathname = '/pricing'
os, source is Google	breakdown/os	[["is","source",["Google"]]]	os	referrer_source = 'Google'
devices, page is /pricing	breakdown/devices	[["is","page",["/pricing"]]]	device_type	pathname = '/pricing'
countries, browser is Firefox	breakdown/countries	[["is","browser",["Firefox"]]]	country_code	browser = 'Firefox'
entry pages, page is /pricing	breakdown/entry_pages	[["is","page",["/pricing"]]]	n/a	pathname = '/pricing'
TABLE
)

declare -A server_ms baseline_ms
for days in 30 90; do
  from=$(date -d "$END - $((days - 1)) days" +%F)
  while IFS=$'\t' read -r name endpoint filters _ _; do
    url="$base/api/stats/$endpoint?site_id=example.com&start_date=$from&end_date=$END&filters=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$filters")"
    ms "$url" >/dev/null  # warm: files in the page cache
    server_ms[$days/$name]=$(for _ in $(seq 1 "$RUNS"); do ms "$url"; done | percentiles)
  done <<< "$QUESTIONS"
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
stop_server

duckdb_jar=$(find ~/.m2/repository/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | sort | tail -1)
for days in 30 90; do
  from=$(date -d "$END - $((days - 1)) days" +%F)
  until=$(date -d "$END + 1 day" +%F)
  while read -r line; do
    name=${line% * *}
    baseline_ms[$days/$name]=${line#"$name "}
  done < <(cut -f1,4,5 <<< "$QUESTIONS" | "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$duckdb_jar" \
    scripts/bench/baseline/BaselineSql.java filtered "$data/events/site_id=example.com/*/*.parquet" "$from 00:00:00" "$RUNS" "$until 00:00:00" 2>/dev/null)
done

echo "| question | 30d p50 / p95 (ms) | 30d SQL p50 | ratio | 90d p50 / p95 (ms) | 90d SQL p50 | ratio |"
echo "|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r name _; do
  row="| $name"
  for days in 30 90; do
    read -r p50 p95 <<< "${server_ms[$days/$name]}"
    read -r b50 _ <<< "${baseline_ms[$days/$name]:-}"
    if [[ "${b50:-}" =~ ^[0-9]+$ ]]; then
      row="$row | $p50 / $p95 | $b50 | $(python3 -c "print(f'{$p50 / max($b50, 1):.2f}')")"
    else
      row="$row | $p50 / $p95 | ${baseline_ms[$days/$name]:-–} | –"
    fi
  done
  echo "$row |"
done <<< "$QUESTIONS"
echo
echo "Peak RSS of the server during the run: $((rss_kb / 1024)) MB (VmHWM)."
