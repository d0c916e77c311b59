#!/usr/bin/env bash
# Makes sure the PostgreSQL image Berth's tests use (postgres:17) exists in the local Docker engine.
# Order: already present -> done (< 1 s); `docker pull` (short timeout) -> done; otherwise build it
# offline: debootstrap a minimal Debian trixie with postgresql-17, trim it, `docker import` it under
# exactly the official name, so tests are identical on machines that can reach Docker Hub.
# Keep IMAGE in sync with io.berth.db.PostgresTestImage (db test sources).
# Needs root (debootstrap) and a running engine: run scripts/ensure-docker.sh first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
BERTH_TAG=ensure-postgres-image

IMAGE=${BERTH_POSTGRES_IMAGE:-postgres:17}
PG_MAJOR=17
SUITE=trixie
MIRROR=${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PULL_TIMEOUT=${BERTH_PULL_TIMEOUT_SECONDS:-20}

say() { echo "[ensure-postgres-image] $*"; }
die() { echo "[ensure-postgres-image] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE already present"
  exit 0
fi

# Two callers at once (parallel builds) would both spend a minute building: the second waits instead.
exec 9>"/tmp/berth-ensure-postgres-image.lock"
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
say "pull failed or timed out; building $IMAGE offline with debootstrap ($SUITE + postgresql-$PG_MAJOR)"

[[ $(id -u) -eq 0 ]] || die "building $IMAGE needs root (debootstrap, chroot); re-run: sudo $0"
if ! command -v debootstrap >/dev/null 2>&1; then
  berth_step "installing debootstrap (apt-get)" berth_apt_install debootstrap \
    || die "cannot install debootstrap (see above); install it by hand"
fi

START=$SECONDS
# /var/tmp, not /tmp: /tmp may be a small tmpfs, and the root fs briefly needs ~300 MB.
WORK=$(mktemp -d /var/tmp/berth-postgres.XXXXXX)
SMOKE=berth-postgres-smoke-$$
DEBOOTSTRAP_PID=
cleanup() {
  if [[ -n $DEBOOTSTRAP_PID ]]; then   # interrupted: stop debootstrap and the dpkg runs under it
    kill -- "-$DEBOOTSTRAP_PID" 2>/dev/null || true
    wait "$DEBOOTSTRAP_PID" 2>/dev/null || true
  fi
  docker rm -f "$SMOKE" >/dev/null 2>&1 || true
  # debootstrap may leave /proc or /sys mounted inside the target when it fails half-way.
  for m in proc sys dev/pts dev; do umount -l "$WORK/rootfs/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$WORK"   # never into a mount (e.g. /dev bound by debootstrap) left behind
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that EXIT's cleanup runs on Ctrl-C or kill, too
ROOTFS=$WORK/rootfs

# In the background, in its own process group, and waited for: bash runs a signal trap only once the
# foreground command ends, which would be a minute; `wait` returns at once. Its output goes to the set-up log.
printf '[%s] debootstrap %s (minbase) with postgresql-%s … ' "$BERTH_TAG" "$SUITE" "$PG_MAJOR"
mark=$(berth_log_mark)
echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) [$BERTH_TAG] debootstrap $SUITE $ROOTFS $MIRROR" >>"$BERTH_SETUP_LOG"
setsid debootstrap --variant=minbase --include="postgresql-$PG_MAJOR" "$SUITE" "$ROOTFS" "$MIRROR" \
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

# The package's postinst created a cluster "main" we do not use: the entrypoint runs initdb itself,
# with the user and password the container is given.
rm -rf "$ROOTFS/etc/postgresql/$PG_MAJOR/main" "$ROOTFS/var/lib/postgresql/$PG_MAJOR"
# Docs, man pages, translations, locale sources (C.UTF-8 is built into glibc), apt state: not needed
# to run a server. LLVM and its z3 (for JIT, >100 MB): PostgreSQL disables JIT by itself when its
# provider library cannot be loaded.
rm -rf "$ROOTFS"/usr/share/{doc,man,info,locale,i18n,lintian,linda}/* \
       "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/* \
       "$ROOTFS"/usr/lib/postgresql/$PG_MAJOR/lib/llvmjit* "$ROOTFS"/usr/lib/postgresql/$PG_MAJOR/lib/bitcode \
       "$ROOTFS"/usr/lib/x86_64-linux-gnu/{libLLVM,libz3}* "$ROOTFS"/debootstrap
chroot "$ROOTFS" /bin/sh -ec '
  mkdir -p /var/lib/postgresql/data /run/postgresql /docker-entrypoint-initdb.d
  chown postgres:postgres /var/lib/postgresql /var/lib/postgresql/data /run/postgresql
  chmod 0700 /var/lib/postgresql/data
  chmod 2775 /run/postgresql'

# Mimics the official image's entrypoint as far as Testcontainers relies on it: it passes
# POSTGRES_USER/PASSWORD/DB and the command "postgres -c fsync=off", and waits for
# "database system is ready to accept connections" TWICE, because the official entrypoint
# initialises through a temporary, socket-only server first. This one does the same.
cat >"$ROOTFS/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/bash
set -euo pipefail
[[ ${1:-} == postgres ]] && shift   # "postgres -c x=y" or just "-c x=y": extra server options
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${PGDATA:=/var/lib/postgresql/data}"
[[ -n ${POSTGRES_PASSWORD:-} ]] || { echo "POSTGRES_PASSWORD must be set" >&2; exit 1; }
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  # Temporary server without TCP, so nobody connects before the database exists.
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c fsync=off" start
  if [[ $POSTGRES_DB != postgres ]]; then
    echo 'create database :"db";' | psql -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -v db="$POSTGRES_DB"
  fi
  shopt -s nullglob   # like the official image: *.sh sourced, *.sql run in POSTGRES_DB
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) . "$f" ;;
      *.sql) psql -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
ENTRY
chmod 0755 "$ROOTFS/usr/local/bin/docker-entrypoint.sh"

# --numeric-owner: the image's postgres uid must come from its own /etc/passwd, not the host's.
tar -C "$ROOTFS" --numeric-owner --one-file-system -c . | docker import \
  --change "ENV PATH=/usr/lib/postgresql/$PG_MAJOR/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'USER postgres' \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --change 'EXPOSE 5432' \
  --change 'LABEL io.berth.built-offline=true' \
  - "$IMAGE" >/dev/null

# Smoke test: the same env and command Testcontainers uses; both ready lines, then a real query.
docker run -d --name "$SMOKE" -e POSTGRES_USER=t -e POSTGRES_PASSWORD=t -e POSTGRES_DB=tdb \
  "$IMAGE" postgres -c fsync=off >/dev/null
for ((i = 0; i < 60; i++)); do
  [[ $(docker logs "$SMOKE" 2>&1 | grep -c 'database system is ready to accept connections') -ge 2 ]] && break
  sleep 0.5
done
docker exec -e PGPASSWORD=t "$SMOKE" psql -h 127.0.0.1 -U t -d tdb -tAc 'select 1' 2>/dev/null | grep -qx 1 || {
  docker logs "$SMOKE" 2>&1 | tail -n 30 >&2
  docker rmi "$IMAGE" >/dev/null 2>&1 || true
  die "built $IMAGE but the smoke test failed"
}
say "built $IMAGE offline in $((SECONDS - START))s ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)"
