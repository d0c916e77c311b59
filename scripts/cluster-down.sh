#!/usr/bin/env bash
# Tears down the local cluster made by cluster-up.sh: stops every host's dockerd (SIGTERM, bounded wait, SIGKILL),
# removes the network namespaces, veths, the bridge and its firewall rule. Safe to re-run; works on a half-built
# cluster too.
#
# Usage: scripts/cluster-down.sh [--purge]
#   default  keeps /var/lib/berth-hosts (engine data with the loaded images, certificates): the next cluster-up is fast
#   --purge  also removes engine data, certificates, logs and cgroups
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BERTH_CLUSTER_TAG=cluster-down
# shellcheck source=cluster-lib.sh
. "$here/cluster-lib.sh"

PURGE=0
for arg in "$@"; do
  case $arg in
    --purge) PURGE=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) cluster_die "unknown argument '$arg' (usage: cluster-down.sh [--purge])" ;;
  esac
done
cluster_need_root
cluster_lock

mapfile -t HOSTS < <(cluster_known_hosts)
failed=0

# Engines first, all at once (each may take its stop timeout for running containers), then wait for each.
for name in "${HOSTS[@]}"; do
  ( cluster_stop_engine "$name" && cluster_say "$name: engine stopped" ) &
done
wait || failed=1

for name in "${HOSTS[@]}"; do
  i=$(cluster_index "$name")
  veth=$(cluster_veth "$i")
  ip link show "$veth" >/dev/null 2>&1 && { ip link del "$veth" || failed=1; }
  if [[ -e /run/netns/$name ]]; then
    ip netns del "$name" || failed=1
  fi
  # Mounts a killed engine left behind (container root filesystems, its netns bind mounts) would keep rm -rf from
  # deleting them and keep cgroups busy.
  for root in "$BERTH_CLUSTER_RUN/$name" "$BERTH_CLUSTER_DATA/$name"; do
    awk -v r="$root/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
  done
  rm -rf "${BERTH_CLUSTER_RUN:?}/$name"
  if ((PURGE)); then
    rm -rf "${BERTH_CLUSTER_DATA:?}/$name" "${BERTH_CLUSTER_DATA:?}/etc/$name" "$(cluster_log "$name")"
    # Empty cgroups of --cgroup-parent (rmdir refuses non-empty ones: nothing running is touched).
    for cg in /sys/fs/cgroup/*/"$name" /sys/fs/cgroup/*/berth-"$name"; do
      [[ -d $cg ]] || continue
      find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
  fi
  cluster_say "$name: removed"
done

br=$BERTH_CLUSTER_BRIDGE
while iptables -C FORWARD -i "$br" -o "$br" -j ACCEPT 2>/dev/null; do
  iptables -D FORWARD -i "$br" -o "$br" -j ACCEPT || { failed=1; break; }
done
if ip link show "$br" >/dev/null 2>&1; then
  ip link del "$br" || failed=1
  cluster_say "bridge $br removed"
fi
rm -f "$BERTH_CLUSTER_HOSTS_FILE"
if ((PURGE)); then
  rm -rf "${BERTH_CLUSTER_TLS:?}"
  rmdir "$BERTH_CLUSTER_DATA/etc" "$BERTH_CLUSTER_DATA" "$BERTH_CLUSTER_LOGS" 2>/dev/null || true
  cluster_say "purged engine data, certificates and logs"
else
  cluster_say "kept $BERTH_CLUSTER_DATA (engine data, certificates); --purge removes it"
fi
((failed == 0)) || cluster_die "some steps failed (see above); re-run to retry"
