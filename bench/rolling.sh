#!/usr/bin/env bash
# bench/rolling.sh - a rolling update of a 10-task, health-checked service, measured side by side on the same
# local Docker engine: Berth (minimumHealthyPercent 100, maximumPercent 200) against Docker Swarm with its
# defaults and with --update-parallelism 10 --update-order start-first. Prints figures; asserts nothing.
#
#   time     from the update request to: the orchestrator says done AND the engine runs N healthy containers,
#            none of them from before the update
#   min      the fewest healthy running containers of the service seen during that time (sampled every 0.1 s)
#
# Usage: bench/rolling.sh [--targets berth,swarm,swarm-fast,engine] [--tasks N] [--warmups N] [--build|--no-build]
# The target "engine" is no orchestrator: the script itself drives the engine's API with curl, starting all N new
# containers at once and stopping an old one as each new one turns healthy (100 % / 200 %, as Berth). It is the
# baseline for this engine and workload, about what an orchestrator with no overhead of its own would take — not a
# strict floor: the script's own health polling (a curl per container every 0.1 s) takes CPU from the engine, and
# Berth has measured 0.91-1.21x of it.
# BENCH_TIMELINE=DIR writes DIR/TARGET.events: the engine's events of the measured update, seconds after the request.
# The workload: busybox httpd serving a page, health check `wget` of it every 1 s (same for all); the update
# changes one environment variable (same image). Each target first makes --warmups unmeasured updates (default 3,
# the same number for every target), then the measured one: Berth is a long-running server, and a fresh JVM's first
# rollouts spend most of their CPU in the JIT compilers (measured: C1 + C2 threads took 57 % of Berth's CPU time in
# the second rollout after start), which on 2 cores slows the engine's container starts as well. The first
# rollout after Berth started (cold JVM) is printed too. The containers run with an
# init (Swarm --init, Berth initProcessEnabled): busybox httpd as PID 1 ignores SIGTERM, and every stop would
# otherwise wait out Docker's 10 s grace in both orchestrators. Swarm is left as found (left again if this run
# initialised it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

TARGETS=${BENCH_TARGETS:-berth,swarm,swarm-fast,engine}
N=${BENCH_TASKS:-10}
WARMUPS=${BENCH_WARMUPS:-3}
TIMEOUT=${BENCH_TIMEOUT_SECONDS:-600}
BUILD=${BENCH_BUILD:-auto}
BERTH_PORT=${BENCH_BERTH_PORT:-18081}
BERTH_JAR=${BENCH_BERTH_JAR:-$ROOT/app/target/berth.jar}
TOKEN=bench-admin-token-of-at-least-32-chars
SVC=benchroll
IMAGE=busybox:1.36
SERVE='mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www'
CHECK='wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'
# The same check for both. A new container counts as healthy at its first passing probe (about 1 s after it
# starts); the start period and the generous timeout keep a loaded machine's slow probes from being taken for a
# sick workload (both Berth and Swarm replace unhealthy tasks).
CHECK_TIMEOUT=3s
CHECK_RETRIES=3
CHECK_START=10s
MEM_MIB=32
CPU_UNITS=16

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --targets) TARGETS=$2; shift 2 ;;
    --tasks) N=$2; shift 2 ;;
    --warmups) WARMUPS=$2; shift 2 ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "rolling: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "rolling: --tasks must be >= 1" >&2; exit 2; }
[[ $WARMUPS =~ ^[0-9]+$ ]] || { echo "rolling: --warmups must be >= 0" >&2; exit 2; }
IFS=', ' read -r -a TARGET_LIST <<<"$TARGETS"
for t in "${TARGET_LIST[@]}"; do
  [[ $t == berth || $t == swarm || $t == swarm-fast || $t == engine ]] || { echo "rolling: unknown target '$t'" >&2; exit 2; }
done
export DOCKER_HOST=unix:///var/run/docker.sock

say()  { echo "[rolling] $*" >&2; }
warn() { echo "[rolling] WARNING: $*" >&2; }
die()  { echo "[rolling] ERROR: $*" >&2; exit 1; }
for tool in docker curl awk; do command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required"; done

now_ns() { local t=$EPOCHREALTIME; t=${t//[.,]/}; echo "${t}000"; }
fmt_s() { printf '%d.%03d' $(($1 / 1000000000)) $((($1 / 1000000) % 1000)); }
wait_for() { # wait_for SECONDS COMMAND...
  local deadline=$(($(now_ns) + $1 * 1000000000)); shift
  until "$@"; do (($(now_ns) < deadline)) || return 1; sleep 0.1; done
}

WORK=$(mktemp -d /tmp/berth-rolling.XXXXXX)
declare -A TIME MIN STATUS
COLD=""
LABEL=""                                   # label of the containers of the target being measured

healthy_ids() { docker ps -q --no-trunc --filter "label=$LABEL" --filter status=running --filter health=healthy | sort; }
count_healthy() { docker ps -q --filter "label=$LABEL" --filter status=running --filter health=healthy | wc -l; }
count_all() { docker ps -aq --filter "label=$LABEL" | wc -l; }

# N healthy running containers, none of them in $WORK/old.ids (the ones from before the update)
engine_done() {
  local ids; ids=$(healthy_ids)
  [[ $(grep -c . <<<"$ids") -eq $N ]] || return 1
  ! grep -qxFf "$WORK/old.ids" <<<"$ids"
}

start_sampler() { # every 0.1 s: the number of healthy running containers
  : >"$WORK/samples"
  ( while :; do count_healthy >>"$WORK/samples"; sleep 0.1; done ) &
  echo $! >"$WORK/sampler.pid"
}
stop_sampler() { [[ -f $WORK/sampler.pid ]] && { kill "$(cat "$WORK/sampler.pid")" 2>/dev/null || true; rm -f "$WORK/sampler.pid"; }; }
sampled_min() { sort -n "$WORK/samples" | head -1; }

# The engine's container events of the measured update (create, start, health, kill, die) as seconds after the
# update request; only with BENCH_TIMELINE. Recorded live: the engine replays only its last 256 events, and every
# health probe of 20 containers makes three (exec_create, exec_start, exec_die), so a replay afterwards misses the start.
timeline_start() {
  [[ -n ${BENCH_TIMELINE:-} ]] || return 0
  docker events --filter type=container --filter "label=$LABEL" --filter event=create --filter event=start \
      --filter event=kill --filter event=die --filter event=health_status \
      --format '{{.TimeNano}} {{.Action}} {{.Actor.ID}}' >"$WORK/events.raw" 2>/dev/null &
  echo $! >"$WORK/events.pid"
  sleep 0.2 # subscribed before the request
}
timeline_stop() { # timeline_stop TARGET T0_NS
  [[ -f $WORK/events.pid ]] || return 0
  sleep 0.5; kill "$(cat "$WORK/events.pid")" 2>/dev/null || true; rm -f "$WORK/events.pid"
  mkdir -p "$BENCH_TIMELINE"
  awk -v t0="$2" '{ printf "%8.3f %s %s %s\n", ($1 - t0) / 1e9, $2, ($3 ~ /^[0-9a-f]+$/ ? substr($3, 1, 12) : $3), substr($4, 1, 12) }' \
    "$WORK/events.raw" >"$BENCH_TIMELINE/$1.events"
  say "$1: events timeline in $BENCH_TIMELINE/$1.events"
}

# ---------------------------------------------------------------- Swarm
SWARM_LEAVE=0
swarm_cleanup() {
  docker service rm "$SVC" >/dev/null 2>&1 || true
  LABEL=com.docker.swarm.service.name=$SVC
  wait_for 60 bash -c "[[ \$(docker ps -aq --filter label=$LABEL | wc -l) -eq 0 ]]" || warn "Swarm tasks of $SVC still present"
}
swarm_ensure() {
  case $(docker info --format '{{.Swarm.LocalNodeState}}') in
    active) say "swarm: already active; using it (left active at the end)" ;;
    inactive)
      docker network inspect docker_gwbridge >/dev/null 2>&1 && touch "$WORK/gwbridge-preexisted"
      say "swarm: docker swarm init (left again at the end)"
      docker swarm init >"$WORK/swarm.init" 2>&1 || docker swarm init --advertise-addr "$(ip -4 route get 1.1.1.1 | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')" >"$WORK/swarm.init" 2>&1 \
        || die "docker swarm init failed: $(cat "$WORK/swarm.init")"
      SWARM_LEAVE=1 ;;
    *) die "unexpected Swarm state" ;;
  esac
}
swarm_leave() {
  ((SWARM_LEAVE)) || return 0
  say "leaving the swarm this run created"
  docker swarm leave --force >/dev/null 2>&1 || warn "docker swarm leave --force failed"
  [[ -f $WORK/gwbridge-preexisted ]] || docker network rm docker_gwbridge >/dev/null 2>&1 || true
  SWARM_LEAVE=0
}

phase_swarm() { # phase_swarm TARGET [extra update flags...]
  local t=$1; shift
  if docker service inspect "$SVC" >/dev/null 2>&1; then
    [[ $(docker service inspect -f '{{index .Spec.Labels "berth.bench"}}' "$SVC") == rolling ]] || die "a Swarm service $SVC exists that this benchmark did not create"
    swarm_cleanup
  fi
  LABEL=com.docker.swarm.service.name=$SVC
  say "$t: docker service create --replicas $N (health check every 1 s)"
  docker service create --detach --no-resolve-image --quiet --name "$SVC" --replicas "$N" --label berth.bench=rolling \
    --limit-memory "${MEM_MIB}M" --env VERSION=1 --init \
    --health-cmd "$CHECK" --health-interval 1s --health-timeout "$CHECK_TIMEOUT" --health-retries "$CHECK_RETRIES" \
    --health-start-period "$CHECK_START" \
    "$IMAGE" sh -c "$SERVE" >/dev/null
  wait_for "$TIMEOUT" bash -c "[[ \$(docker ps -q --filter label=$LABEL --filter health=healthy | wc -l) -eq $N ]]" \
    || { STATUS[$t]="not healthy after ${TIMEOUT}s"; swarm_cleanup; return; }
  healthy_ids >"$WORK/old.ids"
  local v
  for ((v = 2; v < WARMUPS + 2; v++)); do
    say "$t: warm-up update $((v - 1)) of $WARMUPS (not measured): --env-add VERSION=$v $*"
    docker service update --detach --quiet --env-add VERSION=$v "$@" "$SVC" >/dev/null
    wait_for "$TIMEOUT" swarm_done || { STATUS[$t]="warm-up update not done after ${TIMEOUT}s"; swarm_cleanup; return; }
    healthy_ids >"$WORK/old.ids"
  done
  start_sampler; timeline_start
  say "$t: docker service update --env-add VERSION=$v $*"
  local t0 t1; t0=$(now_ns)
  docker service update --detach --quiet --env-add VERSION=$v "$@" "$SVC" >/dev/null
  if wait_for "$TIMEOUT" swarm_done; then
    t1=$(now_ns); TIME[$t]=$((t1 - t0)); STATUS[$t]=ok
  else
    STATUS[$t]="not done after ${TIMEOUT}s"
  fi
  stop_sampler; timeline_stop "$t" "$t0"; MIN[$t]=$(sampled_min)
  say "$t: ${STATUS[$t]} $( [[ -n ${TIME[$t]:-} ]] && fmt_s "${TIME[$t]}") s, min healthy ${MIN[$t]}"
  swarm_cleanup
}
swarm_done() {
  [[ $(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$SVC") == completed ]] && engine_done
}

# ---------------------------------------------------------------- Berth
BERTH_PID=""
berth_url() { echo "http://127.0.0.1:$BERTH_PORT$1"; }
berth_curl() { curl -sS --max-time 310 -H "Authorization: Bearer $TOKEN" "$@"; }
berth_stop() {
  [[ -n $BERTH_PID ]] || return 0
  LABEL=berth.service=$SVC
  berth_curl -o /dev/null -X DELETE "$(berth_url "/v1/clusters/default/services/$SVC?wait=true&timeout=60s")" 2>/dev/null || true
  kill "$BERTH_PID" 2>/dev/null || true
  local i; for ((i = 0; i < 300; i++)); do kill -0 "$BERTH_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$BERTH_PID" 2>/dev/null || true
  BERTH_PID=""
  docker ps -aq --filter label=berth.service=$SVC --filter label=berth.managed=true | xargs -r docker rm -f >/dev/null 2>&1 || true
}
manifest() { # manifest VERSION
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
      cpu: $CPU_UNITS
      memory: $MEM_MIB
      linuxParameters: {initProcessEnabled: true}
      healthCheck: {command: [CMD-SHELL, '$CHECK'], interval: 1s, timeout: $CHECK_TIMEOUT, retries: $CHECK_RETRIES, startPeriod: $CHECK_START}
---
apiVersion: berth/v1
kind: Service
metadata: {name: $SVC, cluster: default}
spec:
  taskDefinition: $SVC
  desiredCount: $N
  deployment: {minimumHealthyPercent: 100, maximumPercent: 200}
YAML
}
phase_berth() {
  local t=berth
  . "$ROOT/scripts/lib.sh"
  berth_find_java >/dev/null || die "no JDK 25 found (set JAVA_HOME)"
  if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && [[ $(head -c 2 "$BERTH_JAR" 2>/dev/null) != PK ]]; }; then
    say "berth: building $BERTH_JAR"
    (cd "$ROOT" && ./mvnw -B -q -o package -DskipTests) >"$WORK/build.log" 2>&1 || die "build failed: $(grep -m1 ERROR "$WORK/build.log")"
  fi
  LABEL=berth.service=$SVC
  mkdir -p "$WORK/berth"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$BERTH_JAR" --berth.data-dir="$WORK/berth" \
    --server.port="$BERTH_PORT" --berth.security.admin-token="$TOKEN" --berth.embedded-postgres.port=0 \
    >"$WORK/berth.log" 2>&1 </dev/null &
  BERTH_PID=$!
  wait_for 180 bash -c "curl -s --max-time 2 $(berth_url /actuator/health) | grep -q UP" || die "Berth did not start: $(tail -5 "$WORK/berth.log")"
  say "berth: apply revision 1 ($N tasks) and wait for its rollout"
  local code
  code=$(berth_curl -o "$WORK/apply1" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
    --data-binary "$(manifest 1)" "$(berth_url '/v1/apply?wait=true&timeout=300s')") || code=000
  [[ $code == 200 ]] || { STATUS[$t]="apply of revision 1 answered $code"; say "berth: $(head -c 400 "$WORK/apply1")"; return; }
  wait_for "$TIMEOUT" bash -c "[[ \$(docker ps -q --filter label=$LABEL --filter health=healthy | wc -l) -eq $N ]]" || { STATUS[$t]="not healthy"; return; }
  healthy_ids >"$WORK/old.ids"
  local v w0
  for ((v = 2; v < WARMUPS + 2; v++)); do
    say "berth: warm-up rollout $((v - 1)) of $WARMUPS to revision $v (not measured)"
    w0=$(now_ns)
    code=$(berth_curl -o "$WORK/apply$v" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
      --data-binary "$(manifest $v)" "$(berth_url '/v1/apply?wait=true&timeout=300s')") || code=000
    { [[ $code == 200 ]] && wait_for "$TIMEOUT" engine_done; } || { STATUS[$t]="warm-up rollout answered $code"; say "berth: $(head -c 400 "$WORK/apply$v")"; return; }
    ((v == 2)) && COLD=$(($(now_ns) - w0))
    healthy_ids >"$WORK/old.ids"
  done
  start_sampler; timeline_start
  say "berth: apply revision $v with ?wait=true"
  local t0 t1; t0=$(now_ns)
  code=$(berth_curl -o "$WORK/apply$v" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
    --data-binary "$(manifest $v)" "$(berth_url '/v1/apply?wait=true&timeout=300s')") || code=000
  say "berth: apply?wait answered $code after $(fmt_s $(($(now_ns) - t0))) s"
  if [[ $code == 200 ]] && wait_for "$TIMEOUT" engine_done; then
    t1=$(now_ns); TIME[$t]=$((t1 - t0)); STATUS[$t]=ok
  else
    STATUS[$t]="apply?wait answered $code: $(head -c 300 "$WORK/apply$v")"
  fi
  stop_sampler; timeline_stop "$t" "$t0"; MIN[$t]=$(sampled_min)
  say "berth: ${STATUS[$t]} $( [[ -n ${TIME[$t]:-} ]] && fmt_s "${TIME[$t]}") s, min healthy ${MIN[$t]}"
}

# ---------------------------------------------------------------- the engine alone (the baseline)
ENGINE_LABEL=berth.bench.engine
engine_api() { curl -sS --max-time 60 --unix-socket /var/run/docker.sock "$@"; }
engine_body() { # engine_body VERSION: the workload as Berth and Swarm run it (init, memory limit, health check)
  local ns=1000000000
  printf '{"Image":"%s","Cmd":["sh","-c","%s"],"Env":["VERSION=%s"],"Labels":{"%s":"%s"},' "$IMAGE" "$SERVE" "$1" "$ENGINE_LABEL" "$SVC"
  printf '"Healthcheck":{"Test":["CMD-SHELL","%s"],"Interval":%d,"Timeout":%d,"StartPeriod":%d,"Retries":%d},' \
    "$CHECK" "$ns" $((${CHECK_TIMEOUT%s} * ns)) $((${CHECK_START%s} * ns)) "$CHECK_RETRIES"
  printf '"HostConfig":{"Init":true,"Memory":%d,"CpuShares":%d}}' $((MEM_MIB << 20)) "$CPU_UNITS"
}
engine_start_one() { # engine_start_one VERSION IDFILE: create and start one container, append its id
  local id
  id=$(engine_api -X POST -H 'Content-Type: application/json' -d "$(engine_body "$1")" http://localhost/containers/create \
    | sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')
  [[ -n $id ]] || { warn "engine: create failed"; return 1; }
  engine_api -X POST "http://localhost/containers/$id/start" >/dev/null
  echo "$id" >>"$2"
}
engine_healthy_new() { # the number of healthy containers among the ids in $1
  engine_api -G http://localhost/containers/json --data-urlencode \
      "filters={\"label\":[\"$ENGINE_LABEL=$SVC\"],\"health\":[\"healthy\"],\"status\":[\"running\"]}" \
    | grep -o '"Id":"[0-9a-f]*"' | cut -d'"' -f4 | grep -cxFf "$1" || true
}
engine_rollout() { # engine_rollout VERSION: all N new at once; one old stopped per new one healthy
  local v=$1 new=$WORK/engine-new.$1 stopped=0 healthy i
  local -a old; mapfile -t old <"$WORK/old.ids"
  : >"$new"
  for ((i = 0; i < N; i++)); do engine_start_one "$v" "$new" & done
  while ((stopped < ${#old[@]})); do
    sleep 0.05
    healthy=$(engine_healthy_new "$new")
    while ((stopped < healthy && stopped < ${#old[@]})); do
      engine_api -X POST "http://localhost/containers/${old[stopped]}/stop?t=10" >/dev/null &
      stopped=$((stopped + 1))
    done
  done
  wait
}
engine_cleanup() { docker ps -aq --filter "label=$ENGINE_LABEL=$SVC" | xargs -r docker rm -f >/dev/null 2>&1 || true; }
engine_remove_stopped() { docker ps -aq --filter "label=$ENGINE_LABEL=$SVC" --filter status=exited | xargs -r docker rm -f >/dev/null 2>&1 || true; }
phase_engine() {
  local t=engine
  engine_cleanup
  LABEL=$ENGINE_LABEL=$SVC
  say "engine: $N containers through the API (no orchestrator)"
  : >"$WORK/old.ids"
  local i; for ((i = 0; i < N; i++)); do engine_start_one 1 "$WORK/engine-first" & done; wait
  wait_for "$TIMEOUT" bash -c "[[ \$(docker ps -q --filter label=$LABEL --filter health=healthy | wc -l) -eq $N ]]" \
    || { STATUS[$t]="not healthy after ${TIMEOUT}s"; engine_cleanup; return; }
  healthy_ids >"$WORK/old.ids"
  local v
  for ((v = 2; v < WARMUPS + 2; v++)); do
    say "engine: warm-up update $((v - 1)) of $WARMUPS (not measured)"
    engine_rollout "$v"
    wait_for "$TIMEOUT" engine_done || { STATUS[$t]="warm-up update not done after ${TIMEOUT}s"; engine_cleanup; return; }
    engine_remove_stopped
    healthy_ids >"$WORK/old.ids"
  done
  start_sampler; timeline_start
  say "engine: update to VERSION=$v"
  local t0 t1 pid; t0=$(now_ns)
  engine_rollout "$v" & pid=$!
  if wait_for "$TIMEOUT" engine_done; then
    t1=$(now_ns); TIME[$t]=$((t1 - t0)); STATUS[$t]=ok
  else
    STATUS[$t]="not done after ${TIMEOUT}s"
  fi
  wait "$pid" || true
  stop_sampler; timeline_stop "$t" "$t0"; MIN[$t]=$(sampled_min)
  say "engine: ${STATUS[$t]} $( [[ -n ${TIME[$t]:-} ]] && fmt_s "${TIME[$t]}") s, min healthy ${MIN[$t]}"
  engine_cleanup
}

cleanup() {
  set +e
  stop_sampler
  [[ -f $WORK/events.pid ]] && kill "$(cat "$WORK/events.pid")" 2>/dev/null
  berth_stop
  engine_cleanup
  if docker service inspect "$SVC" >/dev/null 2>&1 && [[ $(docker service inspect -f '{{index .Spec.Labels "berth.bench"}}' "$SVC") == rolling ]]; then
    swarm_cleanup
  fi
  swarm_leave
  [[ ${KEEP_WORK:-0} == 1 ]] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$ROOT/scripts/ensure-docker.sh" >&2 || die "scripts/ensure-docker.sh failed"
"$ROOT/scripts/ensure-test-images.sh" >&2 || die "scripts/ensure-test-images.sh failed"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for t in "${TARGET_LIST[@]}"; do
  STATUS[$t]=failed
  say "=== $t ==="
  case $t in
    berth) phase_berth; berth_stop ;;
    swarm) swarm_ensure; phase_swarm swarm ;;
    swarm-fast) swarm_ensure; phase_swarm swarm-fast --update-parallelism "$N" --update-order start-first ;;
    engine) phase_engine ;;
  esac
done
swarm_leave

FLOOR=$(( (N * 100 + 99) / 100 ))
cell() { [[ ${STATUS[$1]:-skipped} == ok ]] && echo "$(fmt_s "${TIME[$1]}") s" || echo "${STATUS[$1]:-skipped}"; }
ratio() { [[ -n ${TIME[$1]:-} && -n ${TIME[berth]:-} ]] && awk -v a="${TIME[$1]}" -v b="${TIME[berth]}" 'BEGIN { printf "%.1fx", a / b }' || echo n/a; }
{
  echo
  echo "Berth rolling-update benchmark - $STARTED"
  echo "engine: Docker $(docker version --format '{{.Server.Version}}'), $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "workload: $N x $IMAGE httpd with an init, health check wget every 1 s (timeout $CHECK_TIMEOUT, retries $CHECK_RETRIES, start period $CHECK_START)"
  echo "measured: update $((WARMUPS + 1)) (new env VERSION, same image) after $WARMUPS unmeasured ones"
  echo
  printf '%-34s %-16s %s\n' "" "time to done" "min healthy (of $N)"
  for t in "${TARGET_LIST[@]}"; do
    case $t in
      berth) label="Berth (100 % / 200 %)" ;;
      swarm) label="Swarm (defaults)" ;;
      swarm-fast) label="Swarm (parallelism $N, start-first)" ;;
      engine) label="engine alone (baseline)" ;;
    esac
    printf '%-34s %-16s %s\n' "$label" "$(cell "$t")" "${MIN[$t]:--}"
  done
  echo "ratio to Berth: Swarm(defaults) $(ratio swarm), Swarm(parallelism $N, start-first) $(ratio swarm-fast)"
  if [[ -n ${TIME[engine]:-} ]]; then
    echo "the baseline: Swarm(defaults) / engine alone = $(awk -v a="${TIME[swarm]:-0}" -v b="${TIME[engine]}" 'BEGIN { printf (a > 0 ? "%.1fx" : "n/a"), a / b }') (about the most an orchestrator reaches here);" \
      "Berth / engine alone = $(awk -v a="${TIME[berth]:-0}" -v b="${TIME[engine]}" 'BEGIN { printf (a > 0 ? "%.2fx" : "n/a"), a / b }')"
  fi
  echo "Berth's floor (minimumHealthyPercent 100): $FLOOR healthy"
  [[ -z ${COLD:-} ]] || echo "Berth's first rollout after it started (cold JVM, not in the ratios): $(fmt_s "$COLD") s"
}
