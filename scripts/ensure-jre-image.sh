#!/usr/bin/env bash
# Makes sure a Java 25 runtime image for Berth's Dockerfile exists in the local Docker engine, built
# WITHOUT any container registry: a minimal Debian root fs (debootstrap, like ensure-postgres-image.sh)
# plus a JRE that jlink makes from the local JDK 25, `docker import`ed as berth/jre:25.
# The layout mimics eclipse-temurin:25-jre (JAVA_HOME=/opt/java/openjdk, java on PATH, bash, useradd),
# so the Dockerfile works the same on either base. ensure-berth-image.sh pulls eclipse-temurin first and
# only falls back to this one.
# Idempotent: present (and made from the same JDK release) -> done in well under a second.
# Env: BERTH_OFFLINE_JRE_IMAGE (berth/jre:25), BERTH_JRE_SUITE (trixie), BERTH_DEBIAN_MIRROR.
# Needs root (debootstrap, chroot), a JDK >= 25 and a running engine (scripts/ensure-docker.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

IMAGE=${BERTH_OFFLINE_JRE_IMAGE:-berth/jre:25}
SUITE=${BERTH_JRE_SUITE:-trixie}   # the same Debian release as the offline postgres:17 image
MIRROR=${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
JAVA_DIR=/opt/java/openjdk          # where eclipse-temurin puts it
# Every module of the JDK except development tools, compilers and debuggers' front ends: what the
# Temurin JRE carries too, so nothing Berth (or a library reached by reflection) needs is missing.
EXCLUDED_MODULES='jdk.compiler jdk.editpad jdk.graal.compiler jdk.graal.compiler.management
  jdk.hotspot.agent jdk.internal.ed jdk.internal.le jdk.internal.md jdk.internal.opt jdk.internal.vm.ci
  jdk.jartool jdk.javadoc jdk.jconsole jdk.jdeps jdk.jdi jdk.jlink jdk.jpackage jdk.jshell jdk.jstatd'

BERTH_TAG=ensure-jre-image
say() { echo "[ensure-jre-image] $*"; }
die() { echo "[ensure-jre-image] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"
berth_find_java >/dev/null || die "no JDK >= 25 to jlink a runtime from; install one or set JAVA_HOME"
JDK_VERSION=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
[[ -n $JDK_VERSION ]] || die "cannot read JAVA_RUNTIME_VERSION from $JAVA_HOME/release"

current_version() { docker image inspect -f '{{index .Config.Labels "io.berth.jdk-version"}}' "$IMAGE" 2>/dev/null; }
up_to_date() { [[ $(current_version) == "$JDK_VERSION" ]]; }

if up_to_date; then
  say "$IMAGE already present (JDK $JDK_VERSION)"
  exit 0
fi

# Two callers at once would both spend a minute building: the second waits instead.
exec 9>"/tmp/berth-ensure-jre-image.lock"
flock 9
if up_to_date; then
  say "$IMAGE present (built by a concurrent run)"
  exit 0
fi
if [[ -n $(current_version) ]]; then
  say "$IMAGE was made from JDK $(current_version), the local JDK is $JDK_VERSION: rebuilding"
fi

[[ $(id -u) -eq 0 ]] || die "building $IMAGE needs root (debootstrap, chroot); re-run: sudo $0"
if ! command -v debootstrap >/dev/null 2>&1; then
  berth_step "installing debootstrap (apt-get)" berth_apt_install debootstrap \
    || die "cannot install debootstrap (see above); install it by hand"
fi

START=$SECONDS
printf '[%s] building %s offline: debootstrap %s (minbase) + jlink from %s (%s) … ' "$BERTH_TAG" "$IMAGE" "$SUITE" \
  "$JAVA_HOME" "$JDK_VERSION"
# /var/tmp, not /tmp: /tmp may be a small tmpfs.
WORK=$(mktemp -d /var/tmp/berth-jre.XXXXXX)
ROOTFS=$WORK/rootfs
DEBOOTSTRAP_PID=
JLINK_PID=
cleanup() {
  [[ -n $JLINK_PID ]] && { kill -- "-$JLINK_PID" 2>/dev/null || true; wait "$JLINK_PID" 2>/dev/null || true; }
  if [[ -n $DEBOOTSTRAP_PID ]]; then   # interrupted: stop debootstrap and the dpkg runs under it
    kill -- "-$DEBOOTSTRAP_PID" 2>/dev/null || true
    wait "$DEBOOTSTRAP_PID" 2>/dev/null || true
  fi
  for m in proc sys dev/pts dev; do umount -l "$ROOTFS/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that EXIT's cleanup runs on Ctrl-C or kill, too

# jlink meanwhile (one core, 10-20 s): into a sibling dir, moved into the root fs afterwards.
modules=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' \
  | grep -vxF -f <(tr -s ' \n' '\n' <<<"$EXCLUDED_MODULES" | sed '/^$/d') | paste -sd, -)
JLINK=("$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages
  --compress=zip-6 --output "$WORK/jre")
# With a CDS archive of the JDK's classes (faster start), as the Temurin images have. Own process group,
# like debootstrap below, so that cleanup can stop it.
setsid "${JLINK[@]}" --generate-cds-archive >"$WORK/jlink.log" 2>&1 &
JLINK_PID=$!

# In the background, in its own process group, and waited for: bash runs a signal trap only once the
# foreground command ends; `wait` returns at once. passwd (useradd) is listed explicitly: the Dockerfile
# creates Berth's user with it, as it does on eclipse-temurin. Its output goes to the set-up log.
mark=$(berth_log_mark)
echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) [$BERTH_TAG] debootstrap $SUITE $ROOTFS $MIRROR" >>"$BERTH_SETUP_LOG"
setsid debootstrap --variant=minbase --include=passwd "$SUITE" "$ROOTFS" "$MIRROR" >>"$BERTH_SETUP_LOG" 2>&1 </dev/null &
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
status=0
wait "$JLINK_PID" || status=$?
JLINK_PID=
if [[ $status -ne 0 ]]; then
  printf '(jlink with --generate-cds-archive failed; linking without it) '
  rm -rf "$WORK/jre"
  "${JLINK[@]}" >>"$WORK/jlink.log" 2>&1 || { echo "failed"; cat "$WORK/jlink.log" >&2; die "jlink failed"; }
fi
echo "done in $((SECONDS - START)) s; assembling"

mkdir -p "$ROOTFS$(dirname "$JAVA_DIR")"
mv "$WORK/jre" "$ROOTFS$JAVA_DIR"
# Docs, man pages, translations, apt state: not needed to run Java.
rm -rf "$ROOTFS"/usr/share/{doc,man,info,locale,i18n,lintian,linda}/* \
       "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/* "$ROOTFS"/debootstrap

tar -C "$ROOTFS" --numeric-owner --one-file-system -c . | docker import \
  --change "ENV JAVA_HOME=$JAVA_DIR" \
  --change "ENV PATH=$JAVA_DIR/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["java", "-version"]' \
  --change 'LABEL io.berth.built-offline=true' \
  --change "LABEL io.berth.jdk-version=$JDK_VERSION" \
  - "$IMAGE" >/dev/null

# Smoke test: java starts, and the tools the Dockerfile relies on (bash for the health check, useradd).
docker run --rm "$IMAGE" bash -c 'java -version 2>&1 | head -1 && command -v useradd >/dev/null && echo ok' \
  | tee "$WORK/smoke.log" | grep -qx ok || {
  cat "$WORK/smoke.log" >&2
  docker rmi "$IMAGE" >/dev/null 2>&1 || true
  die "built $IMAGE but it does not run java, bash and useradd"
}
say "built $IMAGE offline in $((SECONDS - START))s ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes): $(head -1 "$WORK/smoke.log")"
