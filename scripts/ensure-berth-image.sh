#!/usr/bin/env bash
# Builds Berth's container image (berth/berth:latest) from the Dockerfile at the repo root, without any
# container registry if need be:
#   1. the jar: app/target/berth.jar, built by Maven when missing or older than the sources;
#   2. a Java 25 base: $BERTH_JRE_IMAGE if set; else eclipse-temurin:25-jre if present or pullable
#      (short timeout); else berth/jre:25, built offline by scripts/ensure-jre-image.sh;
#   3. DOCKER_BUILDKIT=0 docker build --build-arg JRE_IMAGE=<base> (Engine 20.10 here has no buildx).
# Idempotent: when the image was built from the same jar and base, it does nothing (about a second).
# Env: BERTH_IMAGE (berth/berth:latest), BERTH_JRE_IMAGE, BERTH_PULL_TIMEOUT_SECONDS (20),
#      BERTH_SKIP_JAR_BUILD=1 (package whatever jar exists, e.g. while the sources are being edited).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

IMAGE=${BERTH_IMAGE:-berth/berth:latest}
UPSTREAM_JRE=eclipse-temurin:25-jre
OFFLINE_JRE=berth/jre:25
PULL_TIMEOUT=${BERTH_PULL_TIMEOUT_SECONDS:-20}
JAR=$root/app/target/berth.jar

BERTH_TAG=ensure-berth-image
say() { echo "[ensure-berth-image] $*"; }
die() { echo "[ensure-berth-image] ERROR: $*" >&2; exit 1; }
label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

START=$SECONDS
"$here/ensure-docker.sh" >/dev/null

# 1. The jar (the same staleness rule as scripts/run.sh).
if [[ ${BERTH_SKIP_JAR_BUILD:-} == 1 ]]; then
  [[ -f $JAR ]] || die "BERTH_SKIP_JAR_BUILD=1 but $JAR does not exist"
elif [[ ! -f $JAR ]] || [[ -n $(find "$root" -path '*/src/main/*' -newer "$JAR" -print -quit 2>/dev/null) ]] \
    || [[ $root/pom.xml -nt $JAR ]]; then
  berth_find_java
  berth_step "building berth.jar (./mvnw package -DskipTests)" berth_maven_package "$root" \
    || die "the Maven build failed (see above)"
  [[ -f $JAR ]] || die "Maven succeeded but $JAR is missing"
fi
JAR_SHA=$(sha256sum "$JAR" | cut -c1-64)

# Up to date: same jar, and the base it was built from is unchanged. No pull attempt, no context upload.
up_to_date() {
  local base
  base=$(label "$IMAGE" io.berth.base-image)
  [[ -n $base ]] || return 1
  [[ -z ${BERTH_JRE_IMAGE:-} || $BERTH_JRE_IMAGE == "$base" ]] || return 1
  [[ $(label "$IMAGE" io.berth.jar-sha256) == "$JAR_SHA" ]] || return 1
  [[ $(image_id "$base") == "$(label "$IMAGE" io.berth.base-image-id)" ]]
}
if up_to_date; then
  say "$IMAGE is up to date (jar ${JAR_SHA:0:12}, base $(label "$IMAGE" io.berth.base-image)); $((SECONDS - START))s"
  exit 0
fi

# 2. The base.
if [[ -n ${BERTH_JRE_IMAGE:-} ]]; then
  BASE=$BERTH_JRE_IMAGE
  [[ -n $(image_id "$BASE") ]] || timeout "$PULL_TIMEOUT" docker pull -q "$BASE" >/dev/null 2>&1 \
    || die "BERTH_JRE_IMAGE=$BASE is neither present nor pullable"
elif [[ -n $(image_id "$UPSTREAM_JRE") ]]; then
  BASE=$UPSTREAM_JRE
else
  say "trying: docker pull $UPSTREAM_JRE (timeout ${PULL_TIMEOUT}s)"
  if timeout "$PULL_TIMEOUT" docker pull -q "$UPSTREAM_JRE" >/dev/null 2>&1; then
    BASE=$UPSTREAM_JRE
  else
    say "pull failed or timed out; using the offline base $OFFLINE_JRE"
    BERTH_OFFLINE_JRE_IMAGE=$OFFLINE_JRE "$here/ensure-jre-image.sh"
    BASE=$OFFLINE_JRE
  fi
fi

# 3. The image. The legacy builder uses a local base as it is (no pull) and caches the useradd layer.
say "docker build -t $IMAGE (base $BASE, jar ${JAR_SHA:0:12})"
build_log=$(mktemp /tmp/berth-image-build.XXXXXX)
trap 'rm -f "$build_log"' EXIT
if ! DOCKER_BUILDKIT=0 docker build --build-arg "JRE_IMAGE=$BASE" \
      --label "io.berth.jar-sha256=$JAR_SHA" --label "io.berth.base-image=$BASE" \
      --label "io.berth.base-image-id=$(image_id "$BASE")" \
      -t "$IMAGE" "$root" >"$build_log" 2>&1; then
  tail -n 30 "$build_log" >&2
  die "docker build failed"
fi
say "built $IMAGE in $((SECONDS - START))s ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)"
