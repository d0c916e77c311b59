#!/usr/bin/env bash
# A private Docker registry (distribution v2, Debian's docker-registry) with htpasswd basic auth, for the tests
# of repositoryCredentials against a real registry. No internet registry is reachable on the build machines.
#
#   ensure-test-registry.sh         start it if it is not running (idempotent, < 1 s when up) and push the test
#                                   image; prints the path of its env file (REGISTRY, USERNAME, PASSWORD, IMAGE)
#   ensure-test-registry.sh stop    stop it and delete its state
#
# It is its own process (not a container: `docker rm` of test containers cannot touch it), listens on
# 127.0.0.1 only (Docker allows plain HTTP to 127.0.0.0/8 registries without --insecure-registry), on a port
# no other Berth test uses. The test image busybox:1.36 is pushed as $REGISTRY/berth-e2e/private:1 and the local
# tag is removed, so a test's launch must pull it through the registry with credentials.
# Needs a running engine (scripts/ensure-docker.sh, scripts/ensure-test-images.sh) and root to apt-get install.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
BERTH_TAG=ensure-test-registry
BERTH_STEP_FD=2 # stdout carries the env file's path

PORT=${BERTH_TEST_REGISTRY_PORT:-5391}
STATE=${BERTH_TEST_REGISTRY_DIR:-/var/lib/berth-test-registry}
BASE_IMAGE=${BERTH_TEST_IMAGE:-busybox:1.36}
REGISTRY=127.0.0.1:$PORT
IMAGE=$REGISTRY/berth-e2e/private:1
USERNAME=berth-e2e
ENV_FILE=$STATE/registry.env
PIDFILE=$STATE/registry.pid

say() { echo "[ensure-test-registry] $*" >&2; }
die() { echo "[ensure-test-registry] ERROR: $*" >&2; exit 1; }

mkdir -p "$STATE"
# Two test JVMs (or test.sh and a test) at once must not both start a registry or push.
exec 9>"$STATE.lock"
flock 9

running() { [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

if [[ ${1:-} == stop ]]; then
  if running; then
    pid=$(cat "$PIDFILE")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "stopped registry (pid $pid)"
  fi
  docker image rm "$IMAGE" >/dev/null 2>&1 || true
  rm -rf "$STATE"
  exit 0
fi

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"
docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || die "$BASE_IMAGE is missing; run scripts/ensure-test-images.sh first"

if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || die "docker-registry/htpasswd are not installed; run as root or: apt-get install -y docker-registry apache2-utils"
  berth_step "installing docker-registry and apache2-utils (htpasswd) (apt-get)" \
    berth_apt_install docker-registry apache2-utils \
    || die "cannot install docker-registry/apache2-utils (see above); install them by hand"
fi

# 401 on /v2/ = our registry is up and asks for credentials.
answers() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" 2>/dev/null) == 401 ]]; }

if ! running; then
  if answers; then
    die "something else answers on $REGISTRY; set BERTH_TEST_REGISTRY_PORT to a free port"
  fi
  [[ -f $STATE/password ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$STATE/password")
  # The registry accepts bcrypt entries only (-B).
  htpasswd -Bbc "$STATE/htpasswd" "$USERNAME" "$(cat "$STATE/password")" 2>/dev/null
  cat >"$STATE/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
auth:
  htpasswd:
    realm: berth-test-registry
    path: $STATE/htpasswd
EOF
  say "starting docker-registry on $REGISTRY (log: $STATE/registry.log)"
  # setsid + nohup: the registry outlives this script and the test JVM that called it; `stop` ends it.
  # 9>&-: it must not inherit (and so hold forever) the lock.
  setsid nohup docker-registry serve "$STATE/config.yml" >>"$STATE/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$PIDFILE"
  for _ in $(seq 100); do answers && break; sleep 0.1; done
  answers || { tail -n 20 "$STATE/registry.log" >&2; die "docker-registry did not answer on $REGISTRY"; }
fi

cat >"$ENV_FILE" <<EOF
REGISTRY=$REGISTRY
USERNAME=$USERNAME
PASSWORD=$(cat "$STATE/password")
IMAGE=$IMAGE
EOF
chmod 600 "$ENV_FILE"

# Push once per registry life: its manifest answers 200 with credentials afterwards.
manifest=$(curl -s -o /dev/null -w '%{http_code}' -u "$USERNAME:$(cat "$STATE/password")" \
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "http://$REGISTRY/v2/berth-e2e/private/manifests/1")
if [[ $manifest != 200 ]]; then
  # A login of our own (DOCKER_CONFIG), so the machine's ~/.docker/config.json is never touched.
  export DOCKER_CONFIG=$STATE/docker-config
  mkdir -p "$DOCKER_CONFIG"
  docker login -u "$USERNAME" --password-stdin "$REGISTRY" <"$STATE/password" >/dev/null 2>&1 \
    || die "docker login to $REGISTRY failed"
  docker tag "$BASE_IMAGE" "$IMAGE"
  docker push "$IMAGE" >/dev/null || die "docker push $IMAGE failed"
  docker logout "$REGISTRY" >/dev/null 2>&1 || true
  rm -rf "$DOCKER_CONFIG"
  say "pushed $IMAGE"
fi
# The local tag goes, so that using the image means pulling it (with credentials) from the registry.
docker image rm "$IMAGE" >/dev/null 2>&1 || true
echo "$ENV_FILE"
