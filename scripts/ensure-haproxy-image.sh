#!/usr/bin/env bash
# Makes sure the HAProxy image Berth's load balancers run (berth/haproxy:2.6) exists in the local Docker engine.
# Order: already present -> done (< 1 s); `docker pull` (short timeout; a registry that has it is the normal way)
# -> done; otherwise build it offline: debootstrap a minimal Debian bookworm with Debian's haproxy package (2.6),
# trim it, `docker import` it under exactly that name, so tests are identical on machines that can pull it.
# Keep IMAGE in sync with io.berth.reconciler.traffic.HaproxySettings.IMAGE.
# Needs root (debootstrap) and a running engine: run scripts/ensure-docker.sh first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
BERTH_TAG=ensure-haproxy-image

IMAGE=${BERTH_HAPROXY_IMAGE:-berth/haproxy:2.6}
SUITE=bookworm   # its haproxy package is the 2.6 LTS line
MIRROR=${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PULL_TIMEOUT=${BERTH_PULL_TIMEOUT_SECONDS:-20}

say() { echo "[ensure-haproxy-image] $*"; }
die() { echo "[ensure-haproxy-image] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE already present"
  exit 0
fi

# Two callers at once (parallel builds) would both spend a minute building: the second waits instead.
exec 9>"/tmp/berth-ensure-haproxy-image.lock"
flock 9
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE present (built by a concurrent run)"
  exit 0
fi

say "trying: docker pull $IMAGE (timeout ${PULL_TIMEOUT}s)"
if timeout "$PULL_TIMEOUT" docker pull -q "$IMAGE" >/dev/null 2>&1; then
  say "pulled $IMAGE"
  exit 0
fi
say "pull failed or timed out; building $IMAGE offline with debootstrap ($SUITE + haproxy)"

[[ $(id -u) -eq 0 ]] || die "building $IMAGE needs root (debootstrap, chroot); re-run: sudo $0"
if ! command -v debootstrap >/dev/null 2>&1; then
  berth_step "installing debootstrap (apt-get)" berth_apt_install debootstrap \
    || die "cannot install debootstrap (see above); install it by hand"
fi

START=$SECONDS
WORK=$(mktemp -d /var/tmp/berth-haproxy.XXXXXX)
SMOKE=berth-haproxy-smoke-$$
DEBOOTSTRAP_PID=
cleanup() {
  if [[ -n $DEBOOTSTRAP_PID ]]; then   # interrupted: stop debootstrap and the dpkg runs under it
    kill -- "-$DEBOOTSTRAP_PID" 2>/dev/null || true
    wait "$DEBOOTSTRAP_PID" 2>/dev/null || true
  fi
  docker rm -f "$SMOKE" >/dev/null 2>&1 || true
  for m in proc sys dev/pts dev; do umount -l "$WORK/rootfs/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ROOTFS=$WORK/rootfs

printf '[%s] debootstrap %s (minbase) with haproxy … ' "$BERTH_TAG" "$SUITE"
mark=$(berth_log_mark)
echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) [$BERTH_TAG] debootstrap $SUITE $ROOTFS $MIRROR" >>"$BERTH_SETUP_LOG"
setsid debootstrap --variant=minbase --include=haproxy "$SUITE" "$ROOTFS" "$MIRROR" \
  >>"$BERTH_SETUP_LOG" 2>&1 </dev/null &
DEBOOTSTRAP_PID=$!
status=0
wait "$DEBOOTSTRAP_PID" || status=$?
DEBOOTSTRAP_PID=
if [[ $status -ne 0 ]]; then
  echo "failed after $((SECONDS - START)) s"
  berth_log_since "$mark"
  tail -n 30 "$ROOTFS/debootstrap/debootstrap.log" >&2 2>/dev/null || true
  die "debootstrap failed (mirror $MIRROR; set BERTH_DEBIAN_MIRROR to use another)"
fi
for m in proc sys dev/pts dev; do umount -l "$ROOTFS/$m" 2>/dev/null || true; done
echo "done in $((SECONDS - START)) s"

# Docs, man pages, translations, apt state and the package's sample configuration: not needed to run a proxy
# whose configuration Berth writes. /run/haproxy holds the runtime API socket (stats socket) Berth talks to.
rm -rf "$ROOTFS"/usr/share/{doc,man,info,locale,i18n,lintian,linda}/* \
       "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/* \
       "$ROOTFS"/debootstrap "$ROOTFS"/etc/haproxy/errors
mkdir -p "$ROOTFS/run/haproxy" "$ROOTFS/usr/local/etc/haproxy"
# An empty server-state file (format version 1, no servers): HAProxy loads it without a warning until Berth first
# saves the real state ("show servers state") before a reload.
printf '1\n' >"$ROOTFS/run/haproxy/server-state"
# A configuration that passes `haproxy -c` on its own, so the image starts even before Berth has written one.
cat >"$ROOTFS/usr/local/etc/haproxy/haproxy.cfg" <<'CFG'
global
    stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
CFG

# -W: master-worker mode, so a SIGUSR2 to PID 1 is a hitless reload (the old worker finishes its connections);
# -db: stay in the foreground (the container's life is HAProxy's).
# (docker import cannot set STOPSIGNAL: Berth asks for SIGUSR1, a soft stop, when it creates the container.)
tar -C "$ROOTFS" --numeric-owner --one-file-system -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]' \
  --change 'LABEL io.berth.built-offline=true' \
  - "$IMAGE" >/dev/null

# Smoke test: the version is 2.6 and the default configuration is valid.
version=$(docker run --rm --name "$SMOKE" "$IMAGE" haproxy -v 2>&1 | sed -n 1p)
[[ $version == *"version 2.6"* ]] || { docker rmi "$IMAGE" >/dev/null 2>&1 || true; die "built $IMAGE, but: $version"; }
docker run --rm --name "$SMOKE" "$IMAGE" haproxy -c -f /usr/local/etc/haproxy/haproxy.cfg >/dev/null 2>&1 || {
  docker rmi "$IMAGE" >/dev/null 2>&1 || true
  die "built $IMAGE but its default configuration does not pass haproxy -c"
}
say "built $IMAGE offline in $((SECONDS - START))s ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes): $version"
