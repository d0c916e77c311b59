#!/usr/bin/env bash
# bench/startup.sh - how long Berth takes from `java -jar` to healthy on an existing data directory (embedded
# PostgreSQL), and how long one `berth get services` takes against a running Berth. Prints figures; asserts
# nothing. The machine is shared and noisy: variants are interleaved run by run, so compare ratios.
#
# Server variants (--variants, comma-separated; default jar,aot):
#   jar        java -jar app/target/berth.jar (the fat jar)
#   extracted  java -jar app/target/berth-aot/berth.jar (extracted form, no AOT cache)
#   aot        the extracted form with -XX:AOTCache=app/target/berth-aot/berth.aot (scripts/build-aot-cache.sh,
#              run first when the cache is missing or older than berth.jar)
# Per run: time to /actuator/health UP (polled every 50 ms), and the split from Berth's own log timestamps:
#   jvm+boot   launch -> "Starting embedded PostgreSQL" (JVM, Spring Boot, bean definitions, web server init)
#   pg-bin     zonky's binaries check ("Detected a Linux" -> "Postgres binaries at")
#   pg-start   "Starting embedded PostgreSQL" -> "postmaster startup finished"
#   flyway     first Flyway line -> its last line (validate, nothing to migrate)
#   context    end of Flyway -> "Tomcat started" (JPA, repositories, the rest of the beans)
#   started    launch -> "Started BerthApplication"
#   loop       launch -> "control loop started" (the first pass follows at once)
#   healthy    launch -> /actuator/health answered 200
# CLI: bin/berth get services, --cli-runs times per variant, against Berth started from the fat jar:
#   cli-fast   bin/berth (extracted CLI + its AOT cache, the default)
#   cli-jar    BERTH_CLI_FAST=0 bin/berth (Spring Boot's PropertiesLauncher over the fat jar)
#   cli-java   the JVM command bin/berth runs by default, started directly (bin/berth's own cost is the rest)
#
# Usage: bench/startup.sh [--runs N] [--cli-runs N] [--variants jar,extracted,aot] [--no-cli]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"
berth_find_java

RUNS=5
CLI_RUNS=20
VARIANTS=jar,aot
CLI=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --cli-runs) CLI_RUNS=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    --no-cli) CLI=0; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

JAR=$ROOT/app/target/berth.jar
AOT_DIR=$ROOT/app/target/berth-aot
[ -f "$JAR" ] || { echo "bench/startup: $JAR missing (./mvnw -B package -DskipTests)" >&2; exit 2; }
if [[ ",$VARIANTS," == *,aot,* || ",$VARIANTS," == *,extracted,* ]]; then
    if [ "$(cat "$AOT_DIR/source.stamp" 2>/dev/null)" != "$(stat -c '%s %Y' "$JAR")" ]; then
        "$ROOT/scripts/build-aot-cache.sh"
    fi
fi

WORK=$(mktemp -d /tmp/berth-bench-startup.XXXXXX)
DATA=$WORK/data
PID=
stop_berth() {
    if [ -n "$PID" ]; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
        PID=
    fi
}
trap 'stop_berth; rm -rf "$WORK"' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
HTTP_PORT=$(free_port)
PG_PORT=$(free_port)
DNS_PORT=$(free_port)
ARGS=(--berth.data-dir="$DATA" --server.port="$HTTP_PORT" --berth.embedded-postgres.port="$PG_PORT"
      --berth.discovery.dns.port="$DNS_PORT")
now_ms() { date +%s%3N; }

command_for() {
    case $1 in
        jar) echo "$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -jar $JAR" ;;
        extracted) echo "$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -jar $AOT_DIR/berth.jar" ;;
        aot) echo "$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -XX:AOTCache=$AOT_DIR/berth.aot -jar $AOT_DIR/berth.jar" ;;
        *) echo "unknown variant $1" >&2; exit 2 ;;
    esac
}

# Starts Berth (variant $1, log $2) and waits for health; sets START and UP (epoch ms) and PID. Runs in this
# shell (never in a subshell) so that stop_berth knows the PID.
START=
UP=
start_berth() {
    local cmd start
    cmd=$(command_for "$1")
    start=$(now_ms)
    # shellcheck disable=SC2086
    (cd "$WORK" && exec $cmd "${ARGS[@]}") >"$2" 2>&1 &
    PID=$!
    local deadline=$((start + 300000))
    until curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/actuator/health"; do
        kill -0 "$PID" 2>/dev/null || { echo "bench/startup: Berth exited; log $2:" >&2; tail -30 "$2" >&2; exit 1; }
        [ "$(now_ms)" -lt "$deadline" ] || { echo "bench/startup: not healthy in 300 s" >&2; exit 1; }
        sleep 0.05
    done
    UP=$(now_ms)
    START=$start
}

# Prints the split of one start from its log (launch epoch ms $2, healthy epoch ms $3).
split_of() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys, re, datetime
log, launch, healthy = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
stamps = []
for line in open(log, errors="replace"):
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z?\S*\s+\w+\s.*?:\s(.*)", line)
    if m:
        t = datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=datetime.timezone.utc).timestamp() * 1000
        stamps.append((t, m.group(2), line))
def first(pattern):
    return next((t for t, msg, line in stamps if re.search(pattern, line)), None)
def last(pattern):
    return next((t for t, msg, line in reversed(stamps) if re.search(pattern, line)), None)
pg_begin, pg_end = first("Starting embedded PostgreSQL"), first("postmaster startup finished")
bin_begin, bin_end = first("Detected a Linux"), first("Postgres binaries at")
fw_begin, fw_end = first(r" (org\.flywaydb|o\.f\.)\S* +:"), last(r" (org\.flywaydb|o\.f\.)\S* +:")
tomcat, started, loop = first("Tomcat started"), first("Started BerthApplication"), first("control loop started")
def d(a, b):
    return "   -   " if a is None or b is None else "%7.2f" % ((b - a) / 1000)
print(" ".join([d(launch, pg_begin), d(bin_begin, bin_end), d(pg_begin, pg_end), d(fw_begin, fw_end),
                d(fw_end, tomcat), d(launch, started), d(launch, loop), d(launch, healthy)]))
EOF
}

summary() {  # name, then values (seconds or ms): prints p50 and max
    python3 - "$@" <<'EOF'
import sys, statistics
name, values = sys.argv[1], sorted(float(v) for v in sys.argv[2:])
print("%-10s n=%d  p50 %8.2f  min %8.2f  max %8.2f" % (name, len(values), statistics.median(values), values[0], values[-1]))
EOF
}

echo "bench/startup: commit $(git -C "$ROOT" rev-parse --short HEAD) $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "first start on a fresh data dir (binaries extracted, initdb, migrations; not counted)..."
start_berth jar "$WORK/first.log"
echo "  first start: healthy after $((UP - START)) ms"
stop_berth

IFS=, read -r -a VARS <<<"$VARIANTS"
declare -A HEALTHY
printf '%-4s %-10s %7s %7s %7s %7s %7s %7s %7s %7s   (seconds)\n' run variant jvm+boot pg-bin pg-start flyway context started loop healthy
for run in $(seq 1 "$RUNS"); do
    for v in "${VARS[@]}"; do
        log=$WORK/$v-$run.log
        start_berth "$v" "$log"
        stop_berth
        printf '%-4s %-10s %s\n' "$run" "$v" "$(split_of "$log" "$START" "$UP")"
        HEALTHY[$v]="${HEALTHY[$v]:-} $((UP - START))"
    done
done
echo "time to healthy (ms):"
for v in "${VARS[@]}"; do
    # shellcheck disable=SC2086
    summary "$v" ${HEALTHY[$v]}
done

[ "$CLI" = 1 ] || exit 0
echo "CLI: berth get services against a running Berth ($CLI_RUNS runs per variant, interleaved)"
start_berth jar "$WORK/cli-server.log"
export BERTH_URL=http://127.0.0.1:$HTTP_PORT
BERTH_TOKEN=$(cat "$DATA/admin-token")
export BERTH_TOKEN
"$ROOT/bin/berth" get services >/dev/null 2>&1  # prepares the CLI's fast start once for this build (not counted)
FAST=()
JARRED=()
DIRECT=()
CLI_DIR=$ROOT/app/target/berth-cli
CLI_JAVA=("$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr
          -XX:AOTCache="$CLI_DIR/berth-cli.aot" -cp "$CLI_DIR/berth.jar" io.berth.cli.BerthCli)
for run in $(seq 1 "$CLI_RUNS"); do
    a=$(now_ms); "$ROOT/bin/berth" get services >/dev/null 2>&1; b=$(now_ms)
    BERTH_CLI_FAST=0 "$ROOT/bin/berth" get services >/dev/null 2>&1; c=$(now_ms)
    "${CLI_JAVA[@]}" get services >/dev/null 2>&1; d=$(now_ms)
    FAST+=($((b - a)))
    JARRED+=($((c - b)))
    DIRECT+=($((d - c)))
done
echo "berth get services (ms):"
summary cli-fast "${FAST[@]}"
summary cli-jar "${JARRED[@]}"
summary cli-java "${DIRECT[@]}"
