#!/usr/bin/env bash
# scripts/build-aot-cache.sh - makes Berth start faster: extracts app/target/berth.jar into
# app/target/berth-aot/ (Spring Boot's `-Djarmode=tools extract`: a thin berth.jar + lib/) and trains a JDK AOT
# cache there, app/target/berth-aot/berth.aot (JEP 483/514/515: classes loaded and linked, profiles, from a run).
#
#   scripts/build-aot-cache.sh [JAR] [DESTINATION]     defaults: app/target/berth.jar, app/target/berth-aot
#
# The training run starts Berth with spring.context.exit=onRefresh: every singleton is created (the embedded
# PostgreSQL of a throw-away data dir, Flyway, JPA, the web server's beans), then the JVM exits before the
# lifecycle starts, so it neither speaks to Docker nor serves anything. It takes as long as a first start
# (about a minute on a busy machine) and is never required: scripts/run.sh uses the cache when it is present and
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

tmp="$dest.tmp.$$"
work="$(mktemp -d)"
cleanup() { rm -rf "$tmp" "$work"; }
trap cleanup EXIT
rm -rf "$tmp"

"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$tmp" >/dev/null

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

echo "build-aot-cache: training run (Berth up to a refreshed context, then exit; log: $work/training.log)" >&2
# The same JVM flags as a real start (scripts/run.sh): a cache made with other flags may not be usable.
if ! (cd "$work" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$tmp/berth.aot" \
        -Dspring.context.exit=onRefresh -jar "$tmp/berth.jar" \
        --berth.data-dir="$work/data" --server.port="$(free_port)" \
        --berth.embedded-postgres.port="$(free_port)" --berth.discovery.dns.port="$(free_port)" \
        >"$work/training.log" 2>&1 </dev/null) || [ ! -s "$tmp/berth.aot" ]; then
    tail -n 30 "$work/training.log" >&2
    echo "build-aot-cache: the training run failed; Berth still runs from the plain jar" >&2
    exit 1
fi

# Which berth.jar this cache was made from (size and modification time): a rebuilt jar makes it stale.
stat -c '%s %Y' "$jar" >"$tmp/source.stamp"
rm -rf "$dest"
mv "$tmp" "$dest"
echo "build-aot-cache: $dest/berth.aot ($(du -h "$dest/berth.aot" | cut -f1)) for $jar" >&2
