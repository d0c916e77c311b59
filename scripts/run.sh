#!/usr/bin/env bash
# Runs Berth on http://localhost:8080 against the local Docker engine (installed and started if needed),
# with an embedded PostgreSQL under ~/.berth unless spring.datasource.* is configured. It listens on 127.0.0.1
# only: BERTH_BIND_ADDRESS=0.0.0.0 for all interfaces, with BERTH_API_TLS_CERTIFICATE and
# BERTH_API_TLS_PRIVATE_KEY (PEM files) for HTTPS.
# BERTH_LOG_FORMAT=json ./scripts/run.sh logs one JSON object per line (Elastic Common Schema) instead of text.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
berth_find_java

"$here/ensure-docker.sh"
# The example manifests use busybox:1.36; where no registry answers, it is built locally.
"$here/ensure-test-images.sh"

jar="$root/app/target/berth.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/src/*' -newer "$jar" -print -quit 2>/dev/null)" ] \
        || [ "$root/pom.xml" -nt "$jar" ]; then
    BERTH_TAG=run berth_step "building app/target/berth.jar (./mvnw package -DskipTests)" berth_maven_package "$root"
fi

echo "berth: starting on http://localhost:${SERVER_PORT:-8080}"
# With an AOT cache made from this very jar (scripts/build-aot-cache.sh; optional), the extracted form starts
# with it: classes come loaded and linked from the cache. BERTH_AOT=0 always runs the plain jar.
aot="$root/app/target/berth-aot"
if [ "${BERTH_AOT:-1}" != 0 ] && [ -f "$aot/berth.aot" ] \
        && [ "$(cat "$aot/source.stamp" 2>/dev/null)" = "$(stat -c '%s %Y' "$jar")" ]; then
    exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCache="$aot/berth.aot" ${BERTH_JAVA_OPTS:-} \
        -jar "$aot/berth.jar" "$@"
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${BERTH_JAVA_OPTS:-} -jar "$jar" "$@"
