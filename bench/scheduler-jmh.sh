#!/usr/bin/env bash
# bench/scheduler-jmh.sh - JMH benchmarks of Berth's scheduler core (bench/scheduler-jmh, Maven profile "jmh"):
# one placement decision against 1,000 and 10,000 hosts, the per-task cost inside a 100-task call, and the parts of a
# decision (load copy, filters over every host, scores over every host). Prints JMH's table; asserts nothing.
#
# Usage: bench/scheduler-jmh.sh [--no-build] [JMH options...]
#   bench/scheduler-jmh.sh                          # everything, 1 fork, 3x2 s warm-up, 5x2 s measurement
#   bench/scheduler-jmh.sh placeOne -p hosts=10000  # one benchmark, one size
#   bench/scheduler-jmh.sh -prof gc                 # with allocation rates
# Results also as JSON in bench/results/scheduler-jmh-<UTC timestamp>.json.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

BUILD=auto
if [[ ${1:-} == --no-build ]]; then BUILD=never; shift; fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

JAR="$ROOT/bench/scheduler-jmh/target/benchmarks.jar"
berth_find_java
if [[ $BUILD == auto ]]; then
  echo "building the benchmarks (./mvnw -Pjmh -pl bench/scheduler-jmh -am package -DskipTests) ..." >&2
  (cd "$ROOT" && { ./mvnw -B -q -o -Pjmh -pl bench/scheduler-jmh -am package -DskipTests \
                   || ./mvnw -B -q -Pjmh -pl bench/scheduler-jmh -am package -DskipTests; }) >&2
fi
[[ -s $JAR ]] || { echo "scheduler-jmh: $JAR missing; run without --no-build" >&2; exit 1; }

RESULTS_DIR=${BENCH_RESULTS_DIR:-$HERE/results}
mkdir -p "$RESULTS_DIR"
JSON="$RESULTS_DIR/scheduler-jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); tree $(git -C "$ROOT" rev-parse --short HEAD)"
"$JAVA_HOME/bin/java" -jar "$JAR" -rf json -rff "$JSON" "$@"
echo "results as JSON: $JSON"
