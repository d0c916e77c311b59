#!/usr/bin/env bash
# End-to-end check of docker-compose.yml: validates it, builds or finds the images (offline if no
# registry answers), starts PostgreSQL + Berth as project "berth-smoke", waits for Berth to be healthy,
# applies a service of 2 busybox httpd tasks, waits until both containers run and answer, deletes the
# service (?wait=true) and checks its containers are gone. `down -v` runs always (trap), also on failure
# or Ctrl-C; on failure the services' logs are printed first. Exits non-zero with the failed step.
# Env: BERTH_PORT (18090: not the default 8080, to leave a running Berth alone), BERTH_COMPOSE (command,
#      default: docker-compose if installed, else `docker compose`, else Debian's docker-compose is
#      installed), BERTH_SMOKE_TIMEOUT_SECONDS (per waiting step, 180), and whatever docker-compose.yml
#      reads (BERTH_USER, DOCKER_GID, BERTH_ADMIN_TOKEN, ...); ensure-berth-image.sh's BERTH_SKIP_JAR_BUILD.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

PROJECT=berth-smoke
export BERTH_PORT=${BERTH_PORT:-18090}
export BERTH_BIND=127.0.0.1
TIMEOUT=${BERTH_SMOKE_TIMEOUT_SECONDS:-180}
SERVICE=compose-smoke-$$-$RANDOM      # unique: other Berths may share this engine
BASE=http://127.0.0.1:$BERTH_PORT
T0=$(date +%s.%N)
T_STEP=$T0

say() { echo "[compose-smoke] $*"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { say "$1 ($(elapsed "$T_STEP")s; total $(elapsed "$T0")s)"; T_STEP=$(date +%s.%N); }
FAILED=
fail() { FAILED=$1; echo "[compose-smoke] FAILED: $1" >&2; exit 1; }
# Polls "$@" every 0.5 s until it succeeds or TIMEOUT seconds have passed.
wait_for() {
  local what=$1; shift
  local deadline=$((SECONDS + TIMEOUT))
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not reached within ${TIMEOUT}s"
    sleep 0.5
  done
}

"$here/ensure-docker.sh" >/dev/null

# Compose: Debian's docker-compose 1.29 or Compose v2; the file is written for both.
if [[ -n ${BERTH_COMPOSE:-} ]]; then
  read -r -a COMPOSE <<<"$BERTH_COMPOSE"
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  [[ $(id -u) -eq 0 ]] || fail "neither docker-compose nor 'docker compose' is installed (apt-get install docker-compose)"
  say "installing Debian's docker-compose"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose; } >/dev/null \
    || fail "cannot install docker-compose"
  COMPOSE=(docker-compose)
fi
compose() { "${COMPOSE[@]}" -f "$root/docker-compose.yml" -p "$PROJECT" "$@"; }

# One smoke run at a time (same project name and port).
exec 9>/tmp/berth-compose-smoke.lock
flock -w 600 9 || fail "another compose-smoke run holds /tmp/berth-compose-smoke.lock"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ $status -ne 0 ]]; then
    say "logs of the failed run (last 40 lines per service):"
    compose logs --no-color --tail=40 berth postgres 2>&1 | sed 's/^/    /' >&2 || true
  fi
  # Containers Berth started (not part of the compose project) if the delete did not happen.
  docker ps -aq --filter "label=berth.service=$SERVICE" | xargs -r docker rm -f >/dev/null 2>&1 || true
  local t=$(date +%s.%N)
  compose down -v --remove-orphans >/dev/null 2>&1 || say "WARNING: '${COMPOSE[*]} -p $PROJECT down -v' failed"
  say "down -v took $(elapsed "$t")s"
  if [[ $status -eq 0 ]]; then
    say "PASSED in $(elapsed "$T0")s"
  else
    say "FAILED${FAILED:+: $FAILED} (after $(elapsed "$T0")s)" >&2
  fi
  exit $status
}
trap cleanup EXIT
trap 'FAILED=${FAILED:-interrupted}; exit 130' INT TERM

say "using: ${COMPOSE[*]} ($("${COMPOSE[@]}" version --short 2>/dev/null || echo '?')), project $PROJECT, port $BERTH_PORT"
compose config -q || fail "docker-compose.yml is not valid for ${COMPOSE[*]}"
step "docker-compose.yml is valid"

"$here/ensure-postgres-image.sh" || fail "no postgres:17 image"
"$here/ensure-test-images.sh" || fail "no busybox:1.36 image"
"$here/ensure-berth-image.sh" || fail "no berth/berth:latest image"
step "images ready"

# Left over from a killed run: start clean.
compose down -v --remove-orphans >/dev/null 2>&1 || true
compose up -d --no-build || fail "'up -d' failed"
step "compose up -d returned"

health_up() { curl -fsS --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
wait_for "Berth healthy on $BASE/actuator/health" health_up
step "Berth answers UP on $BASE/actuator/health"

if [[ -n ${BERTH_ADMIN_TOKEN:-} ]]; then
  TOKEN=$BERTH_ADMIN_TOKEN
else
  TOKEN=$(compose exec -T berth cat /var/lib/berth/admin-token | tr -d '\r\n') \
    || fail "cannot read the generated admin token from the berth container"
  [[ -n $TOKEN ]] || fail "the generated admin token is empty"
fi
AUTH=(-H "Authorization: Bearer $TOKEN")

instance_connected() {
  curl -fsS --max-time 5 "${AUTH[@]}" "$BASE/v1/clusters/default/container-instances" 2>/dev/null \
    | grep -q '"connected":true'
}
wait_for "the local engine registered as a container instance of cluster default" instance_connected
step "local engine registered: $(curl -fsS "${AUTH[@]}" "$BASE/v1/clusters/default/container-instances" | head -c 300)"

manifest=$(cat <<EOF
apiVersion: berth/v1
kind: TaskDefinition
metadata: {name: $SERVICE}
spec:
  containers:
    - name: httpd
      image: busybox:1.36
      command: [httpd, -f, -p, "8080", -h, /www]
      cpu: 64
      memory: 32
      essential: true
      portMappings: [{containerPort: 8080, hostPort: 0}]
---
apiVersion: berth/v1
kind: Service
metadata: {name: $SERVICE, cluster: default}
spec:
  taskDefinition: $SERVICE
  desiredCount: 2
EOF
)
code=$(curl -sS -o /tmp/berth-compose-smoke-apply.$$ -w '%{http_code}' --max-time 30 "${AUTH[@]}" \
  -H 'Content-Type: application/yaml' --data-binary "$manifest" "$BASE/v1/apply") || code=000
body=$(cat /tmp/berth-compose-smoke-apply.$$ 2>/dev/null); rm -f /tmp/berth-compose-smoke-apply.$$
[[ $code == 200 ]] || fail "POST /v1/apply answered HTTP $code: $body"
step "applied service $SERVICE (desiredCount 2): $body"

running() { docker ps -q --filter "label=berth.service=$SERVICE" --filter status=running | wc -l; }
two_running() { [[ $(running) -eq 2 ]]; }
wait_for "2 running containers labelled berth.service=$SERVICE" two_running
step "2 containers running"

for id in $(docker ps -q --filter "label=berth.service=$SERVICE"); do
  port=$(docker port "$id" 8080/tcp | head -1 | sed 's/.*://')
  answers() { curl -fsS --max-time 2 "http://127.0.0.1:$port/" >/dev/null 2>&1; }
  wait_for "task container $id answering on host port $port" answers
done
step "both tasks answer HTTP on their dynamic host ports"

code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time $((TIMEOUT + 10)) "${AUTH[@]}" -X DELETE \
  "$BASE/v1/clusters/default/services/$SERVICE?wait=true&timeout=${TIMEOUT}s") || code=000
[[ $code == 200 ]] || fail "DELETE service answered HTTP $code (want 200 with ?wait=true)"
left=$(docker ps -aq --filter "label=berth.service=$SERVICE" | wc -l)
[[ $left -eq 0 ]] || fail "$left container(s) labelled berth.service=$SERVICE remain after the delete"
step "service deleted, its containers removed"

berth_health() { [[ $(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q berth)" 2>/dev/null) == healthy ]]; }
wait_for "the berth container's HEALTHCHECK reporting healthy" berth_health
step "berth container healthy (image HEALTHCHECK), user $(docker inspect -f '{{.Config.User}}' "$(compose ps -q berth)")"
