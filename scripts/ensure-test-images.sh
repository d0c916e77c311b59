#!/usr/bin/env bash
# Makes sure the test workload image busybox:1.36 exists in the local Docker engine.
# Order: already present -> done; `docker pull` (short timeout) -> done; otherwise build it
# offline from Debian's busybox-static, because no registry is reachable on the build machines.
# The PostgreSQL image is NOT handled here: see scripts/ensure-postgres-image.sh.
# Needs a running engine: run scripts/ensure-docker.sh first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
BERTH_TAG=ensure-test-images

IMAGE=${BERTH_TEST_IMAGE:-busybox:1.36}
PULL_TIMEOUT=${BERTH_PULL_TIMEOUT_SECONDS:-20}

say() { echo "[ensure-test-images] $*"; }
die() { echo "[ensure-test-images] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE already present"
  exit 0
fi

say "trying: docker pull $IMAGE (timeout ${PULL_TIMEOUT}s)"
if timeout "$PULL_TIMEOUT" docker pull -q "$IMAGE" >/dev/null 2>&1; then
  say "pulled $IMAGE"
  exit 0
fi
say "pull failed or timed out; building $IMAGE offline from busybox-static"

BUSYBOX=/bin/busybox
# ldd exits non-zero for a static binary, so capture its text instead of piping (pipefail).
is_static() { [[ -x $BUSYBOX ]] && [[ $(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true) == *"not a dynamic executable"* ]]; }
if ! is_static; then
  # Debian's plain `busybox` package is dynamically linked and would not run in an empty root fs.
  [[ $(id -u) -eq 0 ]] || die "busybox-static is not installed; run as root or: apt-get install -y busybox-static"
  berth_step "installing busybox-static (apt-get)" berth_apt_install busybox-static \
    || die "cannot install busybox-static (see above); install it by hand"
  is_static || die "$BUSYBOX is still not a static binary after installing busybox-static"
fi

ROOT=$(mktemp -d /tmp/berth-busybox.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,www,root,var/run,proc,sys,dev}
chmod 1777 "$ROOT/tmp"
cp "$BUSYBOX" "$ROOT/bin/busybox"
# `busybox --list` gives applet names only; links in /bin cover every PATH lookup inside the image.
for applet in $("$ROOT/bin/busybox" --list); do
  [[ $applet == busybox ]] && continue
  ln -sf busybox "$ROOT/bin/$applet"
done
cat >"$ROOT/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PW
cat >"$ROOT/etc/group" <<'GR'
root:x:0:
nogroup:x:65534:
GR
echo "hello from berth busybox" >"$ROOT/www/index.html"

tar -C "$ROOT" -c . | docker import \
  --change 'CMD ["sh"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'WORKDIR /' \
  --change 'LABEL io.berth.built-offline=true' \
  - "$IMAGE" >/dev/null

docker run --rm "$IMAGE" sh -c 'wget --help >/dev/null 2>&1; httpd --help >/dev/null 2>&1; echo ok' | grep -q ok \
  || die "built $IMAGE but it does not run a shell"
say "built $IMAGE offline ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)"
