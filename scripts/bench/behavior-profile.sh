#!/usr/bin/env bash
# Diagnostic, not a benchmark: the four behavioral questions of behavior.sh, four times each, on a
# server recording Java Flight Recorder's profile; prints each answer's time (slower than
# behavior.sh: the recording costs), the garbage collections, and the hottest Java frames.
#   DATA=dir scripts/bench/behavior-profile.sh     (DATA as for behavior.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
END=2026-11-20
source scripts/bench/lib.sh
recording=$scratch/behavior.jfr
EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=$recording,settings=profile,dumponexit=true" serve_generated_site

from=$(date -d "$END - 89 days" +%F)
range="site_id=example.com&start_date=$from&end_date=$END"
for question in "funnel?$range&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day" \
    "sequences?$range&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)" \
    "flow?$range&page=/&depth=3" "retention?site_id=example.com&period=week&periods=12"; do
  echo "${question%%\?*}: $(for _ in 1 2 3 4; do ms "$base/api/stats/$question"; done | tr '\n' ' ')ms"
done
stop_server

jfr=$JAVA_HOME/bin/jfr
"$jfr" summary "$recording" | awk '$1 == "jdk.GarbageCollection" || $1 == "jdk.OldGarbageCollection" {print $1 ": " $2}'
echo "hottest Java frames (samples):"
"$jfr" print --events jdk.ExecutionSample "$recording" | awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/\(.*/, ""); print}' \
  | sort | uniq -c | sort -rn | head -15
