#!/usr/bin/env bash
# scripts/build-aot-cache.sh - makes Berth start faster: extracts app/target/berth.jar into
# app/target/berth-aot/ (Spring Boot's `-Djarmode=tools extract`: a thin berth.jar + lib/) and trains a JDK AOT
# cache there, app/target/berth-aot/berth.aot (JEP 483/514/515: classes loaded and linked, profiles, from a run).
#
#   scripts/build-aot-cache.sh [JAR] [DESTINATION]     defaults: app/target/berth.jar, app/target/berth-aot
#
# The training run starts Berth with spring.context.exit=onRefresh on a throw-away data dir made by a first
# start: every singleton is created (the embedded PostgreSQL, Flyway, JPA, the web server's beans), then the JVM
# exits before the lifecycle starts, so it neither speaks to Docker nor serves anything. Then a start with the
# cache is checked. It takes about three starts (minutes on a busy machine) and is never required: scripts/run.sh uses the cache when it is present and
# was made from the current berth.jar, and the plain jar otherwise. The cache is specific to the JDK and to
# this build; a JDK that cannot use it says so in one warning line and starts without it.
# Start it by hand:  java -XX:AOTCache=app/target/berth-aot/berth.aot -jar app/target/berth-aot/berth.jar
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
berth_find_java

jar="$(readlink -f "${1:-$root/app/target/berth.jar}")"
dest="${2:-$root/app/target/berth-aot}"
[ -f "$jar" ] || { echo "build-aot-cache: $jar not found (./mvnw -B package -DskipTests builds it)" >&2; exit 2; }

# Made in place, never moved: the cache records where each jar was, and classes of a sealed jar's package
# (org.tukaani.xz) linked from a cache trained at another path stop the JVM at start ("sealing violation: can't
# seal package org.tukaani.xz: already defined"). A failed build leaves no cache behind.
tmp="$dest"
work="$(mktemp -d)"
done=0
cleanup() { [ "$done" = 1 ] || rm -rf "$dest"; rm -rf "$work"; }
trap cleanup EXIT
rm -rf "$dest"

"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dest" >/dev/null

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ports() {
    echo --server.port="$(free_port)" --berth.embedded-postgres.port="$(free_port)" \
        --berth.discovery.dns.port="$(free_port)"
}
# Runs Berth up to a refreshed context on the throw-away data dir, with the JVM options given.
refresh_run() {
    local log=$1
    shift
    # shellcheck disable=SC2046
    (cd "$work" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "$@" -Dspring.context.exit=onRefresh \
        -jar "$tmp/berth.jar" --berth.data-dir="$work/data" $(ports) >"$work/$log" 2>&1 </dev/null)
}
fail() {
    tail -n 30 "$work/$1" >&2
    echo "build-aot-cache: $2; Berth still runs from the plain jar" >&2
    exit 1
}

# 1. A first start makes the data dir (PostgreSQL binaries extracted, initdb, migrations), so that the recorded
#    run is what matters: a start on an existing data dir.
echo "build-aot-cache: preparing a data dir (log: $work/prepare.log)" >&2
refresh_run prepare.log || fail prepare.log "the first start failed"
# 2. The training run (same JVM options as scripts/run.sh: a cache made with others may not be usable).
echo "build-aot-cache: training run (log: $work/training.log)" >&2
refresh_run training.log -XX:AOTCacheOutput="$tmp/berth.aot" && [ -s "$tmp/berth.aot" ] \
    || fail training.log "the training run failed"
# 3. A start with the cache must work: a JVM that cannot use a cache starts without it, but one that fails
#    while loading classes from it (see above) does not start at all.
echo "build-aot-cache: checking a start with the cache (log: $work/check.log)" >&2
refresh_run check.log -XX:AOTCache="$tmp/berth.aot" || fail check.log "a start with the cache failed"

# Which berth.jar this cache was made from (size and modification time): a rebuilt jar makes it stale.
stat -c '%s %Y' "$jar" >"$dest/source.stamp"
done=1
echo "build-aot-cache: $dest/berth.aot ($(du -h "$dest/berth.aot" | cut -f1)) for $jar" >&2
