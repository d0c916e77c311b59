# Shared pieces of the local multi-host cluster scripts (cluster-up.sh, cluster-down.sh, cluster-host.sh,
# ensure-cluster.sh). Sourced, not run.
#
# Layout (all addresses inside 198.18.0.0/15, reserved for network tests):
#   bridge berth-br0 198.18.0.1/24 on the machine; host berth-hN lives in network namespace berth-hN, joined to the
#   bridge by veth bhN (machine side) <-> eth0 (namespace side) with address 198.18.0.(10+N)/24.
#   Its dockerd listens on tcp://198.18.0.(10+N):2376 (mutual TLS) and unix:///run/berth-hosts/berth-hN/docker.sock,
#   docker0 of that engine is 198.19.N.1/24, user-defined networks come from 198.19.128.0/17 (namespace-local,
#   so every host may use the same pool).
#   Each engine also has its own UTS and mount namespace: host name berth-hN, /etc/docker = /var/lib/berth-hosts/etc/
#   berth-hN (own key.json, hence its own engine ID).
#   data:  /var/lib/berth-hosts/berth-hN       run: /run/berth-hosts/berth-hN (exec-root, socket, pidfile)
#   logs:  /var/log/berth-hosts/berth-hN.log   containers: cgroup /berth-hN (absolute --cgroup-parent: a relative one
#          hangs below the cgroup of whoever started dockerd), e.g. /sys/fs/cgroup/memory/berth-hN/ID
#   TLS:   /var/lib/berth-hosts/tls = DOCKER_CERT_PATH for clients (ca.pem, cert.pem, key.pem);
#          tls/hosts/berth-hN/ server cert (SAN = its IP); tls/rogue/ a client cert from another CA (negative tests)
#   hosts file: /run/berth-hosts/hosts, one "name endpoint socket" line per host cluster-up brought up.

BERTH_CLUSTER_DATA=${BERTH_CLUSTER_DATA:-/var/lib/berth-hosts}
BERTH_CLUSTER_RUN=${BERTH_CLUSTER_RUN:-/run/berth-hosts}
BERTH_CLUSTER_LOGS=${BERTH_CLUSTER_LOGS:-/var/log/berth-hosts}
BERTH_CLUSTER_TLS=$BERTH_CLUSTER_DATA/tls
BERTH_CLUSTER_HOSTS_FILE=$BERTH_CLUSTER_RUN/hosts
BERTH_CLUSTER_BRIDGE=berth-br0
BERTH_CLUSTER_BRIDGE_CIDR=198.18.0.1/24
BERTH_CLUSTER_SUBNET=198.18.0.0/24
BERTH_CLUSTER_PORT=2376
BERTH_CLUSTER_IMAGE=${BERTH_TEST_IMAGE:-busybox:1.36}
BERTH_CLUSTER_MAX_HOSTS=50
# Bounds (seconds).
BERTH_CLUSTER_READY_WAIT=${BERTH_CLUSTER_READY_WAIT:-60}
BERTH_CLUSTER_STOP_WAIT=${BERTH_CLUSTER_STOP_WAIT:-25}
BERTH_CLUSTER_LOCK_WAIT=${BERTH_CLUSTER_LOCK_WAIT:-300}

cluster_say() { echo "[${BERTH_CLUSTER_TAG:-cluster}] $*"; }
cluster_die() { echo "[${BERTH_CLUSTER_TAG:-cluster}] ERROR: $*" >&2; exit 1; }

cluster_need_root() {
  [[ $(id -u) -eq 0 ]] || cluster_die "needs root (network namespaces, dockerd); re-run with sudo"
  local tool
  for tool in ip nsenter openssl dockerd docker flock iptables timeout; do
    command -v "$tool" >/dev/null 2>&1 || cluster_die "'$tool' is not installed (apt-get install -y iproute2 util-linux openssl docker.io iptables)"
  done
}

# One cluster script at a time (two test runs calling ensure-cluster.sh at once must not both build it).
cluster_lock() {
  mkdir -p "$BERTH_CLUSTER_RUN"
  exec 8>"$BERTH_CLUSTER_RUN/.lock"
  flock -w "$BERTH_CLUSTER_LOCK_WAIT" 8 || cluster_die "another cluster script holds $BERTH_CLUSTER_RUN/.lock for more than ${BERTH_CLUSTER_LOCK_WAIT}s"
}

# berth-h7 -> 7; dies on anything else.
cluster_index() {
  local name=$1
  [[ $name =~ ^berth-h([1-9][0-9]*)$ ]] || cluster_die "not a cluster host name: '$name' (expected berth-h1, berth-h2, ...)"
  local i=${BASH_REMATCH[1]}
  ((i <= BERTH_CLUSTER_MAX_HOSTS)) || cluster_die "host index $i is above the limit of $BERTH_CLUSTER_MAX_HOSTS"
  echo "$i"
}
cluster_addr() { echo "198.18.0.$((10 + $1))"; }
cluster_veth() { echo "bh$1"; }
cluster_sock() { echo "$BERTH_CLUSTER_RUN/$1/docker.sock"; }
cluster_pidfile() { echo "$BERTH_CLUSTER_RUN/$1/dockerd.pid"; }
cluster_log() { echo "$BERTH_CLUSTER_LOGS/$1.log"; }

# Pid of the host's dockerd when it runs (checked against /proc, so a stale pidfile or a recycled pid is not taken
# for a live engine), else nothing.
cluster_engine_pid() {
  local pidfile pid
  pidfile=$(cluster_pidfile "$1")
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null || true) == dockerd ]] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--exec-root $BERTH_CLUSTER_RUN/$1 " || return 0
  echo "$pid"
}

# True when the host's dockerd runs but is stopped by a signal (cluster-host.sh pause): state T in /proc.
cluster_engine_paused() {
  local pid
  pid=$(cluster_engine_pid "$1")
  [[ -n $pid ]] || return 1
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == T ]]
}

# docker CLI against a host: over mTLS (the way Berth talks to it) or its unix socket.
cluster_docker_tls() {
  local name=$1; shift
  local i; i=$(cluster_index "$name")
  DOCKER_HOST= DOCKER_TLS_VERIFY= DOCKER_CERT_PATH= DOCKER_CONTEXT= \
    timeout 10 docker --tlsverify --tlscacert "$BERTH_CLUSTER_TLS/ca.pem" --tlscert "$BERTH_CLUSTER_TLS/cert.pem" \
      --tlskey "$BERTH_CLUSTER_TLS/key.pem" -H "tcp://$(cluster_addr "$i"):$BERTH_CLUSTER_PORT" "$@"
}
cluster_docker_unix() {
  local name=$1; shift
  DOCKER_HOST= DOCKER_TLS_VERIFY= DOCKER_CERT_PATH= DOCKER_CONTEXT= timeout 60 docker -H "unix://$(cluster_sock "$name")" "$@"
}

# Ready = the engine answers over mTLS AND it is this host's engine: the machine's egress proxy accepts TCP on any
# address nobody serves, so "something answered" proves nothing; the engine ID seen over TLS must equal the one
# seen on the host's own unix socket.
cluster_ready() {
  local name=$1 id_tls id_unix
  id_tls=$(cluster_docker_tls "$name" info --format '{{.ID}}' 2>/dev/null) || return 1
  id_unix=$(cluster_docker_unix "$name" info --format '{{.ID}}' 2>/dev/null) || return 1
  [[ -n $id_tls && $id_tls == "$id_unix" ]]
}

# The dockerd command line of a host, one argument per line.
cluster_engine_args() {
  local name=$1 i addr
  i=$(cluster_index "$name")
  addr=$(cluster_addr "$i")
  printf '%s\n' dockerd \
    --data-root "$BERTH_CLUSTER_DATA/$name" \
    --exec-root "$BERTH_CLUSTER_RUN/$name" \
    --pidfile "$(cluster_pidfile "$name")" \
    -H "unix://$(cluster_sock "$name")" \
    -H "tcp://$addr:$BERTH_CLUSTER_PORT" \
    --tlsverify \
    --tlscacert "$BERTH_CLUSTER_TLS/ca.pem" \
    --tlscert "$BERTH_CLUSTER_TLS/hosts/$name/server-cert.pem" \
    --tlskey "$BERTH_CLUSTER_TLS/hosts/$name/server-key.pem" \
    --bip "198.19.$i.1/24" \
    --default-address-pool "base=198.19.128.0/17,size=24" \
    --cgroup-parent "/$name"
}

# True when the running engine was started with exactly the command line this script version would use.
cluster_engine_current() {
  local pid=$1 name=$2
  [[ $(tr '\0' '\n' <"/proc/$pid/cmdline") == "$(cluster_engine_args "$name")" ]] &&
    [[ $(nsenter -t "$pid" -u hostname 2>/dev/null) == "$name" ]]
}

# Starts the host's dockerd inside its namespace unless it already runs; prints the pid it started (nothing if it
# was running). Needs the namespace and the server certificate.
cluster_start_engine() {
  local name=$1 pid args
  cluster_index "$name" >/dev/null
  [[ -e /run/netns/$name ]] || cluster_die "network namespace $name does not exist; run scripts/cluster-up.sh"
  [[ -f $BERTH_CLUSTER_TLS/hosts/$name/server-cert.pem ]] || cluster_die "no server certificate for $name; run scripts/cluster-up.sh"
  pid=$(cluster_engine_pid "$name")
  if [[ -n $pid ]]; then
    return 0
  fi
  mkdir -p "$BERTH_CLUSTER_DATA/$name" "$BERTH_CLUSTER_RUN/$name" "$BERTH_CLUSTER_LOGS"
  # A dockerd that died uncleanly leaves pidfile and socket; it refuses to start with a stale pidfile.
  rm -f "$(cluster_pidfile "$name")" "$(cluster_sock "$name")"
  mkdir -p "$BERTH_CLUSTER_DATA/etc/$name"
  mapfile -t args < <(cluster_engine_args "$name")
  # nsenter --net only (not `ip netns exec`, which remounts /sys: dockerd then fails with "Devices cgroup isn't
  # mounted"). setsid + nohup: the engine outlives the calling shell. 8>&-: the engine must not inherit (and so
  # hold for ever) the cluster lock taken by cluster_lock. No --iptables=false: iptables state is per network
  # namespace, so each engine's NAT and FORWARD rules live in its own namespace and cannot clash with the
  # machine's default engine (port mappings work).
  # unshare --uts --mount: its own host name (what `docker info` calls Name) and its own /etc/docker, hence its own
  # key.json and engine ID. Sharing /etc/docker, every engine of the cluster would report the same ID as the
  # machine's default engine — not what distinct hosts look like, and Berth stores that ID per instance.
  setsid nohup nsenter "--net=/run/netns/$name" unshare --uts --mount --propagation slave -- \
    sh -c 'mount --bind "$1" /etc/docker && hostname "$2" && shift 2 && exec "$@"' berth-engine \
    "$BERTH_CLUSTER_DATA/etc/$name" "$name" "${args[@]}" \
    >>"$(cluster_log "$name")" 2>&1 </dev/null 8>&- &
  echo "$!"
}

# Waits (bounded) until every named host is ready; dies with the log tail of the first that is not.
cluster_wait_ready() {
  local deadline=$((SECONDS + BERTH_CLUSTER_READY_WAIT)) name pending
  while :; do
    pending=()
    for name in "$@"; do
      cluster_ready "$name" || pending+=("$name")
    done
    ((${#pending[@]} == 0)) && return 0
    for name in "${pending[@]}"; do
      # An engine that exited will never answer: fail now, not at the deadline.
      if [[ -z $(cluster_engine_pid "$name") ]] && ! pgrep -f -- "--exec-root $BERTH_CLUSTER_RUN/$name " >/dev/null; then
        echo "[${BERTH_CLUSTER_TAG:-cluster}] last lines of $(cluster_log "$name"):" >&2
        tail -n 15 "$(cluster_log "$name")" >&2 || true
        cluster_die "dockerd of $name exited before answering; see $(cluster_log "$name")"
      fi
    done
    if ((SECONDS >= deadline)); then
      echo "[${BERTH_CLUSTER_TAG:-cluster}] last lines of $(cluster_log "${pending[0]}"):" >&2
      tail -n 15 "$(cluster_log "${pending[0]}")" >&2 || true
      cluster_die "${pending[*]} did not answer over mTLS within ${BERTH_CLUSTER_READY_WAIT}s"
    fi
    sleep 0.3
  done
}

# SIGTERM, wait (bounded), SIGKILL. Also ends what that engine left behind (its containerd, container shims),
# matched by this host's own exec-root only.
cluster_stop_engine() {
  local name=$1 pid deadline leftovers
  pid=$(cluster_engine_pid "$name")
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + BERTH_CLUSTER_STOP_WAIT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      cluster_say "$name: dockerd $pid ignored SIGTERM for ${BERTH_CLUSTER_STOP_WAIT}s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
  fi
  # After a clean shutdown nothing is left; after SIGKILL containerd and the shims of running containers remain.
  leftovers=$(pgrep -f -- "^[^ ]*containerd[^ ]* .*$BERTH_CLUSTER_RUN/$name/" || true)
  if [[ -n $leftovers ]]; then
    # shellcheck disable=SC2086
    kill -KILL $leftovers 2>/dev/null || true
  fi
  rm -f "$(cluster_pidfile "$name")"
}

# The machine dies: SIGKILL to dockerd, its containerd and shims, and every process of its containers (found by
# the host's cgroup parent), all at once and without a shutdown. Unlike cluster_stop_engine, no container is
# stopped gracefully first, so nothing is announced to clients: the engine is simply gone.
cluster_crash_engine() {
  local name=$1 pid pids cg
  pid=$(cluster_engine_pid "$name")
  pids="$pid $(pgrep -f -- "^[^ ]*containerd[^ ]* .*$BERTH_CLUSTER_RUN/$name/" || true)"
  for cg in /sys/fs/cgroup/pids/"$name" /sys/fs/cgroup/memory/"$name"; do
    [[ -d $cg ]] && pids="$pids $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | tr '\n' ' ')"
  done
  # shellcheck disable=SC2086
  [[ -n ${pids// /} ]] && kill -KILL $pids 2>/dev/null || true
  if [[ -n $pid ]]; then
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
  rm -f "$(cluster_pidfile "$name")"
}

# Hosts listed in the hosts file, or every namespace berth-hN present.
cluster_known_hosts() {
  {
    [[ -f $BERTH_CLUSTER_HOSTS_FILE ]] && awk '{print $1}' "$BERTH_CLUSTER_HOSTS_FILE"
    ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^berth-h[0-9]+$'
    ls "$BERTH_CLUSTER_RUN" 2>/dev/null | grep -E '^berth-h[0-9]+$'
    ls "$BERTH_CLUSTER_DATA" 2>/dev/null | grep -E '^berth-h[0-9]+$'
  } | sort -u -V
}
