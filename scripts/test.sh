#!/usr/bin/env bash
# Runs Berth's whole test suite: unit, property, scenario, and the tests against a real Docker engine
# and a real PostgreSQL. Installs/starts the Docker engine and builds the images the tests need when
# no registry can provide them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
berth_find_java

"$here/ensure-docker.sh"
"$here/ensure-test-images.sh"
"$here/ensure-postgres-image.sh"
"$here/ensure-haproxy-image.sh"
# Debian's chromium + chromedriver for the web console's browser test (ConsoleBrowserIT).
"$here/ensure-chromium.sh"
# A private registry with basic auth on 127.0.0.1 (its own process) for the repositoryCredentials tests; the tests
# also start it themselves when it is not running. Stopped (and its state removed) when the suite ends.
"$here/ensure-test-registry.sh" >/dev/null
# Three more Docker engines in network namespaces, over mutual TLS (198.18.0.0/15): the multi-host tests. Stopped
# when the suite ends if a test run started them (see cluster-lease.sh); a cluster that was up before stays up.
# shellcheck source=cluster-lib.sh
. "$here/cluster-lib.sh"
# shellcheck source=cluster-lease.sh
. "$here/cluster-lease.sh"
BERTH_CLUSTER_TAG=test
on_exit() {
    "$here/ensure-test-registry.sh" stop || true
    cluster_lease_release $$ || echo "[test] stopping the cluster failed; scripts/cluster-down.sh retries" >&2
}
trap on_exit EXIT
trap 'exit 130' INT   # so that on_exit runs on Ctrl-C or kill, too
trap 'exit 143' TERM
if [[ ${BERTH_CLUSTER:-} != skip ]]; then
    cluster_lease_take $$
fi
"$here/ensure-cluster.sh"

cd "$root"
status=0
./mvnw -B verify "$@" || status=$?

# The docker compose stack, brought up from images built here when no registry answers, and smoke-tested.
if [ "$status" -eq 0 ]; then
    "$here/compose-smoke.sh" || status=$?
fi

# Leftovers of killed test JVMs (Testcontainers runs without Ryuk here): remove by label.
docker ps -aq --filter label=berth.test | xargs -r docker rm -f >/dev/null 2>&1 || true
# What the test Berths created (tasks, load balancers, task networks), here and on the cluster hosts: a Berth started
# by a test outlives its test when the JVM is killed, and a task it started after the test's own clean-up survives
# it. Selected by installation id (each test Berth's database has its own; the e2e tests write them to the file
# below), never by berth.managed alone: that would also remove the containers of a developer's own Berth.
installations="$root/app/target/e2e/installations"
remove_installation() {   # docker command..., then the installation id
    local id=${*: -1} cmd=("${@:1:$#-1}")
    "${cmd[@]}" ps -aq --filter label=berth.managed=true --filter "label=berth.installation=$id" \
        | xargs -r "${cmd[@]}" rm -f >/dev/null 2>&1 || true
    "${cmd[@]}" network ls -q --filter "label=berth.installation=$id" \
        | xargs -r "${cmd[@]}" network rm >/dev/null 2>&1 || true
}
if [[ -f $installations ]]; then
    for id in $(sort -u "$installations"); do
        [[ $id =~ ^[0-9a-f-]{36}$ ]] || continue
        remove_installation docker "$id"
        for h in $(cluster_known_hosts); do
            if cluster_ready "$h" 2>/dev/null; then
                remove_installation cluster_docker_unix "$h" "$id"
            fi
        done
    done
fi
exit $status
