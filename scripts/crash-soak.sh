#!/usr/bin/env bash
# More rounds of the SIGKILL crash-safety test than the suite runs: scripts/crash-soak.sh 50
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-50}
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
./mvnw -B verify -pl bootstrap -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrashSafetyIT -Dcrash.rounds="$ROUNDS"
