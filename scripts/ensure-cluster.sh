#!/usr/bin/env bash
# Makes sure the local multi-host test cluster (scripts/cluster-up.sh) is up, for the tests tagged "cluster".
# Quick when it is: every host berth-h1..N answers over mTLS and holds the test image -> exit 0 (about 1 s for 3);
# otherwise runs cluster-up.sh, which makes only what is missing (a stopped engine, a cut link, a lost namespace).
#
# Usage: scripts/ensure-cluster.sh [N]   (default: $BERTH_CLUSTER_HOSTS or 3)
# Set BERTH_CLUSTER=skip to do nothing (the cluster tests then skip themselves).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BERTH_CLUSTER_TAG=ensure-cluster
# shellcheck source=cluster-lib.sh
. "$here/cluster-lib.sh"

N=${1:-${BERTH_CLUSTER_HOSTS:-3}}
if [[ ${BERTH_CLUSTER:-} == skip ]]; then
  cluster_say "BERTH_CLUSTER=skip: not checking the cluster; tests tagged 'cluster' will be skipped if it is not up"
  exit 0
fi

# Every host 1..N listed and ready with the image, and every other listed host ready too (the tests use them all;
# cluster-up.sh drops a stopped host beyond N from the list).
all_up() {
  local i name
  [[ -f $BERTH_CLUSTER_HOSTS_FILE ]] || return 1
  for ((i = 1; i <= N; i++)); do
    grep -q "^berth-h$i " "$BERTH_CLUSTER_HOSTS_FILE" || return 1
  done
  for name in $(awk '{print $1}' "$BERTH_CLUSTER_HOSTS_FILE"); do
    cluster_ready "$name" || return 1
    cluster_docker_unix "$name" image inspect "$BERTH_CLUSTER_IMAGE" >/dev/null 2>&1 || return 1
  done
}

if all_up; then
  cluster_say "cluster of $N hosts already up"
  exit 0
fi
cluster_say "cluster of $N hosts not (fully) up: running cluster-up.sh $N"
exec "$here/cluster-up.sh" "$N"
