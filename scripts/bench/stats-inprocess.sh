#!/usr/bin/env bash
# The stats adapter without HTTP next to hand-written DuckDB SQL, both at memory_limit=256MB, over a
# generated data directory (scripts/bench/stats.sh or `generate` makes one), for 30 and 90 days.
# Prints a Markdown table for PERF.md.
#   DATA=/path/to/data RUNS=3 scripts/bench/stats-inprocess.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATA:?set DATA to a data directory holding the generated example.com}"
RUNS=${RUNS:-3}
END=${END:-2026-11-20}
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
[ -d adapters-duckdb/target/classes ] || ./mvnw -q -B -DskipTests install
m2=~/.m2/repository
cp="domain/target/classes:application/target/classes:adapters-duckdb/target/classes"
cp="$cp:$(find $m2/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | sort | tail -1):$(find $m2/org/slf4j/slf4j-api -name 'slf4j-api-2*.jar' | sort | tail -1)"
java=("$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$cp")

echo "| question | days | adapter p50 / p95 (ms) | hand-written SQL p50 / p95 (ms) | ratio |"
echo "|---|---|---|---|---|"
for days in 30 90; do
  from=$(date -d "$END - $((days - 1)) days" +%F)
  declare -A adapter=() baseline=()
  while read -r name rest; do adapter[$name]=$rest; done < <("${java[@]}" scripts/bench/baseline/StatsInProcess.java "$DATA" "$END" "$days" "$RUNS" 2>/dev/null)
  while read -r name rest; do baseline[$name]=$rest; done < <("${java[@]}" scripts/bench/baseline/BaselineSql.java stats \
    "$DATA/events/site_id=example.com/*/*.parquet" "$from 00:00:00" "$RUNS" 2>/dev/null)
  for name in main timeseries pages sources browsers os devices countries; do
    a=${adapter[$name]:-missing}; b=${baseline[$name]:-missing}
    ratio=$(python3 -c "a='$a'.split(); b='$b'.split(); print(f'{int(a[0]) / max(int(b[0]), 1):.2f}' if a[0].isdigit() and b[0].isdigit() else '–')")
    echo "| $name | $days | ${a/ / \/ } | ${b/ / \/ } | $ratio |"
  done
done
