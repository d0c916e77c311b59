#!/usr/bin/env bash
# Failure injection on one host of the local cluster (made by cluster-up.sh).
#
# Usage: scripts/cluster-host.sh stop|crash|start|pause|resume|cut|heal|status NAME
#   stop    SIGTERM its dockerd (bounded wait, then SIGKILL): connections are refused at once
#   crash   the host dies at once: SIGKILL to dockerd, containerd, the shims and the containers' processes
#   start   start its dockerd again (or resume a paused one) and wait (bounded) until it answers over mTLS
#   pause   SIGSTOP its dockerd only: a hung engine; connections are accepted by the kernel but never answered,
#           containerd and the containers keep running
#   resume  SIGCONT its dockerd and wait (bounded) until it answers over mTLS
#   cut     network partition with the engine alive: its veth goes down, packets to and from it are lost
#           (connections time out, established ones hang silently)
#   heal    undo cut: the veth comes up again (waits, bounded, until the engine answers)
#   status  one line: engine running or not, link up or down, answering over mTLS or not
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BERTH_CLUSTER_TAG=cluster-host
# shellcheck source=cluster-lib.sh
. "$here/cluster-lib.sh"

usage() { sed -n '4,15p' "$0" >&2; exit 2; }
(($# == 2)) || usage
action=$1 name=$2
i=$(cluster_index "$name")
veth=$(cluster_veth "$i")
cluster_need_root
[[ -e /run/netns/$name ]] || cluster_die "$name is not part of the cluster (no namespace); run scripts/cluster-up.sh"

case $action in
  stop)
    cluster_lock
    cluster_stop_engine "$name"
    cluster_say "$name: engine stopped"
    ;;
  crash)
    cluster_lock
    cluster_crash_engine "$name"
    cluster_say "$name: crashed (dockerd, containerd and its containers killed)"
    ;;
  start)
    cluster_lock
    if [[ -z $(cluster_engine_pid "$name") ]]; then
      pid=$(cluster_start_engine "$name")
      cluster_say "$name: started dockerd (pid $pid)"
    elif cluster_engine_paused "$name"; then
      # A run that paused the engine and died before resuming it must not leave it hung for the next one.
      kill -CONT "$(cluster_engine_pid "$name")"
      cluster_say "$name: resumed its paused dockerd"
    fi
    cluster_wait_ready "$name"
    cluster_say "$name: answering at tcp://$(cluster_addr "$i"):$BERTH_CLUSTER_PORT"
    ;;
  pause)
    pid=$(cluster_engine_pid "$name")
    [[ -n $pid ]] || cluster_die "$name: its engine is not running; nothing to pause"
    kill -STOP "$pid"
    cluster_say "$name: dockerd (pid $pid) paused; containerd and the containers keep running"
    ;;
  resume)
    pid=$(cluster_engine_pid "$name")
    [[ -n $pid ]] || cluster_die "$name: its engine is not running; nothing to resume (use start)"
    kill -CONT "$pid"
    cluster_wait_ready "$name"
    cluster_say "$name: dockerd (pid $pid) resumed and answering"
    ;;
  cut)
    ip link set "$veth" down
    cluster_say "$name: cut off (link $veth down, engine still running)"
    ;;
  heal)
    ip link set "$veth" up
    if [[ -n $(cluster_engine_pid "$name") ]]; then
      cluster_wait_ready "$name"
    fi
    cluster_say "$name: link $veth up"
    ;;
  status)
    engine=stopped; link=down; answers=no
    [[ -n $(cluster_engine_pid "$name") ]] && engine="running(pid $(cluster_engine_pid "$name"))"
    cluster_engine_paused "$name" && engine="paused(pid $(cluster_engine_pid "$name"))"
    ip link show "$veth" 2>/dev/null | grep -q 'state UP' && link=up
    cluster_ready "$name" && answers=yes
    echo "$name endpoint=tcp://$(cluster_addr "$i"):$BERTH_CLUSTER_PORT engine=$engine link=$link mtls=$answers"
    ;;
  *) usage ;;
esac
