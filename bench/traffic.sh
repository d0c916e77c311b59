#!/usr/bin/env bash
# bench/traffic.sh - requests through Berth's load balancer and through Docker Swarm's routing mesh while the
# service behind them changes. Same workload for both: 6 busybox httpd tasks (each answers its hostname, /health
# for checks, container health check `wget` every 1 s), an open-loop load of RATE requests/s (bench/traffic/
# TrafficLoad.java) running for a fixed window per phase, the action starting ACTION_AT seconds into it.
#
#   Berth (the netns hosts berth-h1..3, HAProxy on berth-h1):  (a) rolling update to a new revision,
#         (b) scale-in 6 -> 2, (c) drain of one host (DRAINING through the API), (d) docker kill of one task,
#         (e) crash of one host other than the balancer's (started again right after)
#   Swarm (the local engine, routing mesh):  update with the defaults, update --update-order start-first,
#         scale-in 6 -> 2, docker kill of one task
#   Before the phases, Berth's overhead: rounds of the same load on the 6 tasks called directly in turn and through
#   the load balancer, interleaved; Swarm: a quiet window on one task directly and one through the mesh.
#
# Per window: requests sent, failed (non-2xx, connection errors, timeouts), p50 / p99 latency of the answered
# requests, when the action was done, and the requests each target served. Prints figures; asserts nothing.
#
# Usage: bench/traffic.sh [--targets berth,swarm] [--rate N] [--window SECONDS] [--build|--no-build]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

TARGETS=${BENCH_TARGETS:-berth,swarm}
RATE=${BENCH_RATE:-100}
WINDOW=${BENCH_WINDOW_SECONDS:-30}
SHORT_WINDOW=${BENCH_SHORT_WINDOW_SECONDS:-20}
STEADY=${BENCH_STEADY_SECONDS:-10}
OVERHEAD_ROUNDS=${BENCH_OVERHEAD_ROUNDS:-6}
OVERHEAD_SECONDS=${BENCH_OVERHEAD_SECONDS:-10}
ACTION_AT=${BENCH_ACTION_AT_SECONDS:-3}
REQUEST_TIMEOUT_MS=${BENCH_REQUEST_TIMEOUT_MS:-5000}
BUILD=${BENCH_BUILD:-auto}
BERTH_PORT=${BENCH_BERTH_PORT:-18082}
LB_PORT=${BENCH_LB_PORT:-18480}
MESH_PORT=${BENCH_MESH_PORT:-18481}
BERTH_JAR=${BENCH_BERTH_JAR:-$ROOT/app/target/berth.jar}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}
TOKEN=bench-admin-token-of-at-least-32-chars
CLUSTER=traffic
SVC=trafficweb
TASKS=6
SCALED=2
IMAGE=busybox:1.36
HAPROXY_IMAGE=berth/haproxy:2.6
SERVE='mkdir -p /www && hostname > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www'
CHECK='wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1'
HOSTS=(berth-h1 berth-h2 berth-h3)
LB_HOST=berth-h1
TLS=/var/lib/berth-hosts/tls

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --targets) TARGETS=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "traffic: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ $RATE =~ ^[1-9][0-9]*$ && $RATE -le 2000 ]] || { echo "traffic: --rate must be 1..2000" >&2; exit 2; }
for w in "$WINDOW" "$SHORT_WINDOW"; do
  [[ $w =~ ^[1-9][0-9]*$ && $w -gt $ACTION_AT && $w -le 300 ]] || { echo "traffic: windows must be $((ACTION_AT + 1))..300 s" >&2; exit 2; }
done
IFS=', ' read -r -a TARGET_LIST <<<"$TARGETS"
for t in "${TARGET_LIST[@]}"; do
  [[ $t == berth || $t == swarm ]] || { echo "traffic: unknown target '$t' (berth, swarm)" >&2; exit 2; }
done
export DOCKER_HOST=unix:///var/run/docker.sock

say()  { echo "[traffic] $*" >&2; }
warn() { echo "[traffic] WARNING: $*" >&2; }
die()  { echo "[traffic] ERROR: $*" >&2; KEEP_WORK=1; exit 1; }
for tool in docker curl jq awk flock; do command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required"; done
. "$ROOT/scripts/lib.sh"
berth_find_java >/dev/null || die "no JDK 25 found (set JAVA_HOME)"

now_ns() { local t=$EPOCHREALTIME; t=${t//[.,]/}; echo "${t}000"; }
now_ms() { echo $(($(now_ns) / 1000000)); }
fmt_s() { printf '%d.%03d' $(($1 / 1000000000)) $((($1 / 1000000) % 1000)); }
wait_until() { # wait_until SECONDS COMMAND...: polls every 0.2 s, 1 when the time is up
  local end=$(($(now_ns) + $1 * 1000000000)); shift
  until "$@"; do (($(now_ns) < end)) || return 1; sleep 0.2; done
}

WORK=$(mktemp -d /tmp/berth-traffic.XXXXXX)
mkdir -p "$RESULTS_DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ROWS=()   # "system|phase|json file|action note"
NOTES=()  # "system|why it was not (fully) measured"

# ---------------------------------------------------------------- the load generator (one JVM for every window)
LOAD_PID=""
load_start() {
  mkfifo "$WORK/load.in"
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m "$HERE/traffic/TrafficLoad.java" \
    <"$WORK/load.in" >"$WORK/load.log" 2>&1 &
  LOAD_PID=$!
  exec 8>"$WORK/load.in"
}
load_stop() {
  [[ -n $LOAD_PID ]] || return 0
  exec 8>&- 2>/dev/null || true
  local i; for ((i = 0; i < 50; i++)); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.1; done
  kill "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""
}
load_begin() { # load_begin URL SECONDS OUT: starts a window (returns at once)
  rm -f "$3"
  echo "$1 $RATE $2 $REQUEST_TIMEOUT_MS $3" >&8
}
load_end() { # load_end SECONDS OUT: waits (bounded) for the window's result
  wait_until $(($1 + REQUEST_TIMEOUT_MS / 1000 + 30)) test -s "$2" || die "the load generator gave no result for $2: $(tail -5 "$WORK/load.log")"
}
window() { # window SYSTEM PHASE URL SECONDS [NOTE]: a window without an action
  local out=$WORK/$1-$(echo "$2" | tr -c 'a-z0-9' '-').json
  load_begin "$3" "$4" "$out"; load_end "$4" "$out"
  [[ $1 != Berth ]] || haproxy_view "$out"
  ROWS+=("$1|$2|$out|${5:--}")
  say "$1 $2: $(jq -r '"\(.requests) requests, \(.failed) failed, p50 \(.p50Ms) ms, p99 \(.p99Ms) ms"' "$out")"
}
# phase SYSTEM PHASE URL ACTION DONE LIMIT SECONDS: a window of SECONDS; ACTION (a function) runs $ACTION_AT s into
# it, then DONE is polled (at most LIMIT s) - the row notes when it held, seconds after the action began.
phase() {
  local system=$1 name=$2 url=$3 action=$4 done_check=$5 limit=$6 seconds=$7
  local out=$WORK/$system-$(echo "$name" | tr -c 'a-z0-9' '-').json note t0 t1
  [[ $system != Berth ]] || record_task_ids
  load_begin "$url" "$seconds" "$out"
  sleep "$ACTION_AT"
  say "$system $name: action"
  t0=$(now_ns)
  now_ms >"$out.action"
  if "$action"; then
    if wait_until "$limit" $done_check; then  # may carry an argument: unquoted
      t1=$(now_ns); note="done $(fmt_s $((t1 - t0))) s"
      [[ $system != Berth ]] || record_task_ids
      (( (t1 - t0) / 1000000000 + ACTION_AT < seconds )) || note="$note (after the window)"
    else
      note="NOT done after ${limit} s"
    fi
  else
    note="action failed"
  fi
  load_end "$seconds" "$out"
  [[ $system != Berth ]] || haproxy_view "$out"
  ROWS+=("$system|$name|$out|$note")
  say "$system $name: $note; $(jq -r '"\(.requests) requests, \(.failed) failed, p50 \(.p50Ms) ms, p99 \(.p99Ms) ms"' "$out")"
}

# ---------------------------------------------------------------- the netns hosts
endpoint() { awk -v h="$1" '$1 == h {print $2}' /run/berth-hosts/hosts; }
host_ip() { endpoint "$1" | sed -E 's#tcp://([^:]+):.*#\1#'; }
on_host() { local h=$1; shift; DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST=$(endpoint "$h") timeout 20 docker "$@"; }
tasks_on() { on_host "$1" ps -q --filter "label=berth.service=$SVC" --filter "label=berth.cluster=$CLUSTER" --filter status=running 2>/dev/null | wc -l; }
healthy_on() { on_host "$1" ps -q --filter "label=berth.service=$SVC" --filter "label=berth.cluster=$CLUSTER" --filter health=healthy 2>/dev/null | wc -l; }
berth_running() { local n=0 h; for h in "${HOSTS[@]}"; do n=$((n + $(tasks_on "$h"))); done; echo $n; }
berth_healthy() { local n=0 h; for h in "${HOSTS[@]}"; do n=$((n + $(healthy_on "$h"))); done; echo $n; }

# ---------------------------------------------------------------- Berth
BERTH_PID=""
HAPROXY_LOADED=0
api() { curl -sS --max-time 130 -H "Authorization: Bearer $TOKEN" "$@"; }
url() { echo "http://127.0.0.1:$BERTH_PORT$1"; }
manifest() { # manifest REVISION COUNT
  cat <<YAML
apiVersion: berth/v1
kind: TaskDefinition
metadata: {name: $SVC}
spec:
  containers:
    - name: httpd
      image: $IMAGE
      command: [sh, -c, '$SERVE']
      environment: {VERSION: "$1"}
      cpu: 16
      memory: 32
      portMappings: [{containerPort: 8080}]
      linuxParameters: {initProcessEnabled: true}
      healthCheck: {command: [CMD-SHELL, '$CHECK'], interval: 1s, timeout: 3s, retries: 3, startPeriod: 10s}
---
apiVersion: berth/v1
kind: TargetGroup
metadata: {name: $SVC, cluster: $CLUSTER}
spec:
  protocol: HTTP
  healthCheck: {path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2}
  deregistrationDelay: 5s
---
apiVersion: berth/v1
kind: LoadBalancer
metadata: {name: $SVC, cluster: $CLUSTER}
spec:
  placement: "attribute:traffic-role == edge"
  listeners:
    - {port: $LB_PORT, protocol: HTTP, defaultTargetGroup: $SVC}
---
apiVersion: berth/v1
kind: Service
metadata: {name: $SVC, cluster: $CLUSTER}
spec:
  taskDefinition: $SVC
  desiredCount: $2
  deployment: {minimumHealthyPercent: 100, maximumPercent: 200}
  loadBalancers: [{targetGroup: $SVC, containerName: httpd, containerPort: 8080}]
YAML
}
berth_apply() { # berth_apply REVISION COUNT: ?wait=true, 0 when it answered 200
  local code
  code=$(api -o "$WORK/apply.out" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
    --data-binary "$(manifest "$1" "$2")" "$(url '/v1/apply?wait=true&timeout=120s')") || code=000
  [[ $code == 200 ]] || { warn "apply of revision $1 x $2 answered $code: $(head -c 400 "$WORK/apply.out")"; return 1; }
}
healthy_targets() { api "$(url "/v1/clusters/$CLUSTER/target-groups/$SVC/targets")" 2>/dev/null | jq '[.[] | select(.health.state == "healthy")] | length' 2>/dev/null || echo 0; }
berth_steady() { # COUNT tasks running and healthy in the engine, COUNT healthy targets, the listener answers
  [[ $(berth_healthy) -eq $1 && $(berth_running) -eq $1 && $(healthy_targets) -eq $1 ]] \
    && curl -s -o /dev/null --max-time 2 "http://$(host_ip $LB_HOST):$LB_PORT/"
}
lb_url() { echo "http://$(host_ip $LB_HOST):$LB_PORT/"; }

berth_start() {
  if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && [[ $(head -c 2 "$BERTH_JAR" 2>/dev/null) != PK ]]; }; then
    say "berth: building $BERTH_JAR"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests) >"$WORK/build.log" 2>&1 || die "build failed: $(grep -m1 ERROR "$WORK/build.log")"
  fi
  [[ $(head -c 2 "$BERTH_JAR" 2>/dev/null) == PK ]] || die "$BERTH_JAR missing (drop --no-build)"
  # HAProxy runs on berth-h1; no registry is reachable, so its image is copied there from the local engine.
  "$ROOT/scripts/ensure-haproxy-image.sh" >&2 7>&- || die "scripts/ensure-haproxy-image.sh failed"
  if ! on_host $LB_HOST image inspect "$HAPROXY_IMAGE" >/dev/null 2>&1; then
    say "berth: copying $HAPROXY_IMAGE to $LB_HOST"
    docker save "$HAPROXY_IMAGE" | DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST=$(endpoint $LB_HOST) timeout 180 docker load -q >/dev/null \
      || die "could not load $HAPROXY_IMAGE into $LB_HOST"
    HAPROXY_LOADED=1
  fi
  say "berth: starting on :$BERTH_PORT"
  mkdir -p "$WORK/berth"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$BERTH_JAR" --berth.data-dir="$WORK/berth" \
    --server.port="$BERTH_PORT" --berth.security.admin-token="$TOKEN" --berth.embedded-postgres.port=0 \
    --berth.instances.tls-cert-dir="$TLS" >"$WORK/berth.log" 2>&1 </dev/null 7>&- &
  BERTH_PID=$!
  wait_until 180 bash -c "curl -s --max-time 2 $(url /actuator/health) | grep -q UP" || die "Berth did not start: $(tail -5 "$WORK/berth.log")"
  api --fail-with-body -H 'Content-Type: application/json' -X POST "$(url /v1/clusters)" -d "{\"name\": \"$CLUSTER\"}" >"$WORK/cluster.out" \
    || die "creating cluster $CLUSTER failed: $(cat "$WORK/cluster.out")"
  local h role
  for h in "${HOSTS[@]}"; do
    role=worker; [[ $h == "$LB_HOST" ]] && role=edge
    api --fail-with-body -H 'Content-Type: application/json' -X POST "$(url "/v1/clusters/$CLUSTER/container-instances")" \
      -d "{\"endpoint\": \"$(endpoint "$h")\", \"tlsCertPath\": \"$TLS\", \"attributes\": {\"traffic-role\": \"$role\", \"traffic-host\": \"$h\"}}" \
      >"$WORK/register-$h.out" || die "registering $h failed: $(cat "$WORK/register-$h.out")"
  done
}
berth_stop() {
  [[ -n $BERTH_PID ]] || return 0
  api -o /dev/null -X DELETE "$(url "/v1/clusters/$CLUSTER/services/$SVC?wait=true&timeout=60s")" 2>/dev/null || true
  api -o /dev/null -X DELETE "$(url "/v1/clusters/$CLUSTER/load-balancers/$SVC")" 2>/dev/null || true
  wait_until 30 bash -c "[[ -z \$(DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST=$(endpoint $LB_HOST) timeout 20 docker ps -aq --filter label=berth.load-balancer=$SVC) ]]" || true
  kill "$BERTH_PID" 2>/dev/null || true
  local i; for ((i = 0; i < 300; i++)); do kill -0 "$BERTH_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$BERTH_PID" 2>/dev/null || true
  BERTH_PID=""
}
berth_remove_leftovers() {
  local h
  for h in "${HOSTS[@]}"; do
    on_host "$h" ps -aq --filter "label=berth.cluster=$CLUSTER" --filter "label=berth.service=$SVC" 2>/dev/null | xargs -r -I{} env DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST="$(endpoint "$h")" docker rm -f {} >/dev/null 2>&1 || true
    on_host "$h" ps -aq --filter "label=berth.load-balancer=$SVC" 2>/dev/null | xargs -r -I{} env DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST="$(endpoint "$h")" docker rm -f {} >/dev/null 2>&1 || true
  done
  if ((HAPROXY_LOADED)); then # only when this run copied it, and only if nothing uses it (no -f)
    on_host $LB_HOST rmi "$HAPROXY_IMAGE" >/dev/null 2>&1 || true
    HAPROXY_LOADED=0
  fi
}

# What HAProxy itself logged during a window (option httplog, one line per request, and its servers' state
# changes): the answers that were not 2xx per server (<NOSRV>: no server was up), the requests it retried on
# another server (redispatch) - failures the client never saw - and the servers it took DOWN. Written to OUT.haproxy.
haproxy_view() {
  local out=$1 since until ids id
  record_task_ids
  since=$(jq -r '.startEpochMillis / 1000' "$out"); until=$(jq -r "(.startEpochMillis + .seconds * 1000 + $REQUEST_TIMEOUT_MS) / 1000" "$out")
  ids=$(on_host $LB_HOST ps -aq --filter "label=berth.load-balancer=$SVC" 2>/dev/null) || return 0
  [[ -n $ids ]] || return 0
  for id in $ids; do on_host $LB_HOST logs --since "$since" --until "$until" "$id" 2>&1; done | awk -v tasks="$WORK/task-ids" '
    BEGIN { while ((getline line < tasks) > 0) { split(line, f, " "); name["t-" f[2]] = substr(f[1], 1, 12) } }
    function label(s) { split(s, p, "/"); return (p[2] in name) ? name[p[2]] : (p[2] ~ /^t-/ ? "task " substr(p[2], 3, 8) : p[2]) }
    / is DOWN/ { for (i = 1; i <= NF; i++) if ($i == "Server" && !(label($(i + 1)) in down)) { down[label($(i + 1))] = 1; downs++ } next }
    {
      # a request line: "... listener-PORT group-NAME/SERVER Tq/Tw/Tc/Tr/Ta STATUS BYTES - - FLAGS ac/fc/bc/sc/rc ..."
      for (i = 1; i <= NF; i++) if ($i ~ /^listener-/ && $(i + 1) ~ /\// && $(i + 3) ~ /^[0-9]+$/) break
      if (i > NF) next
      logged++; status = $(i + 3); split($(i + 8), c, "/")
      if (status !~ /^2/) bad[label($(i + 1)) " " status]++
      if (c[5] != "0") { retried++; if (c[5] ~ /^\+/) redispatched++ }
    }
    END {
      printf "HAProxy logged %d requests; not 2xx: ", logged
      n = 0; for (k in bad) { printf "%s%s=%d", (n++ ? ", " : ""), k, bad[k] }; if (!n) printf "none"
      printf "; retried %d (on another server %d); servers taken DOWN: %d", retried, redispatched, downs
      n = 0; for (k in down) { printf "%s%s", (n++ ? " " : " ("), k }; if (n) printf ")"
      printf "\n"
    }' >"$out.haproxy" 2>/dev/null || true
}
# Task id -> container hostname (12 hex), every container of the service on every host, kept across the run
# (HAProxy names its servers after task ids, the load's per-target counts are container hostnames).
record_task_ids() {
  local h
  for h in "${HOSTS[@]}"; do
    on_host "$h" ps -a --filter "label=berth.service=$SVC" --filter "label=berth.cluster=$CLUSTER" --format '{{.ID}} {{.Label "berth.task-id"}}' 2>/dev/null || true
  done >>"$WORK/task-ids"
  sort -u -o "$WORK/task-ids" "$WORK/task-ids"
}

# The load balancer's overhead: the same $TASKS tasks, the same rate and the same client (TrafficLoad, fixed rate),
# called directly at their published ports in turn (request i to task i mod $TASKS) and through the listener (HAProxy's
# round robin over the same $TASKS), in OVERHEAD_ROUNDS rounds of two windows whose order alternates (direct first in
# odd rounds), so drift in the machine's load falls on both sides alike. Each window's result goes to OVERHEAD_ROWS.
OVERHEAD_ROWS=()  # "round|direct json|lb json"
direct_urls() { # the IPv4 published port of every running task, comma-separated
  local h id port urls=()
  for h in "${HOSTS[@]}"; do
    for id in $(on_host "$h" ps -q --filter "label=berth.service=$SVC" --filter "label=berth.cluster=$CLUSTER" --filter status=running); do
      port=$(on_host "$h" port "$id" 8080/tcp | sed -nE 's/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+:([0-9]+)$/\1/p' | head -1)
      [[ -n $port ]] && urls+=("http://$(host_ip "$h"):$port/")
    done
  done
  (IFS=,; echo "${urls[*]}")
}
berth_overhead() {
  local direct n round d v u
  direct=$(direct_urls); n=$(tr ',' '\n' <<<"$direct" | grep -c . || true)
  [[ $n -eq $TASKS ]] || { warn "berth: $n of $TASKS tasks have a published IPv4 port; no overhead rounds"; return 1; }
  for u in ${direct//,/ }; do curl -s -o /dev/null --max-time 2 "$u" || { warn "berth: $u does not answer"; return 1; }; done
  for ((round = 1; round <= OVERHEAD_ROUNDS; round++)); do
    d=$WORK/overhead-$round-direct.json; v=$WORK/overhead-$round-lb.json
    if ((round % 2)); then
      load_begin "$direct" "$OVERHEAD_SECONDS" "$d"; load_end "$OVERHEAD_SECONDS" "$d"
      load_begin "$(lb_url)" "$OVERHEAD_SECONDS" "$v"; load_end "$OVERHEAD_SECONDS" "$v"
    else
      load_begin "$(lb_url)" "$OVERHEAD_SECONDS" "$v"; load_end "$OVERHEAD_SECONDS" "$v"
      load_begin "$direct" "$OVERHEAD_SECONDS" "$d"; load_end "$OVERHEAD_SECONDS" "$d"
    fi
    OVERHEAD_ROWS+=("$round|$d|$v")
    say "berth overhead round $round: $(jq -rn --slurpfile d "$d" --slurpfile v "$v" '"direct p50/p90/p99 \($d[0].p50Ms)/\($d[0].p90Ms)/\($d[0].p99Ms) ms, via LB \($v[0].p50Ms)/\($v[0].p90Ms)/\($v[0].p99Ms) ms"')"
  done
}

# the actions and their "done" checks
REVISION=1
DRAINED=""
DRAINED_ID=""
KILLED=""
a_rolling() { REVISION=2; berth_apply 2 $TASKS; }
a_scale_in() { berth_apply $REVISION $SCALED; }
running_is() { [[ $(berth_running) -eq $1 ]]; }
scaled_in() { running_is $SCALED; }
a_drain() {
  # The host other than the load balancer's with the most tasks: drained, its tasks move to the two others.
  local h c most=-1
  for h in "${HOSTS[@]}"; do
    [[ $h == "$LB_HOST" ]] && continue
    c=$(tasks_on "$h"); ((c > most)) && { most=$c; DRAINED=$h; }
  done
  DRAINED_ID=$(jq -r '.id' "$WORK/register-$DRAINED.out")
  say "berth: draining $DRAINED ($most tasks, instance $DRAINED_ID)"
  api --fail-with-body -o "$WORK/drain.out" -X PUT -H 'Content-Type: application/json' \
    "$(url "/v1/clusters/$CLUSTER/container-instances/$DRAINED_ID/status")" -d '{"status": "DRAINING"}'
}
drained() { [[ $(tasks_on "$DRAINED") -eq 0 && $(berth_healthy) -eq $TASKS ]]; }
a_kill() {
  # One task on a host other than the load balancer's (its HAProxy then has to notice a remote target gone).
  local h
  for h in "${HOSTS[@]}"; do
    [[ $h == "$LB_HOST" || $h == "$DRAINED" ]] && continue
    KILLED=$(on_host "$h" ps -q --filter "label=berth.service=$SVC" --filter "label=berth.cluster=$CLUSTER" | head -1)
    [[ -n $KILLED ]] && { say "berth: docker kill $KILLED on $h"; on_host "$h" kill "$KILLED" >/dev/null; return; }
  done
  return 1
}
replaced() { [[ $(berth_healthy) -eq $TASKS ]]; }
CRASHED=""
a_crash() {
  # The host other than the load balancer's with the most tasks dies at once (scripts/cluster-host.sh crash: dockerd,
  # containerd and the containers SIGKILLed); started again right after the window, and by the cleanup whatever happens.
  local h c most=-1 victim=""
  for h in "${HOSTS[@]}"; do
    [[ $h == "$LB_HOST" ]] && continue
    c=$(tasks_on "$h"); ((c > most)) && { most=$c; victim=$h; }
  done
  say "berth: crashing $victim ($most tasks)"
  CRASHED=$victim
  "$ROOT/scripts/cluster-host.sh" crash "$victim" >&2 7>&- 8>&-
}
host_restore() {
  [[ -n $CRASHED ]] || return 0
  say "berth: starting $CRASHED again"
  "$ROOT/scripts/cluster-host.sh" start "$CRASHED" >&2 7>&- 8>&- || warn "could not start $CRASHED again: run scripts/cluster-host.sh start $CRASHED"
  CRASHED=""
}

run_berth() {
  berth_start
  say "berth: apply $TASKS tasks behind load balancer $SVC (listener $(lb_url))"
  berth_apply 1 $TASKS || { warn "berth: first apply failed; Berth not measured"; return 1; }
  wait_until 180 berth_steady $TASKS || { warn "berth: not $TASKS healthy targets after 180 s: $(api "$(url "/v1/clusters/$CLUSTER/target-groups/$SVC/targets")" | head -c 800)"; return 1; }
  say "berth: $TASKS healthy targets: $(for h in "${HOSTS[@]}"; do printf '%s=%s ' "$h" "$(tasks_on "$h")"; done)"
  # Warm-up (the client JVM, HAProxy, the tasks): not reported.
  load_begin "$(lb_url)" 5 "$WORK/berth-warmup.json"; load_end 5 "$WORK/berth-warmup.json"
  berth_overhead || warn "berth: overhead not measured"
  phase Berth "(a) rolling update" "$(lb_url)" a_rolling "running_is $TASKS" 120 "$WINDOW"
  wait_until 60 berth_steady $TASKS || warn "berth: not steady after the rolling update"
  phase Berth "(b) scale-in $TASKS -> $SCALED" "$(lb_url)" a_scale_in scaled_in 60 "$SHORT_WINDOW"
  say "berth: scale out to $TASKS again (not measured)"
  berth_apply $REVISION $TASKS || true
  wait_until 90 berth_steady $TASKS || warn "berth: not steady after scaling out again"
  phase Berth "(c) drain one host" "$(lb_url)" a_drain drained 120 "$SHORT_WINDOW"
  api -o /dev/null -X PUT -H 'Content-Type: application/json' "$(url "/v1/clusters/$CLUSTER/container-instances/$DRAINED_ID/status")" -d '{"status": "ACTIVE"}' || warn "could not set $DRAINED ACTIVE again"
  wait_until 60 berth_steady $TASKS || warn "berth: not steady after the drain"
  phase Berth "(d) docker kill one task" "$(lb_url)" a_kill replaced 90 "$SHORT_WINDOW"
  wait_until 60 berth_steady $TASKS || warn "berth: not steady after the kill"
  # (e) replacement waits for berth.reconciler.host-lost-grace (10 s): a window of the long length
  phase Berth "(e) crash of one host" "$(lb_url)" a_crash replaced 90 "$WINDOW"
  host_restore
}

# ---------------------------------------------------------------- Swarm (the local engine)
SWARM_LEAVE=0
SWARM_LABEL=com.docker.swarm.service.name=$SVC
swarm_ensure() {
  case $(docker info --format '{{.Swarm.LocalNodeState}}') in
    active) say "swarm: already active; using it (left active at the end)" ;;
    inactive)
      docker network inspect docker_gwbridge >/dev/null 2>&1 && touch "$WORK/gwbridge-preexisted"
      docker network inspect ingress >/dev/null 2>&1 && touch "$WORK/ingress-preexisted"
      say "swarm: docker swarm init (left again at the end)"
      docker swarm init >"$WORK/swarm.init" 2>&1 || docker swarm init --advertise-addr "$(ip -4 route get 1.1.1.1 | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')" >"$WORK/swarm.init" 2>&1 \
        || { warn "docker swarm init failed: $(cat "$WORK/swarm.init")"; return 1; }
      SWARM_LEAVE=1 ;;
    *) warn "unexpected Swarm state"; return 1 ;;
  esac
}
swarm_cleanup() {
  if docker service inspect "$SVC" >/dev/null 2>&1; then
    [[ $(docker service inspect -f '{{index .Spec.Labels "berth.bench"}}' "$SVC") == traffic ]] || { warn "a Swarm service $SVC exists that this benchmark did not create: left alone"; return 0; }
    docker service rm "$SVC" >/dev/null 2>&1 || true
    wait_until 60 bash -c "[[ \$(docker ps -aq --filter label=$SWARM_LABEL | wc -l) -eq 0 ]]" || warn "Swarm tasks of $SVC still present"
  fi
}
swarm_leave() {
  ((SWARM_LEAVE)) || return 0
  say "swarm: leaving the swarm this run created"
  docker swarm leave --force >/dev/null 2>&1 || warn "docker swarm leave --force failed"
  [[ -f $WORK/gwbridge-preexisted ]] || docker network rm docker_gwbridge >/dev/null 2>&1 || true
  SWARM_LEAVE=0
}
swarm_healthy() { docker ps -q --filter "label=$SWARM_LABEL" --filter health=healthy | wc -l; }
swarm_running() { docker ps -q --filter "label=$SWARM_LABEL" --filter status=running | wc -l; }
swarm_steady() {
  [[ $(swarm_healthy) -eq $1 && $(swarm_running) -eq $1 ]] && curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$MESH_PORT/"
}
swarm_update_done() {
  [[ $(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$SVC") == completed ]] && swarm_steady $TASKS
}
s_update() { docker service update --detach --quiet --env-add VERSION=2 "$SVC" >/dev/null; }
s_update_start_first() { docker service update --detach --quiet --env-add VERSION=3 --update-order start-first "$SVC" >/dev/null; }
s_scale_in() { docker service scale --detach "$SVC=$SCALED" >/dev/null 2>&1; }
swarm_scaled_in() { [[ $(swarm_running) -eq $SCALED ]]; }
s_kill() {
  KILLED=$(docker ps -q --filter "label=$SWARM_LABEL" | head -1)
  [[ -n $KILLED ]] && { say "swarm: docker kill $KILLED"; docker kill "$KILLED" >/dev/null; }
}
swarm_replaced() { swarm_steady $TASKS; }

SWARM_SKIPPED=""
run_swarm() {
  # The routing mesh balances with IPVS in the kernel; without it the published port never answers, and what
  # would be measured is the absence of the mesh, not Swarm.
  if [[ ! -e /proc/net/ip_vs ]] && ! { [[ -r /proc/config.gz ]] && zcat /proc/config.gz | grep -qE '^CONFIG_IP_VS=[ym]'; } \
      && [[ ${BENCH_SWARM_WITHOUT_IPVS:-0} != 1 ]]; then
    SWARM_SKIPPED="not measured: this kernel has no IPVS (CONFIG_IP_VS), which Swarm's routing mesh needs"
    warn "swarm: $SWARM_SKIPPED"
    NOTES+=("Swarm|$SWARM_SKIPPED")
    return 0
  fi
  swarm_ensure || return 1
  swarm_cleanup
  say "swarm: docker service create --replicas $TASKS --publish $MESH_PORT:8080 (routing mesh)"
  docker service create --detach --no-resolve-image --quiet --name "$SVC" --replicas $TASKS --label berth.bench=traffic \
    --container-label berth.bench=traffic --publish "published=$MESH_PORT,target=8080" \
    --limit-memory 32M --env VERSION=1 --init \
    --health-cmd "$CHECK" --health-interval 1s --health-timeout 3s --health-retries 3 --health-start-period 10s \
    "$IMAGE" sh -c "$SERVE" >/dev/null || { warn "docker service create failed"; return 1; }
  wait_until 180 swarm_steady $TASKS || { warn "swarm: not $TASKS healthy tasks answering through the mesh after 180 s"; return 1; }
  load_begin "http://127.0.0.1:$MESH_PORT/" 5 "$WORK/swarm-warmup.json"; load_end 5 "$WORK/swarm-warmup.json"
  # Directly: a task's address on docker_gwbridge (the host reaches it without IPVS or the ingress network; docker
  # inspect does not list that endpoint, so the task itself is asked).
  local direct gw task
  task=$(docker ps -q --filter "label=$SWARM_LABEL" | head -1)
  gw=$(docker network inspect -f '{{range .IPAM.Config}}{{.Gateway}}{{end}}' docker_gwbridge 2>/dev/null || true)
  direct=$(docker exec "$task" ip -4 -o addr show 2>/dev/null | awk -v p="${gw%.*.*}." '{split($4, a, "/"); if (index(a[1], p) == 1) print a[1]}' | head -1)
  if [[ -n $direct ]]; then
    window Swarm "quiet: one task directly" "http://$direct:8080/" "$STEADY"
  else
    warn "swarm: no docker_gwbridge address for a task; no direct window"
  fi
  window Swarm "quiet: through the mesh" "http://127.0.0.1:$MESH_PORT/" "$STEADY"
  phase Swarm "update (defaults)" "http://127.0.0.1:$MESH_PORT/" s_update swarm_update_done 120 "$WINDOW"
  wait_until 60 swarm_steady $TASKS || warn "swarm: not steady after the update"
  phase Swarm "update (start-first)" "http://127.0.0.1:$MESH_PORT/" s_update_start_first swarm_update_done 120 "$WINDOW"
  wait_until 60 swarm_steady $TASKS || warn "swarm: not steady after the update"
  phase Swarm "scale-in $TASKS -> $SCALED" "http://127.0.0.1:$MESH_PORT/" s_scale_in swarm_scaled_in 60 "$SHORT_WINDOW"
  say "swarm: scale out to $TASKS again (not measured)"
  docker service scale --detach "$SVC=$TASKS" >/dev/null 2>&1 || true
  wait_until 90 swarm_steady $TASKS || warn "swarm: not steady after scaling out again"
  phase Swarm "docker kill one task" "http://127.0.0.1:$MESH_PORT/" s_kill swarm_replaced 90 "$SHORT_WINDOW"
}

# ---------------------------------------------------------------- run
cleanup() {
  set +e
  host_restore
  load_stop
  berth_stop
  berth_remove_leftovers
  swarm_cleanup
  swarm_leave
  if [[ ${KEEP_WORK:-0} == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$ROOT/scripts/ensure-docker.sh" >&2 || die "scripts/ensure-docker.sh failed"
"$ROOT/scripts/ensure-test-images.sh" >&2 || die "scripts/ensure-test-images.sh failed"
# The mesh publishes on this machine (the listener is bound inside berth-h1's namespace, where Berth checks it).
[[ " ${TARGET_LIST[*]} " != *" swarm "* ]] || ! ss -Hltn "sport = :$MESH_PORT" | grep -q . \
  || die "port $MESH_PORT is in use here (BENCH_MESH_PORT)"
load_start
for t in "${TARGET_LIST[@]}"; do
  case $t in
    berth)
      # The netns hosts are shared with bench/host-failure.sh, which crashes and cuts them: one at a time.
      exec 7>/tmp/berth-cluster.lock
      flock -w 600 7 || die "the cluster lock /tmp/berth-cluster.lock was not free within 600 s"
      "$ROOT/scripts/ensure-cluster.sh" >&2 7>&- || die "scripts/ensure-cluster.sh failed"
      run_berth || { warn "berth: stopped early"; NOTES+=("Berth|stopped early (see the warnings above)"); }
      berth_stop; berth_remove_leftovers
      exec 7>&- ;;
    swarm)
      run_swarm || { warn "swarm: stopped early"; NOTES+=("Swarm|stopped early (see the warnings above)"); }
      swarm_cleanup; swarm_leave ;;
  esac
done
load_stop

# ---------------------------------------------------------------- report
jq -s --arg started "$STARTED" --arg commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg notes "$(printf '%s\n' "${NOTES[@]}")" '{started: $started, commit: $commit, rate: '"$RATE"', windowSeconds: '"$WINDOW"',
    requestTimeoutMs: '"$REQUEST_TIMEOUT_MS"', notes: ($notes | split("\n") | map(select(. != ""))), windows: .}' \
  $(for r in "${ROWS[@]}"; do IFS='|' read -r system name file note <<<"$r"; jq -c --arg system "$system" --arg phase "$name" --arg note "$note" --arg action "$(cat "$file.action" 2>/dev/null || echo)" --arg haproxy "$(cat "$file.haproxy" 2>/dev/null || true)" '. + {system: $system, phase: $phase, note: $note, actionEpochMillis: ($action | tonumber? // null), haproxy: $haproxy}' "$file" >"$file.row"; echo "$file.row"; done) \
  </dev/null >"$RESULTS_DIR/traffic-$STAMP.json" 2>/dev/null || warn "could not write $RESULTS_DIR/traffic-$STAMP.json"

ms() { [[ $1 == null ]] && echo - || printf '%.1f' "$1"; }
row_file() { # row_file SYSTEM PHASE: the result file of that window, nothing when there is none
  local r s n f rest
  for r in "${ROWS[@]}"; do IFS='|' read -r s n f rest <<<"$r"; [[ $s == "$1" && $n == "$2" ]] && { echo "$f"; return 0; }; done
  return 0
}
{
  echo
  echo "Berth traffic benchmark - $STARTED (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "engine: Docker $(docker version --format '{{.Server.Version}}'), $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load: $RATE requests/s open loop, each ${REQUEST_TIMEOUT_MS} ms at most; windows of $WINDOW s for the updates, $SHORT_WINDOW s for the others (action at ${ACTION_AT} s), quiet ones $STEADY s"
  echo "workload: $TASKS x busybox httpd (init, health check wget /health every 1 s); Berth on berth-h1..3, HAProxy on $LB_HOST; Swarm on the local engine"
  echo
  printf '%-7s %-28s %9s %7s %9s %9s  %s\n' system phase requests failed "p50 ms" "p99 ms" action
  for r in "${ROWS[@]}"; do
    IFS='|' read -r system name file note <<<"$r"
    printf '%-7s %-28s %9s %7s %9s %9s  %s\n' "$system" "$name" "$(jq .requests "$file")" "$(jq .failed "$file")" \
      "$(ms "$(jq .p50Ms "$file")")" "$(ms "$(jq .p99Ms "$file")")" "$note"
  done
  for r in "${NOTES[@]}"; do
    IFS='|' read -r system note <<<"$r"
    printf '%-7s %-28s %9s %7s %9s %9s  %s\n' "$system" "-" - - - - "$note"
  done
  berth_overhead_report() {
    ((${#OVERHEAD_ROWS[@]})) || return 0
    echo "overhead, Berth's load balancer (HAProxy) over the same $TASKS tasks called directly in turn: $RATE requests/s,"
    echo "fixed rate, open loop (TrafficLoad, the same client for both; wrk2 is not installed, wrk is closed loop),"
    echo "${#OVERHEAD_ROWS[@]} rounds of $OVERHEAD_SECONDS s direct + $OVERHEAD_SECONDS s via the LB, order alternating (direct first in odd rounds); ms:"
    printf '%-6s %-22s %-22s %-24s %s\n' round "direct p50/p90/p99" "via LB p50/p90/p99" "LB - direct p50/p90/p99" "failed direct/LB"
    local r round d v
    for r in "${OVERHEAD_ROWS[@]}"; do
      IFS='|' read -r round d v <<<"$r"
      jq -rn --slurpfile d "$d" --slurpfile v "$v" --arg round "$round" '
        def f: if . == null then "-" else (. * 10 | round / 10 | tostring) end;
        def s: if . == null then "-" else (. * 100 | round / 100) as $x | (if $x >= 0 then "+" else "" end) + ($x | tostring) end;
        def three($o): "\($o.p50Ms | f)/\($o.p90Ms | f)/\($o.p99Ms | f)";
        def diff($k): if $d[0][$k] == null or $v[0][$k] == null then null else $v[0][$k] - $d[0][$k] end;
        "\($round)|\(three($d[0]))|\(three($v[0]))|\(diff("p50Ms") | s)/\(diff("p90Ms") | s)/\(diff("p99Ms") | s)|\($d[0].failed)/\($v[0].failed)"' \
        | awk -F'|' '{printf "%-6s %-22s %-22s %-24s %s\n", $1, $2, $3, $4, $5}'
    done
    jq -rn '[inputs] as $w | [range(0; $w | length; 2) as $i | {d: $w[$i], v: $w[$i + 1]}] as $r
      | def med: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
        def s: if . == null then "-" else (. * 100 | round / 100) as $x | (if $x >= 0 then "+" else "" end) + ($x | tostring) end;
        def col($k): [$r[] | select(.d[$k] != null and .v[$k] != null) | .v[$k] - .d[$k]] | med;
        "median of the per-round differences (LB - direct): p50 \(col("p50Ms") | s) ms, p90 \(col("p90Ms") | s) ms, p99 \(col("p99Ms") | s) ms"' \
      $(for r in "${OVERHEAD_ROWS[@]}"; do IFS='|' read -r round d v <<<"$r"; echo "$d $v"; done)
  }
  overhead() { # overhead SYSTEM DIRECT VIA LABEL
    local d v
    d=$(row_file "$1" "$2"); v=$(row_file "$1" "$3")
    [[ -n $d && -n $v ]] || return 0
    jq -rn --slurpfile d "$d" --slurpfile v "$v" --arg what "$4" \
      'def r: . * 10 | round / 10; def d: (. * 10 | round + 0) as $x | if $x >= 0 then "+\($x / 10)" else "\($x / 10)" end;
       if $d[0].p50Ms == null or $v[0].p50Ms == null then "\($what): not measured" else
       "\($what): p50 \($d[0].p50Ms | r) -> \($v[0].p50Ms | r) ms (\($v[0].p50Ms - $d[0].p50Ms | d)), p99 \($d[0].p99Ms | r) -> \($v[0].p99Ms | r) ms (\($v[0].p99Ms - $d[0].p99Ms | d))" end' || true
  }
  echo
  berth_overhead_report
  overhead Swarm "quiet: one task directly" "quiet: through the mesh" "overhead, Swarm's routing mesh over one task directly"
  echo
  echo "failures by kind, and when (seconds of the window, consecutive seconds merged; the action starts at ${ACTION_AT} s);"
  echo "requests served per target (container hostname):"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r system name file note <<<"$r"
    jq -r --arg w "$system $name" '
      def runs: reduce (to_entries | map({s: (.key | tonumber), n: .value}) | sort_by(.s))[] as $e ([];
        if length > 0 and .[-1].to == $e.s - 1 then .[-1].to = $e.s | .[-1].n += $e.n
        else . + [{from: $e.s, to: $e.s, n: $e.n}] end);
      "  \($w): " + (if .failed == 0 then "no failures" else ([.errors | to_entries[] | "\(.key) \(.value)"] | join(", "))
        + "; at " + ([.failedPerSecond | runs[] | (if .from == .to then "\(.from)" else "\(.from)-\(.to)" end) + " s: \(.n)"] | join(", ")) end)
      + "\n    served by \(.perTarget | length) targets: " + ([.perTarget | to_entries[] | "\(.key[0:12])=\(.value)"] | join(" "))' "$file"
    [[ ! -s $file.haproxy ]] || echo "    $(cat "$file.haproxy")"
  done
  echo "results: $RESULTS_DIR/traffic-$STAMP.json"
}
