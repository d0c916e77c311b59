#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock.
# Idempotent: exits 0 at once when `docker info` already works.
# There is no systemd on the build machines, so dockerd is started in the background by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
BERTH_TAG=ensure-docker

LOG=/var/log/berth-dockerd.log
SOCK=/var/run/docker.sock
WAIT_SECONDS=${BERTH_DOCKERD_WAIT_SECONDS:-60}

say() { echo "[ensure-docker] $*"; }
die() { echo "[ensure-docker] ERROR: $*" >&2; exit 1; }

engine_ok() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_ok; then
  say "Docker engine already running ($(docker info --format '{{.ServerVersion}}' 2>/dev/null))"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  die "no Docker engine answers on $SOCK and this script is not root.
  Start one yourself (e.g. 'sudo dockerd >$LOG 2>&1 &') or re-run as root: sudo $0"
fi

if ! command -v dockerd >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "dockerd is not installed and apt-get is unavailable; install Docker Engine (docker.io) by hand"
  berth_step "dockerd not found: installing docker.io (apt-get)" berth_apt_install docker.io \
    || die "apt-get install docker.io failed (see above); install docker.io by hand"
fi
# The Debian package's client may be absent when a newer client already sits in /usr/local/bin; either works.
command -v docker >/dev/null 2>&1 || die "dockerd is present but no docker client is on PATH"

# A dockerd that died uncleanly leaves its pidfile and socket behind; it refuses to start with a stale pidfile.
if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  say "removing stale /var/run/docker.pid"
  rm -f /var/run/docker.pid
fi

# The engine of $SOCK only: the netns cluster's engines (scripts/cluster-up.sh) are dockerd processes too, with
# their own --exec-root and pidfile, and must not be taken for this one starting.
main_dockerd_pid() {
  local pid
  for pid in $(pgrep -x dockerd || true); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- '--exec-root' || { echo "$pid"; return; }
  done
}
if [[ -n $(main_dockerd_pid) ]]; then
  printf '[ensure-docker] dockerd is already starting (pid %s): waiting for it … ' "$(main_dockerd_pid)"
else
  printf '[ensure-docker] starting dockerd in the background (log: %s) … ' "$LOG"
  # setsid + nohup: dockerd must outlive this script and the shell that called it.
  setsid nohup dockerd >>"$LOG" 2>&1 </dev/null &
fi

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if [[ -S $SOCK ]] && engine_ok; then
    echo "ready after ~${i} s ($(docker info --format '{{.ServerVersion}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done

echo "no answer"
echo "[ensure-docker] last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
die "dockerd did not answer within ${WAIT_SECONDS}s; see $LOG"
