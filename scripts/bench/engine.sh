#!/usr/bin/env bash
# Behavioral engine throughput (JMH, one thread, -Xmx256m): each function over the same 1M events of
# 200k visitors; scores are events/s. Prints JMH's table for PERF.md.
#   scripts/bench/engine.sh [JMH options, e.g. -f 1 -wi 3 -i 5 or a benchmark name regex]
set -euo pipefail
cd "$(dirname "$0")/../.."
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
./mvnw -q -B -pl domain -am install -DskipTests
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
./mvnw -q -B -pl domain dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null
"$JAVA_HOME/bin/java" -cp "domain/target/test-classes:domain/target/classes:$(cat "$classpath")" \
  org.openjdk.jmh.Main 'io.mallard.domain.behavior.bench.EngineBenchmark' "$@" 2>&1 \
  | sed -n '/^Benchmark /,$p'
