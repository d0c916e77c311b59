# The test suite's hold on the local multi-host cluster (cluster-up.sh). scripts/test.sh stops, when it ends, the
# engines and namespaces that a test run started, and leaves running a cluster that was up before (someone's own,
# or a benchmark's). Test runs at the same time share one cluster: the last of them to end stops it.
# Sourced after cluster-lib.sh, not run.
#
#   $BERTH_CLUSTER_RUN/test-runs/PID        one per test run using a cluster a test run started; holds the start
#                                           time of process PID, so that a recycled pid is not taken for a live run
#   $BERTH_CLUSTER_RUN/test-runs/.started   present while the cluster is one that a test run started
#
# BERTH_KEEP_CLUSTER=1 leaves the cluster a test run started running (it then counts as up before the next run).

BERTH_CLUSTER_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$BERTH_CLUSTER_SCRIPTS/lib.sh" # berth_step
BERTH_TEST_RUNS=$BERTH_CLUSTER_RUN/test-runs
# held: this run stops the cluster at the end unless other runs still use it; kept: it was up before, left running.
BERTH_CLUSTER_LEASE=

# The start time (clock ticks after boot, field 22 of /proc/PID/stat) of a process; nothing when it does not run.
cluster_lease_start_time() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  read -ra fields <<<"${stat##*) }" # after "pid (comm) ", fields start at the 3rd
  echo "${fields[19]}"
}

# fd 7, closed again before anything long-lived starts (an engine must not inherit the lock).
cluster_lease_lock() {
  mkdir -p "$BERTH_TEST_RUNS"
  exec 7>"$BERTH_TEST_RUNS/.lock"
  flock -w "$BERTH_CLUSTER_LOCK_WAIT" 7 || cluster_die "another test run holds $BERTH_TEST_RUNS/.lock for more than ${BERTH_CLUSTER_LOCK_WAIT}s"
}
cluster_lease_unlock() { exec 7>&-; }

# Forgets the runs that ended without releasing (killed).
cluster_lease_prune() {
  local file pid
  for file in "$BERTH_TEST_RUNS"/[0-9]*; do
    [[ -e $file ]] || continue
    pid=${file##*/}
    [[ $(cluster_lease_start_time "$pid") == "$(cat "$file" 2>/dev/null)" ]] || rm -f "$file"
  done
}

cluster_lease_others() {
  local files=("$BERTH_TEST_RUNS"/[0-9]*)
  [[ -e ${files[0]} ]] && echo "${#files[@]}" || echo 0
}

cluster_lease_engines_running() {
  local name
  for name in $(cluster_known_hosts); do
    [[ -n $(cluster_engine_pid "$name") ]] && return 0
  done
  return 1
}

cluster_lease_down() { "$BERTH_CLUSTER_SCRIPTS/cluster-down.sh"; }

# Before ensure-cluster.sh: records whether the cluster was up before (and not by a test run) and registers run PID.
cluster_lease_take() {
  local pid=$1
  cluster_lease_lock
  cluster_lease_prune
  if [[ ! -e $BERTH_TEST_RUNS/.started ]] && cluster_lease_engines_running; then
    BERTH_CLUSTER_LEASE=kept
  else
    # Also a cluster a killed test run left behind (.started, but no live run): this run stops it.
    : >"$BERTH_TEST_RUNS/.started"
    cluster_lease_start_time "$pid" >"$BERTH_TEST_RUNS/$pid"
    BERTH_CLUSTER_LEASE=held
  fi
  cluster_lease_unlock
}

# When the run ends (on any exit): stops the cluster if a test run started it and no other run uses it. One line.
cluster_lease_release() {
  local pid=$1 others status=0
  case $BERTH_CLUSTER_LEASE in
    kept)
      cluster_say "the cluster was up before this test run: left running (scripts/cluster-down.sh stops it)"
      return 0 ;;
    held) ;;
    *) return 0 ;;
  esac
  BERTH_CLUSTER_LEASE=
  cluster_lease_lock
  rm -f "$BERTH_TEST_RUNS/$pid"
  cluster_lease_prune
  others=$(cluster_lease_others)
  if ((others > 0)); then
    cluster_say "the cluster stays up for $others other test run(s); the last one to end stops it"
  elif [[ ${BERTH_KEEP_CLUSTER:-} == 1 ]]; then
    rm -f "$BERTH_TEST_RUNS/.started"
    cluster_say "BERTH_KEEP_CLUSTER=1: the cluster this run started is left running (scripts/cluster-down.sh stops it)"
  else
    # On failure .started stays: the next test run does not take the remains for a cluster someone else started.
    if BERTH_TAG=${BERTH_CLUSTER_TAG:-cluster} berth_step \
        "stopping the cluster this test run started (scripts/cluster-down.sh; BERTH_KEEP_CLUSTER=1 keeps it)" \
        cluster_lease_down; then
      rm -f "$BERTH_TEST_RUNS/.started"
    else
      status=$?
    fi
  fi
  cluster_lease_unlock
  return $status
}
