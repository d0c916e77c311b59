#!/usr/bin/env bash
# bench/simulated-cluster.sh - places and persists N tasks on M simulated hosts through Berth's real scheduler
# (Scheduler.defaults()) and store (JpaStateStore.placeTasks: claims, PostgreSQL COPY, remaining) against a real PostgreSQL 17 in a
# container, then checks the database (exact task count, no host over-committed). Prints placements/s, time split
# (placement vs persistence), peak heap and RSS, and the ratio to the goal (1,000,000 tasks in 60 s).
# Asserts nothing about time: exit 1 only when the check finds the stored placements wrong (or the run fails).
#
# Usage: bench/simulated-cluster.sh [--tasks N] [--hosts M] [--tasks-per-service K] [--db durable|fast]
#                                   [--no-reload] [--no-build]
#   defaults: --tasks 100000 --hosts 1000 --tasks-per-service 1000 --db durable
#   bench/simulated-cluster.sh --tasks 1000000 --hosts 10000      # the issue's big run
# Environment: BENCH_JAVA_OPTS (default -Xmx4g), BENCH_RESULTS_DIR (default bench/results).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

BUILD=auto
ARGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-build) BUILD=never; shift ;;
    --build) BUILD=always; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

MODULE="$ROOT/bench/simulated-cluster"
CLASSPATH_FILE="$MODULE/target/classpath.txt"
RESULTS_DIR=${BENCH_RESULTS_DIR:-$HERE/results}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx4g}
LABEL=berth.bench=simulated-cluster

berth_find_java
"$ROOT/scripts/ensure-docker.sh" >/dev/null
"$ROOT/scripts/ensure-postgres-image.sh" >/dev/null

if [[ $BUILD == always || ( $BUILD == auto && ! -s $CLASSPATH_FILE ) ]]; then
  echo "building the benchmark (./mvnw -pl bench/simulated-cluster -am package -DskipTests) ..." >&2
  (cd "$ROOT" && { ./mvnw -B -q -o -pl bench/simulated-cluster -am package -DskipTests \
                   || ./mvnw -B -q -pl bench/simulated-cluster -am package -DskipTests; }) >&2
fi
[[ -s $CLASSPATH_FILE ]] || { echo "simulated-cluster: $CLASSPATH_FILE missing; run without --no-build" >&2; exit 1; }

# The run's own PostgreSQL container is stopped by the JVM; a killed JVM leaves it behind: remove by label.
cleanup() { docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1 || true; }
trap cleanup EXIT

mkdir -p "$RESULTS_DIR"
JSON="$RESULTS_DIR/simulated-cluster-$(date -u +%Y%m%dT%H%M%SZ).json"
# No registry here: Testcontainers must neither pull Ryuk nor look for a gateway image.
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(docker ps -q | wc -l) running containers;" \
     "java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2) $JAVA_OPTS; tree $(git -C "$ROOT" rev-parse --short HEAD)"
status=0
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $JAVA_OPTS --enable-native-access=ALL-UNNAMED \
  -cp "$MODULE/target/classes:$(cat "$CLASSPATH_FILE")" \
  io.berth.bench.simcluster.SimulatedClusterBenchmark "${ARGS[@]}" --json "$JSON" || status=$?
[[ -s $JSON ]] && echo "figures as JSON: $JSON"
exit $status
