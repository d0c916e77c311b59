#!/usr/bin/env bash
# Deploys this folder's manifests the way .github/workflows/deploy.yml does: one `berth apply --wait`, whose exit
# code is the job's result. Run it by hand, from another CI system, or in Berth's own tests.
#
#   BERTH_URL=https://berth.example.com BERTH_TOKEN=... ./deploy.sh
#
# Environment: BERTH_URL, BERTH_TOKEN (read by the CLI), MANIFESTS (default: manifests/ next to this script),
# TIMEOUT (default 5m), BERTH (the CLI to run; default: `berth` on PATH, else bin/berth of the Berth checkout
# this example sits in).
# Exit codes are berth's: 0 rolled out, 5 rollout failed or rolled back, 4 timed out (the rollout goes on),
# 2 invalid manifests, 3 server unreachable, 1 other API errors.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifests="${MANIFESTS:-$here/manifests/}"
timeout="${TIMEOUT:-5m}"

berth="${BERTH:-}"
if [ -z "$berth" ]; then
    if command -v berth >/dev/null 2>&1; then
        berth=berth
    elif [ -x "$here/../../bin/berth" ]; then
        berth="$here/../../bin/berth"
    else
        echo "deploy: no berth CLI found (put it on PATH or set BERTH)" >&2
        exit 2
    fi
fi

"$berth" apply -f "$manifests" --wait --timeout "$timeout"
code=$?
case $code in
    0) echo "deploy: rolled out" >&2 ;;
    5) echo "deploy: the rollout failed (see above; berth rollout history service/NAME tells more)" >&2 ;;
    4) echo "deploy: still rolling out after $timeout; the rollout goes on (berth rollout status service/NAME -w)" >&2 ;;
    *) echo "deploy: berth apply failed with exit code $code" >&2 ;;
esac
exit $code
