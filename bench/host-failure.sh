#!/usr/bin/env bash
# bench/host-failure.sh - host-failure replacement time on the netns cluster (scripts/cluster-up.sh):
# Berth runs a service across berth-h1..3; the host with the most of its tasks fails (alternately a network
# partition - link cut, engine alive - and a crash: dockerd, containerd and its containers SIGKILLed), and we time how long until every task runs again
# on the other hosts. Then the host comes back and we wait until its stale containers are gone.
# Prints each failure and p50 / max; asserts nothing about time.
#
# Usage: bench/host-failure.sh [--failures N] [--tasks N] [--build|--no-build]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FAILURES=${BENCH_FAILURES:-6}
TASKS=${BENCH_TASKS:-6}
BUILD=${BENCH_BUILD:-auto}
PORT=${BENCH_BERTH_PORT:-18081}
JAR=$ROOT/app/target/berth.jar
TOKEN=bench-admin-token-of-at-least-32-chars
CLUSTER=hostfail
SVC=hfweb
REPLACE_TIMEOUT=90
HOSTS=(berth-h1 berth-h2 berth-h3)
TLS=/var/lib/berth-hosts/tls

while [[ $# -gt 0 ]]; do
  case $1 in
    --failures) FAILURES=$2; shift 2 ;;
    --tasks) TASKS=$2; shift 2 ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "host-failure: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ $FAILURES =~ ^[1-9][0-9]*$ && $TASKS =~ ^[1-9][0-9]*$ ]] || { echo "host-failure: --failures and --tasks must be >= 1" >&2; exit 2; }

say() { echo "[host-failure] $*" >&2; }
die() { echo "[host-failure] ERROR: $*" >&2; KEEP_WORK=1; exit 1; }
for tool in curl jq docker flock; do command -v $tool >/dev/null || die "'$tool' is required"; done
. "$ROOT/scripts/lib.sh"
berth_find_java >/dev/null || die "no JDK 25 (set JAVA_HOME)"

# The cluster's hosts are shared with the tests that stop and cut them: take their lock for the whole run.
exec 7>/tmp/berth-cluster.lock
flock 7
# Nothing started from here may inherit the lock: a dockerd restarted by cluster-host.sh would hold it for
# its whole life.
cluster_host() { "$ROOT/scripts/cluster-host.sh" "$@" 7>&-; }
"$ROOT/scripts/ensure-cluster.sh" >/dev/null 7>&-

endpoint() { awk -v h="$1" '$1 == h {print $2}' /run/berth-hosts/hosts; }
on_host() { local h=$1; shift; DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST=$(endpoint "$h") timeout 5 docker "$@"; }
running_on() { on_host "$1" ps -q --filter "label=berth.service=$SVC" 2>/dev/null | wc -l; }
now_ns() { local t=$EPOCHREALTIME; echo "${t//[.,]/}000"; }
fmt_s() { printf '%d.%03d' $(($1 / 1000000000)) $((($1 / 1000000) % 1000)); }
api() { curl -sS --fail-with-body --max-time 60 -H "Authorization: Bearer $TOKEN" "$@"; }
json() { api -H 'Content-Type: application/json' "$@"; }
url() { echo "http://127.0.0.1:$PORT$1"; }

if [[ $BUILD == always || ( $BUILD == auto && ! -f $JAR ) ]]; then
  say "building $JAR"; (cd "$ROOT" && ./mvnw -B -q package -DskipTests) >/dev/null
fi
[[ -f $JAR ]] || die "$JAR missing (drop --no-build)"

WORK=$(mktemp -d /tmp/berth-hostfail.XXXXXX)
cleanup() {
  set +e
  for h in "${HOSTS[@]}"; do cluster_host heal "$h" >/dev/null 2>&1; cluster_host start "$h" >/dev/null 2>&1; done
  if [[ -f $WORK/pid ]]; then
    api -X DELETE "$(url "/v1/clusters/$CLUSTER/services/$SVC?wait=true&timeout=60s")" >/dev/null 2>&1
    kill "$(cat "$WORK/pid")" 2>/dev/null; wait "$(cat "$WORK/pid")" 2>/dev/null
  fi
  for h in "${HOSTS[@]}"; do on_host "$h" ps -aq --filter "label=berth.service=$SVC" 2>/dev/null | xargs -r -I{} env DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST="$(endpoint "$h")" docker rm -f {} >/dev/null 2>&1; done
  if [[ ${KEEP_WORK:-0} == 1 ]]; then echo "[host-failure] Berth's log and answers kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

say "starting Berth on :$PORT"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" --berth.data-dir="$WORK/data" \
  --server.port="$PORT" --berth.security.admin-token="$TOKEN" --berth.embedded-postgres.port=0 --berth.instances.tls-cert-dir="$TLS" >"$WORK/berth.log" 2>&1 </dev/null 7>&- &
echo $! >"$WORK/pid"
for _ in $(seq 1 600); do curl -s --max-time 2 "$(url /actuator/health)" | grep -q UP && break; sleep 0.5; done
curl -s --max-time 2 "$(url /actuator/health)" | grep -q UP || { tail -20 "$WORK/berth.log" >&2; die "Berth did not start"; }

json -X POST "$(url /v1/clusters)" -d "{\"name\": \"$CLUSTER\"}" >"$WORK/cluster.out" || die "creating cluster $CLUSTER failed"
for i in 0 1 2; do
  h=${HOSTS[$i]}
  json -X POST "$(url "/v1/clusters/$CLUSTER/container-instances")" \
    -d "{\"endpoint\": \"$(endpoint "$h")\", \"tlsCertPath\": \"$TLS\", \"attributes\": {\"bench\": \"$h\"}}" \
    >"$WORK/register-$h.out" || die "registering $h failed: $(cat "$WORK/register-$h.out")"
done
api -X POST -H 'Content-Type: application/yaml' "$(url /v1/apply)" --data-binary @- >"$WORK/apply.out" <<YAML || die "apply failed: $(cat "$WORK/apply.out")"
apiVersion: berth/v1
kind: TaskDefinition
metadata: {name: $SVC}
spec:
  containers:
    - {name: httpd, image: busybox:1.36, command: [httpd, -f, -p, "8080", -h, /], cpu: 16, memory: 32}
---
apiVersion: berth/v1
kind: Service
metadata: {name: $SVC, cluster: $CLUSTER}
spec: {taskDefinition: $SVC, desiredCount: $TASKS}
YAML

total_running() { local n=0 h; for h in "${HOSTS[@]}"; do n=$((n + $(running_on "$h"))); done; echo $n; }
wait_until() { local limit=$1; shift; local end=$(($(now_ns) + limit * 1000000000)); until "$@"; do (($(now_ns) < end)) || return 1; sleep 0.1; done; }
converged() { [[ $(total_running) -eq $TASKS ]]; }
wait_until 180 converged || die "the service did not reach $TASKS running tasks (apply answered: $(head -c 600 "$WORK/apply.out"); service: $(api "$(url "/v1/clusters/$CLUSTER/services/$SVC")" | head -c 800))"
say "$TASKS tasks running: $(for h in "${HOSTS[@]}"; do printf '%s=%s ' "$h" "$(running_on "$h")"; done)"

others_hold_all() { local n=0 h; for h in "${HOSTS[@]}"; do [[ $h == "$1" ]] || n=$((n + $(running_on "$h"))); done; [[ $n -ge $TASKS ]]; }
failed_host_clean() { [[ $(running_on "$1") -eq 0 ]] && converged; }

results=()
for k in $(seq 1 "$FAILURES"); do
  victim= most=-1
  for h in "${HOSTS[@]}"; do c=$(running_on "$h"); ((c > most)) && { most=$c; victim=$h; }; done
  # A partition (link cut, engine and containers alive) and a crash (dockerd, containerd and the containers all
  # SIGKILLed at once, as when the machine dies). Not a graceful `stop`: dockerd first stops its containers while
  # still answering, so Berth sees them exit and replaces them before the host is gone - a shutdown, not a failure.
  if ((k % 2)); then mode=cut; undo=heal; else mode=crash; undo=start; fi
  t0=$(now_ns)
  cluster_host "$mode" "$victim" >/dev/null 2>&1
  if wait_until "$REPLACE_TIMEOUT" others_hold_all "$victim"; then
    d=$(($(now_ns) - t0)); results+=("$d")
    say "failure $k: $mode $victim ($most tasks) -> all $TASKS running elsewhere after $(fmt_s $d) s"
  else
    say "failure $k: $mode $victim ($most tasks) -> NOT replaced within ${REPLACE_TIMEOUT}s"; results+=(timeout)
  fi
  cluster_host "$undo" "$victim" >/dev/null 2>&1
  h0=$(now_ns)
  if wait_until 90 failed_host_clean "$victim"; then
    say "           $undo $victim -> its stale containers gone, $TASKS running, after $(fmt_s $(($(now_ns) - h0))) s"
  else
    say "           $undo $victim -> stale containers still there after 90 s ($(running_on "$victim") running, total $(total_running))"
  fi
  sleep 3
done

mapfile -t sorted < <(printf '%s\n' "${results[@]}" | grep -v timeout | sort -n)
timeouts=$(printf '%s\n' "${results[@]}" | grep -c timeout || true)
echo
echo "host failure -> tasks replaced on other hosts ($FAILURES failures, $TASKS tasks, grace = Berth's host-lost-grace)"
if ((${#sorted[@]})); then
  echo "  p50 $(fmt_s "${sorted[$(((${#sorted[@]} - 1) / 2))]}") s   min $(fmt_s "${sorted[0]}") s   max $(fmt_s "${sorted[-1]}") s   timeouts $timeouts"
else
  echo "  no failure was replaced within ${REPLACE_TIMEOUT}s"
fi
