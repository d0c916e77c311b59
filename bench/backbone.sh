#!/usr/bin/env bash
# bench/backbone.sh - measures Berth against Docker Swarm mode and the raw engine, side by side,
# on the same local Docker engine, in one run. Prints figures and ratios; asserts nothing about time.
#
#   (a) apply -> N tasks RUNNING               (Berth, Swarm, raw engine)
#   (b) kill -> replacement running, p50 / p99 (Berth, Swarm)
#
# Usage: bench/backbone.sh [--targets raw,swarm,berth] [--tasks N] [--kills N] [--build|--no-build]
# See bench/README.md for what the numbers mean. Every knob is also an environment variable (BENCH_*).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

# ---------------------------------------------------------------- configuration
TARGETS=${BENCH_TARGETS:-raw,swarm,berth}          # order = order of the phases
N=${BENCH_TASKS:-20}
KILLS=${BENCH_KILLS:-20}
KILL_TIMEOUT=${BENCH_KILL_TIMEOUT_SECONDS:-30}      # give up on one replacement after this
KILL_GAP=${BENCH_KILL_GAP_SECONDS:-1}               # settle time after a replacement, before the next kill ...
KILL_JITTER=${BENCH_KILL_JITTER_SECONDS:-5}         # ... plus a random 0..JITTER s, so kills do not phase-lock
                                                    # with an orchestrator's periodic resync (a fixed gap would)
APPLY_TIMEOUT=${BENCH_APPLY_TIMEOUT_SECONDS:-180}
BERTH_START_TIMEOUT=${BENCH_BERTH_START_TIMEOUT_SECONDS:-180}
CLEANUP_TIMEOUT=${BENCH_CLEANUP_TIMEOUT_SECONDS:-60}
BUILD=${BENCH_BUILD:-auto}                          # auto: build app/target/berth.jar only if missing or not a jar
BERTH_PORT=${BENCH_BERTH_PORT:-18080}
BERTH_JAR=${BENCH_BERTH_JAR:-$ROOT/app/target/berth.jar}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$HERE/results}
POLL=0.05                                           # seconds between polls

TOKEN=bench-admin-token-of-at-least-32-chars
SVC=benchweb
IMAGE=busybox:1.36
CMD=(httpd -f -p 8080 -h /www)
MEM_MIB=32
CPU_UNITS=16                                        # Berth/ECS CPU units (1024 = 1 vCPU)
RAW_LABEL=berth.bench=backbone-raw
SWARM_LABEL=com.docker.swarm.service.name=$SVC
BERTH_LABELS=(berth.service=$SVC berth.managed=true)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --targets) TARGETS=$2; shift 2 ;;
    --tasks) N=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    --build) BUILD=always; shift ;;
    --no-build) BUILD=never; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "backbone: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ $N =~ ^[1-9][0-9]*$ && $KILLS =~ ^[0-9]+$ ]] || { echo "backbone: --tasks must be >= 1 and --kills >= 0" >&2; exit 2; }
IFS=', ' read -r -a TARGET_LIST <<<"$TARGETS"
for t in "${TARGET_LIST[@]}"; do
  [[ $t == berth || $t == swarm || $t == raw ]] || { echo "backbone: unknown target '$t' (berth, swarm, raw)" >&2; exit 2; }
done

export DOCKER_HOST=unix:///var/run/docker.sock     # the one engine all three are measured on

say()  { echo "[backbone] $*" >&2; }
warn() { echo "[backbone] WARNING: $*" >&2; }
die()  { echo "[backbone] ERROR: $*" >&2; exit 1; }

for tool in docker curl jq awk shuf timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not on PATH"
done

# ---------------------------------------------------------------- small helpers
# Wall clock in nanoseconds without forking (bash 5 $EPOCHREALTIME has microsecond resolution);
# docker events' TimeNano is on the same host clock.
now_ns() { local t=$EPOCHREALTIME; t=${t//[.,]/}; echo "${t}000"; }

# ns -> seconds with 3 decimals
fmt_s() { local ns=$1; printf '%d.%03d' $((ns / 1000000000)) $(((ns / 1000000) % 1000)); }

# wait_for TIMEOUT_SECONDS COMMAND...: polls COMMAND every $POLL s until it succeeds; 1 on timeout.
wait_for() {
  local timeout=$1; shift
  local deadline=$(($(now_ns) + timeout * 1000000000))
  until "$@"; do
    (($(now_ns) < deadline)) || return 1
    sleep "$POLL"
  done
}

label_args() { local l; for l in "$@"; do printf -- '--filter\nlabel=%s\n' "$l"; done; }

# count_running LABEL...: number of running containers carrying all the labels.
count_running() {
  local -a f; mapfile -t f < <(label_args "$@")
  docker ps -q --filter status=running "${f[@]}" | wc -l
}
count_all() {
  local -a f; mapfile -t f < <(label_args "$@")
  docker ps -aq "${f[@]}" | wc -l
}
running_is() { local want=$1; shift; [[ $(count_running "$@") -eq $want ]]; }
none_left() { [[ $(count_all "$@") -eq 0 ]]; }

remove_labelled() {
  local -a f ids; mapfile -t f < <(label_args "$@")
  mapfile -t ids < <(docker ps -aq "${f[@]}")
  if ((${#ids[@]})); then docker rm -f "${ids[@]}" >/dev/null 2>&1 || true; fi
}

kill_pidfile() { # kill_pidfile FILE [grace seconds]: stops the process recorded by this script
  local file=$1 grace=${2:-0} pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file"); rm -f "$file"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { warn "pid $pid ignored SIGTERM for ${grace}s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  return 0
}

# ---------------------------------------------------------------- run directory and cleanup
TS=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d "/tmp/berth-backbone.$TS.XXXXXX")
OUT=$WORK/out
mkdir -p "$OUT"

# Every cleanup is idempotent and driven by state files in $WORK, so both a phase (in its own
# subshell) and the top-level EXIT trap may call it.
start_events() { # start_events NAME LABEL...: background `docker events` writing "TimeNano ID" lines
  local name=$1; shift
  local -a f; mapfile -t f < <(label_args "$@")
  docker events --since "$(date +%s)" --filter type=container --filter event=start "${f[@]}" \
    --format '{{.TimeNano}} {{.Actor.ID}}' >"$WORK/$name.events" 2>"$WORK/$name.events.err" &
  echo $! >"$WORK/$name.events.pid"
}
stop_events() { kill_pidfile "$WORK/$1.events.pid" 2; }

cleanup_raw() {
  stop_events raw
  remove_labelled "$RAW_LABEL"
}

cleanup_swarm() {
  stop_events swarm
  if [[ -f $WORK/swarm.service ]]; then
    docker service rm "$SVC" >/dev/null 2>&1 || true
    wait_for "$CLEANUP_TIMEOUT" none_left "$SWARM_LABEL" || { warn "Swarm tasks of $SVC still present after ${CLEANUP_TIMEOUT}s; removing them"; remove_labelled "$SWARM_LABEL"; }
    rm -f "$WORK/swarm.service"
  fi
  if [[ -f $WORK/swarm.initialised ]]; then
    say "leaving the swarm this run created (docker swarm leave --force)"
    docker swarm leave --force >/dev/null 2>&1 || warn "docker swarm leave --force failed; leave it by hand"
    # `swarm init` also creates docker_gwbridge, which survives `swarm leave`.
    if [[ ! -f $WORK/swarm.gwbridge-preexisted ]] && docker network inspect docker_gwbridge >/dev/null 2>&1; then
      docker network rm docker_gwbridge >/dev/null 2>&1 || warn "could not remove docker_gwbridge created by swarm init"
    fi
    rm -f "$WORK/swarm.initialised"
  fi
}

berth_url() { echo "http://127.0.0.1:$BERTH_PORT$1"; }
berth_curl() { curl -sS --max-time 10 -H "Authorization: Bearer $TOKEN" "$@"; }

cleanup_berth() {
  stop_events berth
  if [[ -f $WORK/berth.applied && -f $WORK/berth.pid ]] && kill -0 "$(cat "$WORK/berth.pid")" 2>/dev/null; then
    berth_curl -o /dev/null -X DELETE "$(berth_url /v1/clusters/default/services/$SVC)" 2>/dev/null \
      || warn "DELETE /v1/clusters/default/services/$SVC failed"
    wait_for "$CLEANUP_TIMEOUT" none_left "${BERTH_LABELS[@]}" \
      || warn "Berth did not remove the $SVC containers within ${CLEANUP_TIMEOUT}s; removing them"
  fi
  rm -f "$WORK/berth.applied"
  if [[ -f $WORK/berth.pid ]]; then
    say "stopping Berth"
    kill_pidfile "$WORK/berth.pid" 30
    # A SIGKILLed Berth cannot stop its embedded PostgreSQL: stop the postmaster of *our* data dir only.
    local pm
    while IFS= read -r pm; do
      local ppid; ppid=$(head -1 "$pm" 2>/dev/null || true)
      [[ $ppid =~ ^[0-9]+$ ]] && kill -0 "$ppid" 2>/dev/null && kill -TERM "$ppid" 2>/dev/null || true
    done < <(find "$WORK/berth" -name postmaster.pid 2>/dev/null)
  fi
  remove_labelled "${BERTH_LABELS[@]}"
}

cleanup_all() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  cleanup_raw; cleanup_swarm; cleanup_berth
  if [[ ${KEEP_WORK:-0} == 1 ]]; then say "kept work dir $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- result recording (phase -> files)
rec() { printf '%s\n' "$3" >"$OUT/$1.$2"; }          # rec TARGET KEY VALUE
note() { printf '%s\n' "$2" >>"$OUT/$1.notes"; }      # note TARGET TEXT
fail() { rec "$1" error "$2"; say "$1: FAILED: $2"; exit 1; } # inside a phase subshell

phase_context() { # load of the shared engine at the start of a phase: results are noisy when others use it
  local t=$1
  rec "$t" other_running "$(docker ps -q | wc -l)"
  rec "$t" loadavg "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# kill_loop TARGET LABEL...: KILLS times: kill one running container of the service with `docker kill`,
# latency = first `start` event of a container of the service after the kill - kill time.
kill_loop() {
  local t=$1; shift
  local ev=$WORK/$t.events samples=$OUT/$t.samples
  : >"$samples"
  ((KILLS > 0)) || return 0
  local k victim t_kill line ev_ns ev_id deadline
  for ((k = 1; k <= KILLS; k++)); do
    if ! wait_for "$KILL_TIMEOUT" running_is "$N" "$@"; then
      note "$t" "kill loop stopped before kill $k: service not back at $N running within ${KILL_TIMEOUT}s"
      warn "$t: not back at $N running within ${KILL_TIMEOUT}s; stopping the kill loop"
      break
    fi
    sleep "$(awk -v g="$KILL_GAP" -v j="$KILL_JITTER" -v r="$RANDOM" 'BEGIN { printf "%.3f", g + j * r / 32768 }')"
    local -a f; mapfile -t f < <(label_args "$@")
    victim=$(docker ps -q --no-trunc --filter status=running "${f[@]}" | shuf -n 1)
    [[ -n $victim ]] || fail "$t" "no running container to kill"
    t_kill=$(now_ns)
    docker kill "$victim" >/dev/null || { warn "$t: docker kill $victim failed; skipping"; continue; }
    deadline=$((t_kill + KILL_TIMEOUT * 1000000000))
    line=""
    while :; do
      # TimeNano values have 19 digits: compare them as strings (awk numbers are doubles).
      line=$(awk -v t="$t_kill" 'length($1) == length(t) && $1 "" > t "" { print; exit }' "$ev")
      [[ -n $line ]] && break
      (($(now_ns) < deadline)) || break
      kill -0 "$(cat "$WORK/$t.events.pid" 2>/dev/null)" 2>/dev/null \
        || fail "$t" "docker events stopped during the kill loop: $(tr '\n' ' ' <"$WORK/$t.events.err")"
      sleep 0.01
    done
    if [[ -z $line ]]; then
      echo "timeout" >>"$samples"
      say "$t: kill $k/$KILLS: no replacement within ${KILL_TIMEOUT}s (timeout)"
      continue
    fi
    read -r ev_ns ev_id <<<"$line"
    if [[ $ev_id == "$victim" ]]; then
      echo "$((ev_ns - t_kill)) same" >>"$samples"     # restarted in place rather than replaced
    else
      echo "$((ev_ns - t_kill)) new" >>"$samples"
    fi
    say "$t: kill $k/$KILLS: replacement running after $(fmt_s $((ev_ns - t_kill))) s"
  done
}

check_events_alive() {
  local t=$1
  kill -0 "$(cat "$WORK/$t.events.pid")" 2>/dev/null \
    || fail "$t" "docker events died: $(tr '\n' ' ' <"$WORK/$t.events.err")"
  local seen; seen=$(wc -l <"$WORK/$t.events")
  ((seen >= N)) || note "$t" "docker events reported only $seen start events during apply (expected >= $N)"
}

# ---------------------------------------------------------------- phase: raw engine
phase_raw() {
  trap 'cleanup_raw' EXIT
  local t=raw
  remove_labelled "$RAW_LABEL"
  phase_context $t
  say "raw: $N x 'docker run -d' in parallel (xargs -P$N)"
  local t0 t1
  t0=$(now_ns)
  if ! seq 1 "$N" | xargs -P "$N" -I{} docker run -d --label "$RAW_LABEL" --name "benchraw-{}-$$" \
      --memory "${MEM_MIB}m" --memory-swap "${MEM_MIB}m" --cpu-shares "$CPU_UNITS" \
      "$IMAGE" "${CMD[@]}" >"$WORK/raw.ids" 2>"$WORK/raw.err"; then
    fail $t "docker run failed: $(head -3 "$WORK/raw.err" | tr '\n' ' ')"
  fi
  wait_for "$APPLY_TIMEOUT" running_is "$N" "$RAW_LABEL" \
    || fail $t "only $(count_running "$RAW_LABEL") of $N containers running after ${APPLY_TIMEOUT}s"
  t1=$(now_ns)
  rec $t apply_ns $((t1 - t0))
  say "raw: $N running after $(fmt_s $((t1 - t0))) s"
  note $t "no orchestrator: nothing replaces a killed container, so only apply->running is measured"
  rec $t status ok
}

# ---------------------------------------------------------------- phase: Docker Swarm mode
phase_swarm() {
  trap 'cleanup_swarm' EXIT
  local t=swarm state
  state=$(docker info --format '{{.Swarm.LocalNodeState}}')
  case $state in
    inactive)
      docker network inspect docker_gwbridge >/dev/null 2>&1 && touch "$WORK/swarm.gwbridge-preexisted"
      say "swarm: not active; docker swarm init (left again at the end)"
      if ! docker swarm init >"$WORK/swarm.init.log" 2>&1; then
        # More than one address: pick the one of the default route.
        local addr; addr=$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')
        [[ -n $addr ]] && docker swarm init --advertise-addr "$addr" >"$WORK/swarm.init.log" 2>&1 \
          || fail $t "docker swarm init failed: $(tr '\n' ' ' <"$WORK/swarm.init.log")"
      fi
      touch "$WORK/swarm.initialised" ;;
    active)
      [[ $(docker info --format '{{.Swarm.ControlAvailable}}') == true ]] \
        || fail $t "this node is a Swarm worker, not a manager: cannot create services here"
      say "swarm: already active; using it (left active at the end)" ;;
    *) fail $t "Swarm state is '$state'; expected inactive or active" ;;
  esac
  if docker service inspect "$SVC" >/dev/null 2>&1; then
    [[ $(docker service inspect -f '{{index .Spec.Labels "berth.bench"}}' "$SVC") == backbone ]] \
      || fail $t "a Swarm service named $SVC exists and was not created by this benchmark; not touching it"
    say "swarm: removing leftover service $SVC of an earlier run"
    docker service rm "$SVC" >/dev/null
    wait_for "$CLEANUP_TIMEOUT" none_left "$SWARM_LABEL" || fail $t "leftover $SVC tasks did not go away"
  fi
  remove_labelled "$SWARM_LABEL"
  phase_context $t
  start_events $t "$SWARM_LABEL"
  sleep 0.3
  say "swarm: docker service create --replicas $N $SVC"
  local t0 t1
  t0=$(now_ns)
  touch "$WORK/swarm.service"
  docker service create --detach --no-resolve-image --quiet --name "$SVC" --replicas "$N" \
    --label berth.bench=backbone --limit-memory "${MEM_MIB}M" --reserve-cpu "$(awk -v c=$CPU_UNITS 'BEGIN { printf "%.3f", c / 1024 }')" \
    "$IMAGE" "${CMD[@]}" >"$WORK/swarm.create.log" 2>&1 \
    || fail $t "docker service create failed: $(tr '\n' ' ' <"$WORK/swarm.create.log")"
  wait_for "$APPLY_TIMEOUT" running_is "$N" "$SWARM_LABEL" \
    || fail $t "only $(count_running "$SWARM_LABEL") of $N tasks running after ${APPLY_TIMEOUT}s"
  t1=$(now_ns)
  rec $t apply_ns $((t1 - t0))
  say "swarm: $N running after $(fmt_s $((t1 - t0))) s"
  check_events_alive $t
  kill_loop $t "$SWARM_LABEL"
  rec $t status ok
}

# ---------------------------------------------------------------- phase: Berth
berth_jar_ok() { [[ -f $BERTH_JAR && $(head -c 2 "$BERTH_JAR" 2>/dev/null) == PK ]]; }

berth_health_up() {
  local body
  body=$(curl -s --max-time 2 "$(berth_url /actuator/health)" 2>/dev/null) || return 1
  [[ $body =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]
}

berth_alive() { kill -0 "$(cat "$WORK/berth.pid" 2>/dev/null)" 2>/dev/null; }

berth_log_tail() { tail -n "${1:-15}" "$WORK/berth.log" 2>/dev/null | sed 's/^/    | /' >&2 || true; }

# Berth's view: runningCount == N, and the engine's view: N running containers labelled for the service.
berth_converged() {
  local body
  body=$(berth_curl "$(berth_url /v1/clusters/default/services/$SVC)" 2>/dev/null) || return 1
  [[ $body =~ \"runningCount\"[[:space:]]*:[[:space:]]*([0-9]+) ]] || return 1
  [[ ${BASH_REMATCH[1]} -eq $N ]] || return 1
  running_is "$N" "${BERTH_LABELS[@]}"
}

phase_berth() {
  trap 'cleanup_berth' EXIT
  local t=berth
  # shellcheck source=../scripts/lib.sh
  . "$ROOT/scripts/lib.sh"
  berth_find_java >/dev/null || fail $t "no JDK 25 found (set JAVA_HOME)"

  if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && ! berth_jar_ok; }; then
    say "berth: building $BERTH_JAR (./mvnw -B -q package -DskipTests) ..."
    if ! (cd "$ROOT" && ./mvnw -B -q package -DskipTests) >"$WORK/berth.build.log" 2>&1; then
      cp "$WORK/berth.build.log" "$RESULTS_DIR/backbone-$TS-berth-build.log" 2>/dev/null || true
      fail $t "build failed (./mvnw -B -q package -DskipTests); log: $RESULTS_DIR/backbone-$TS-berth-build.log; first error: $(grep -m1 -E '\[ERROR\]|ERROR' "$WORK/berth.build.log" | cut -c1-300)"
    fi
  fi
  berth_jar_ok || fail $t "$BERTH_JAR is missing or not a jar ($(stat -c %s "$BERTH_JAR" 2>/dev/null || echo 0) bytes); build it or drop --no-build"

  rec $t jar "$BERTH_JAR ($(date -u -r "$BERTH_JAR" +%Y-%m-%dT%H:%M:%SZ); tree $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$( [[ -n $(git --no-optional-locks -C "$ROOT" status --porcelain 2>/dev/null | head -1) ]] && echo ' + uncommitted changes'))"
  if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$BERTH_PORT/"; then
    fail $t "port $BERTH_PORT is already in use; set BENCH_BERTH_PORT"
  fi
  if [[ $(count_all "${BERTH_LABELS[@]}") -gt 0 ]]; then
    warn "berth: removing $(count_all "${BERTH_LABELS[@]}") leftover containers labelled berth.service=$SVC"
    remove_labelled "${BERTH_LABELS[@]}"
  fi

  mkdir -p "$WORK/berth"
  say "berth: starting $BERTH_JAR on port $BERTH_PORT (data dir $WORK/berth)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_BERTH_JAVA_OPTS:-} -jar "$BERTH_JAR" \
    --berth.data-dir="$WORK/berth" --server.port="$BERTH_PORT" --berth.security.admin-token="$TOKEN" \
    >"$WORK/berth.log" 2>&1 </dev/null &
  echo $! >"$WORK/berth.pid"
  local s0; s0=$(now_ns)
  local deadline=$((s0 + BERTH_START_TIMEOUT * 1000000000))
  until berth_health_up; do
    if ! berth_alive; then
      cp "$WORK/berth.log" "$RESULTS_DIR/backbone-$TS-berth.log" 2>/dev/null || true
      berth_log_tail 20
      fail $t "Berth exited during startup; log: $RESULTS_DIR/backbone-$TS-berth.log"
    fi
    if (($(now_ns) >= deadline)); then
      cp "$WORK/berth.log" "$RESULTS_DIR/backbone-$TS-berth.log" 2>/dev/null || true
      berth_log_tail 20
      fail $t "GET /actuator/health not UP within ${BERTH_START_TIMEOUT}s; log: $RESULTS_DIR/backbone-$TS-berth.log"
    fi
    sleep 0.25
  done
  say "berth: healthy after $(fmt_s $(($(now_ns) - s0))) s"
  rec $t startup_ns $(($(now_ns) - s0))
  sleep 2 # let the idle reconciler settle before measuring

  local manifest
  manifest=$(cat <<YAML
apiVersion: berth/v1
kind: TaskDefinition
metadata: {name: $SVC}
spec:
  containers:
    - name: httpd
      image: $IMAGE
      command: [httpd, -f, -p, "8080", -h, /www]
      cpu: $CPU_UNITS
      memory: $MEM_MIB
      essential: true
---
apiVersion: berth/v1
kind: Service
metadata: {name: $SVC, cluster: default}
spec:
  taskDefinition: $SVC
  desiredCount: $N
YAML
)
  phase_context $t
  start_events $t "${BERTH_LABELS[@]}"
  sleep 0.3
  say "berth: POST /v1/apply (desiredCount $N)"
  local t0 t1 code
  t0=$(now_ns)
  touch "$WORK/berth.applied"
  code=$(berth_curl -o "$WORK/berth.apply.out" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
    --data-binary "$manifest" "$(berth_url /v1/apply)") || code=000
  [[ $code == 2?? ]] || fail $t "POST /v1/apply answered HTTP $code: $(head -c 400 "$WORK/berth.apply.out" 2>/dev/null)"
  if ! wait_for "$APPLY_TIMEOUT" berth_converged; then
    local body; body=$(berth_curl "$(berth_url /v1/clusters/default/services/$SVC)" 2>&1 | head -c 400)
    berth_alive || fail $t "Berth died while converging"
    fail $t "not converged within ${APPLY_TIMEOUT}s: docker shows $(count_running "${BERTH_LABELS[@]}") running; GET service: $body"
  fi
  t1=$(now_ns)
  rec $t apply_ns $((t1 - t0))
  say "berth: $N running after $(fmt_s $((t1 - t0))) s"
  check_events_alive $t
  kill_loop $t "${BERTH_LABELS[@]}"
  berth_alive || fail $t "Berth died during the kill loop"
  rec $t status ok
}

# ---------------------------------------------------------------- statistics (parent)
# stats TARGET: sets S_N S_TIMEOUTS S_SAME S_P50 S_P99 S_MIN S_MAX S_MEAN (ns; "timeout" if the rank hits one; "" if none)
stats() {
  local f=$OUT/$1.samples
  S_N=0 S_TIMEOUTS=0 S_SAME=0 S_P50="" S_P99="" S_MIN="" S_MAX="" S_MEAN=""
  [[ -s $f ]] || return 0
  local -a sorted
  # timeouts sort last (as +infinity); nearest-rank percentiles
  mapfile -t sorted < <(awk '{ print ($1 == "timeout" ? "99999999999999999999" : $1) }' "$f" | sort -n)
  S_N=${#sorted[@]}
  S_TIMEOUTS=$(grep -c '^timeout' "$f" || true)
  S_SAME=$(grep -c ' same$' "$f" || true)
  pick() { local r=$1 v; v=${sorted[$((r - 1))]}; [[ $v == 99999999999999999999 ]] && echo timeout || echo "$v"; }
  S_P50=$(pick $(((S_N * 50 + 99) / 100)))
  S_P99=$(pick $(((S_N * 99 + 99) / 100)))
  local ok=$((S_N - S_TIMEOUTS))
  if ((ok > 0)); then
    S_MIN=${sorted[0]}; S_MAX=${sorted[$((ok - 1))]}
    local sum=0 i; for ((i = 0; i < ok; i++)); do sum=$((sum + sorted[i])); done
    S_MEAN=$((sum / ok))
  fi
}

cell() { # cell NS_OR_TIMEOUT_OR_EMPTY -> table text
  case $1 in
    "") echo "-" ;;
    timeout) echo ">${KILL_TIMEOUT} s" ;;
    *) echo "$(fmt_s "$1") s" ;;
  esac
}
jnum() { case $1 in "" | timeout) echo null ;; *) fmt_s "$1" ;; esac; }
ratio() { # ratio A_NS B_NS -> "3.2x" or "" when not computable
  [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $2 -gt 0 ]] || { echo ""; return; }
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'
}
get() { cat "$OUT/$1.$2" 2>/dev/null || true; }

# ---------------------------------------------------------------- main
mkdir -p "$RESULTS_DIR"
"$ROOT/scripts/ensure-docker.sh" >&2 || die "scripts/ensure-docker.sh failed"
"$ROOT/scripts/ensure-test-images.sh" >&2 || die "scripts/ensure-test-images.sh failed"

ENGINE_VERSION=$(docker version --format '{{.Server.Version}}')
ENGINE_API=$(docker version --format '{{.Server.APIVersion}}')
ENGINE_INFO=$(docker info --format '{{.OperatingSystem}}|{{.KernelVersion}}|{{.NCPU}}|{{.MemTotal}}|{{.Driver}}|{{.CgroupVersion}}')
IFS='|' read -r E_OS E_KERNEL E_CPUS E_MEM E_DRIVER E_CGROUP <<<"$ENGINE_INFO"
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
say "engine $ENGINE_VERSION (API $ENGINE_API) on $E_OS, $E_CPUS CPUs; targets: ${TARGET_LIST[*]}; $N tasks, $KILLS kills"

for t in berth swarm raw; do rec $t status skipped; done
for t in "${TARGET_LIST[@]}"; do
  rec "$t" status failed
  say "=== $t ==="
  # Each phase runs in a subshell with its own cleanup trap: one failing target does not stop the others.
  # (Not in an `if`/`||` context: that would switch errexit off inside the subshell.)
  set +e
  (
    set -e
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "phase_$t"
  )
  set -e
  [[ $(get "$t" status) == ok ]] || { [[ -s $OUT/$t.error ]] || rec "$t" error "phase ended unexpectedly (see messages above)"; }
done

# ---------------------------------------------------------------- report
declare -A APPLY P50 P99 STATUS
for t in berth swarm raw; do
  STATUS[$t]=$(get $t status)
  APPLY[$t]=$(get $t apply_ns)
  stats $t
  P50[$t]=$S_P50; P99[$t]=$S_P99
  declare "N_$t=$S_N" "TO_$t=$S_TIMEOUTS" "SAME_$t=$S_SAME" "MIN_$t=$S_MIN" "MAX_$t=$S_MAX" "MEAN_$t=$S_MEAN"
done

col() { # column text for a target
  local t=$1 v=$2
  case ${STATUS[$t]} in
    skipped) echo "skipped" ;;
    failed) [[ -n $v ]] && cell "$v" || echo "FAILED" ;;
    *) cell "$v" ;;
  esac
}

kills_cell() { local nv="N_$1" tv="TO_$1"; [[ ${STATUS[$1]} == skipped || ${!nv} -eq 0 ]] && echo "-" || echo "${!nv} (${!tv})"; }

R_APPLY_SB=$(ratio "${APPLY[swarm]}" "${APPLY[berth]}")
R_P50_SB=$(ratio "${P50[swarm]}" "${P50[berth]}")
R_P99_SB=$(ratio "${P99[swarm]}" "${P99[berth]}")
R_APPLY_BR=$(ratio "${APPLY[berth]}" "${APPLY[raw]}")
R_APPLY_SR=$(ratio "${APPLY[swarm]}" "${APPLY[raw]}")

{
  echo
  echo "Berth backbone benchmark - $STARTED_AT"
  echo "engine: Docker $ENGINE_VERSION (API $ENGINE_API), $E_OS, kernel $E_KERNEL, $E_CPUS CPUs, $E_DRIVER, cgroup v$E_CGROUP"
  echo "workload: $N x $IMAGE '${CMD[*]}', memory ${MEM_MIB} MiB, cpu $CPU_UNITS units; $KILLS kills (docker kill, ${KILL_GAP}+0..${KILL_JITTER} s apart), poll ${POLL}s"
  echo
  printf '%-24s %-14s %-18s %s\n' "" "Berth" "Swarm(defaults)" "raw engine"
  printf '%-24s %-14s %-18s %s\n' "apply -> $N running" "$(col berth "${APPLY[berth]}")" "$(col swarm "${APPLY[swarm]}")" "$(col raw "${APPLY[raw]}")"
  printf '%-24s %-14s %-18s %s\n' "kill -> replaced p50" "$(col berth "${P50[berth]}")" "$(col swarm "${P50[swarm]}")" "-"
  printf '%-24s %-14s %-18s %s\n' "kill -> replaced p99" "$(col berth "${P99[berth]}")" "$(col swarm "${P99[swarm]}")" "-"
  printf '%-24s %-14s %-18s %s\n' "kill -> replaced min/max" \
    "$( [[ -n $MIN_berth ]] && echo "$(fmt_s "$MIN_berth")/$(fmt_s "$MAX_berth")" || echo -)" \
    "$( [[ -n $MIN_swarm ]] && echo "$(fmt_s "$MIN_swarm")/$(fmt_s "$MAX_swarm")" || echo -)" "-"
  printf '%-24s %-14s %-18s %s\n' "kills (timeouts)" "$(kills_cell berth)" "$(kills_cell swarm)" "-"
  line="ratio Swarm/Berth:"
  [[ -n $R_APPLY_SB ]] && line+=" apply ${R_APPLY_SB}x," || line+=" apply n/a,"
  [[ -n $R_P50_SB ]] && line+=" replacement p50 ${R_P50_SB}x," || line+=" replacement p50 n/a,"
  [[ -n $R_P99_SB ]] && line+=" p99 ${R_P99_SB}x" || line+=" p99 n/a"
  echo "$line"
  echo "ratio to raw engine (apply): Berth ${R_APPLY_BR:-n/a}${R_APPLY_BR:+x}, Swarm ${R_APPLY_SR:-n/a}${R_APPLY_SR:+x}"
  echo
  echo "notes:"
  if [[ ${STATUS[swarm]} != skipped ]]; then
    echo "  - Swarm runs with its defaults (--restart-delay 5s, --restart-condition any): the baseline its users get."
  fi
  echo "  - p50/p99 are nearest-rank over the kills made; with fewer than 100 kills p99 is the slowest one."
  echo "  - kill -> replaced = first 'start' event (docker events TimeNano) of a container of the service after the kill time."
  for t in berth swarm raw; do
    if [[ ${STATUS[$t]} == failed ]]; then echo "  - $t FAILED: $(get $t error)"; fi
    if [[ -s $OUT/$t.notes ]]; then sed "s/^/  - $t: /" "$OUT/$t.notes"; fi
    if [[ -s $OUT/$t.jar ]]; then echo "  - $t: jar $(get $t jar)"; fi
    if [[ ${STATUS[$t]} != skipped && -s $OUT/$t.other_running ]]; then
      echo "  - $t: engine load at start: $(get $t other_running) other running containers, loadavg $(get $t loadavg)"
    fi
    v="SAME_$t"
    if [[ ${!v:-0} -gt 0 ]]; then echo "  - $t: ${!v} of the replacements were the killed container restarted in place"; fi
  done
  true
} | tee "$WORK/table.txt"

# ---------------------------------------------------------------- JSON
target_json() {
  local t=$1 samples="[]"
  if [[ -s $OUT/$t.samples ]]; then
    samples=$(awk '{ if ($1 == "timeout") print "null"; else printf "%d.%09d\n", $1 / 1000000000, $1 % 1000000000 }' "$OUT/$t.samples" | jq -s -c .)
  fi
  local nv="N_$t" tv="TO_$t" sv="SAME_$t" mi="MIN_$t" ma="MAX_$t" me="MEAN_$t" notes="[]"
  [[ -s $OUT/$t.notes ]] && notes=$(jq -R . <"$OUT/$t.notes" | jq -s -c .)
  jq -n --arg status "${STATUS[$t]}" --arg error "$(get $t error)" \
    --argjson apply "$(jnum "${APPLY[$t]}")" --argjson startup "$(jnum "$(get $t startup_ns)")" \
    --argjson samples "$samples" --argjson n "${!nv:-0}" --argjson timeouts "${!tv:-0}" --argjson same "${!sv:-0}" \
    --argjson p50 "$(jnum "${P50[$t]}")" --argjson p99 "$(jnum "${P99[$t]}")" \
    --argjson min "$(jnum "${!mi}")" --argjson max "$(jnum "${!ma}")" --argjson mean "$(jnum "${!me}")" \
    --arg jar "$(get $t jar)" --arg other "$(get $t other_running)" --arg load "$(get $t loadavg)" --argjson notes "$notes" \
    '{status: $status, error: (if $error == "" then null else $error end),
      applyToAllRunningSeconds: $apply,
      killToReplacement: {kills: $n, timeouts: $timeouts, restartedInPlace: $same,
        p50Seconds: $p50, p99Seconds: $p99, minSeconds: $min, maxSeconds: $max, meanSeconds: $mean,
        samplesSeconds: $samples},
      otherRunningContainersAtStart: (if $other == "" then null else ($other | tonumber) end),
      loadavgAtStart: (if $load == "" then null else $load end),
      notes: $notes}
     + (if $startup == null then {} else {berthStartupSeconds: $startup} end)
     + (if $jar == "" then {} else {berthJar: $jar} end)'
}
rnum() { [[ -n $1 ]] && echo "$1" || echo null; }
JSON_FILE="$RESULTS_DIR/backbone-$TS.json"
jq -n --arg started "$STARTED_AT" --arg ev "$ENGINE_VERSION" --arg api "$ENGINE_API" --arg os "$E_OS" \
  --arg kernel "$E_KERNEL" --argjson cpus "$E_CPUS" --argjson mem "$E_MEM" --arg driver "$E_DRIVER" --arg cg "$E_CGROUP" \
  --argjson n "$N" --argjson kills "$KILLS" --argjson kt "$KILL_TIMEOUT" --argjson gap "$KILL_GAP" --argjson jitter "$KILL_JITTER" \
  --arg image "$IMAGE" --argjson cmd "$(printf '%s\n' "${CMD[@]}" | jq -R . | jq -s -c .)" \
  --argjson memmib "$MEM_MIB" --argjson cpu "$CPU_UNITS" --argjson poll "$POLL" \
  --argjson berth "$(target_json berth)" --argjson swarm "$(target_json swarm)" --argjson raw "$(target_json raw)" \
  --argjson rasb "$(rnum "$R_APPLY_SB")" --argjson rp50 "$(rnum "$R_P50_SB")" --argjson rp99 "$(rnum "$R_P99_SB")" \
  --argjson rabr "$(rnum "$R_APPLY_BR")" --argjson rasr "$(rnum "$R_APPLY_SR")" \
  '{benchmark: "backbone", startedAt: $started,
    engine: {version: $ev, apiVersion: $api, os: $os, kernel: $kernel, cpus: $cpus, memTotalBytes: $mem, storageDriver: $driver, cgroupVersion: $cg},
    config: {tasks: $n, kills: $kills, killTimeoutSeconds: $kt, killGapSeconds: $gap, killGapJitterSeconds: $jitter, pollIntervalSeconds: $poll,
             image: $image, command: $cmd, memoryMiB: $memmib, cpuUnits: $cpu,
             swarm: "defaults (restart delay 5s); --limit-memory 32M, --reserve-cpu cpuUnits/1024, --no-resolve-image",
             raw: "docker run -d x tasks in parallel (xargs -P tasks), --memory, --cpu-shares"},
    targets: {berth: $berth, swarm: $swarm, raw: $raw},
    ratios: {swarmOverBerth: {apply: $rasb, killP50: $rp50, killP99: $rp99},
             berthOverRaw: {apply: $rabr}, swarmOverRaw: {apply: $rasr}}}' >"$JSON_FILE"
echo
echo "JSON: $JSON_FILE"

# Exit status: 0 when every requested target was measured, 1 otherwise (timings never fail the run).
for t in "${TARGET_LIST[@]}"; do [[ ${STATUS[$t]} == ok ]] || exit 1; done
exit 0
