#!/usr/bin/env bash
# Brings up a local cluster of N Docker engines ("hosts" berth-h1..berth-hN, default 3) on this machine, each in its
# own network namespace, reachable over mutual TLS at tcp://198.18.0.(10+i):2376 — the multi-host test bed.
# Layout and file locations: see scripts/cluster-lib.sh.
#
# Idempotent: what exists and is right is kept (bridge, namespaces, links, certificates, running engines), what is
# missing or wrong is (re)made; a host cut off by `cluster-host.sh cut` is healed, a stopped engine started.
# On failure, what this run created (engines, links, namespaces, bridge, firewall rule) is undone again.
# Needs root, dockerd, openssl, iproute2, and the busybox:1.36 image (built on the default engine when missing).
#
# Usage: scripts/cluster-up.sh [N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BERTH_CLUSTER_TAG=cluster-up
# shellcheck source=cluster-lib.sh
. "$here/cluster-lib.sh"

N=${1:-${BERTH_CLUSTER_HOSTS:-3}}
[[ $N =~ ^[1-9][0-9]*$ ]] && ((N <= BERTH_CLUSTER_MAX_HOSTS)) || cluster_die "N must be 1..$BERTH_CLUSTER_MAX_HOSTS, was '$N'"
cluster_need_root
cluster_lock
started_at=$(date +%s.%N)

# ---- undo on failure -------------------------------------------------------------------------------------------
UNDO=()
TMP=$(mktemp -d /tmp/berth-cluster-up.XXXXXX)
on_exit() {
  local rc=$?
  rm -rf "$TMP"
  if ((rc != 0 && ${#UNDO[@]} > 0)); then
    echo "[cluster-up] failed (exit $rc): undoing what this run created" >&2
    local k
    for ((k = ${#UNDO[@]} - 1; k >= 0; k--)); do
      # Best effort: one failing step must not keep the others from running.
      ( eval "${UNDO[k]}" ) >/dev/null 2>&1 || echo "[cluster-up] undo step failed: ${UNDO[k]}" >&2
    done
  fi
  exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---- certificates ----------------------------------------------------------------------------------------------
TLS=$BERTH_CLUSTER_TLS
CA_CHANGED=0
declare -A CERT_CHANGED=()

# valid_leaf CERT CA [IP]: signed by CA, valid for at least 7 more days, its key (KEY next to it: cert.pem ->
# key.pem, server-cert.pem -> server-key.pem) readable and matching, and (for servers) IP in its SAN.
valid_leaf() {
  [[ -s $1 ]] || return 1
  local key=${1%cert.pem}key.pem
  [[ $(openssl pkey -in "$key" -pubout 2>/dev/null) == "$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" ]] || return 1
  openssl verify -CAfile "$2" "$1" >/dev/null 2>&1 || return 1
  openssl x509 -in "$1" -noout -checkend $((7 * 86400)) >/dev/null 2>&1 || return 1
  [[ -z ${3:-} ]] || openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | grep -qw "IP Address:$3"
}

# new_ca DIR CN: ca.pem + ca-key.pem (RSA: docker-java and Go both take it; EC would do as well).
new_ca() {
  local dir=$1 cn=$2 work
  work=$(mktemp -d "$TMP/ca.XXXX")
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=$cn" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca-key.pem" -out "$work/ca.pem" 2>/dev/null || cluster_die "openssl could not create the CA $cn"
  chmod 600 "$work/ca-key.pem"; chmod 644 "$work/ca.pem"
  mkdir -p "$dir"
  mv -f "$work/ca-key.pem" "$dir/ca-key.pem"
  mv -f "$work/ca.pem" "$dir/ca.pem"
}

# new_leaf CA_DIR OUT_CERT OUT_KEY CN EXTENSIONS: a key and a certificate signed by CA_DIR's CA, written atomically.
new_leaf() {
  local ca=$1 cert=$2 key=$3 cn=$4 ext=$5 work
  work=$(mktemp -d "$TMP/leaf.XXXX")
  printf '%b\n' "$ext" >"$work/ext.cnf"
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=$cn" -keyout "$work/key.pem" -out "$work/req.csr" 2>/dev/null \
    || cluster_die "openssl could not create a key for $cn"
  openssl x509 -req -sha256 -days 825 -in "$work/req.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/ext.cnf" -out "$work/cert.pem" 2>/dev/null \
    || cluster_die "openssl could not sign the certificate of $cn"
  chmod 600 "$work/key.pem"; chmod 644 "$work/cert.pem"
  mkdir -p "$(dirname "$cert")"
  mv -f "$work/key.pem" "$key"
  mv -f "$work/cert.pem" "$cert"
}

ensure_certs() {
  mkdir -p "$TLS"; chmod 755 "$TLS"
  if [[ ! -s $TLS/ca.pem || ! -s $TLS/ca-key.pem ]] || ! openssl x509 -in "$TLS/ca.pem" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; then
    cluster_say "creating the cluster CA in $TLS"
    new_ca "$TLS" "Berth test cluster CA"
    CA_CHANGED=1
  fi
  # The client certificate Berth (and the docker CLI) present: $TLS itself is a DOCKER_CERT_PATH.
  if ! valid_leaf "$TLS/cert.pem" "$TLS/ca.pem"; then
    cluster_say "creating the client certificate $TLS/cert.pem"
    new_leaf "$TLS" "$TLS/cert.pem" "$TLS/key.pem" "berth-client" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth"
  fi
  # For negative tests (tls/rogue, also a DOCKER_CERT_PATH): the right CA to trust the servers, but a client
  # certificate from a CA (tls/rogue/ca) the servers do not trust.
  if ! valid_leaf "$TLS/rogue/cert.pem" "$TLS/rogue/ca/ca.pem"; then
    new_ca "$TLS/rogue/ca" "Berth rogue CA"
    new_leaf "$TLS/rogue/ca" "$TLS/rogue/cert.pem" "$TLS/rogue/key.pem" "berth-rogue-client" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth"
  fi
  cmp -s "$TLS/ca.pem" "$TLS/rogue/ca.pem" || cp "$TLS/ca.pem" "$TLS/rogue/ca.pem"
  local i name addr dir
  for ((i = 1; i <= N; i++)); do
    name=berth-h$i; addr=$(cluster_addr "$i"); dir=$TLS/hosts/$name
    if ! valid_leaf "$dir/server-cert.pem" "$TLS/ca.pem" "$addr"; then
      cluster_say "creating the server certificate of $name (SAN IP:$addr)"
      new_leaf "$TLS" "$dir/server-cert.pem" "$dir/server-key.pem" "$name" \
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:$addr"
      CERT_CHANGED[$name]=1
    fi
  done
}

# ---- network ---------------------------------------------------------------------------------------------------
ensure_bridge() {
  local br=$BERTH_CLUSTER_BRIDGE
  if ! ip link show "$br" >/dev/null 2>&1; then
    ip link add "$br" type bridge || cluster_die "cannot create bridge $br"
    UNDO+=("ip link del $br")
  fi
  ip -4 addr show dev "$br" | grep -q " ${BERTH_CLUSTER_BRIDGE_CIDR} " || ip addr add "$BERTH_CLUSTER_BRIDGE_CIDR" dev "$br" \
    || cluster_die "cannot give $br the address $BERTH_CLUSTER_BRIDGE_CIDR"
  ip link set "$br" up
  # br_netfilter is loaded here (bridge-nf-call-iptables=1), so frames between two hosts on the bridge pass the
  # machine's FORWARD chain, whose policy the default engine sets to DROP: let the bridge talk to itself.
  if ! iptables -C FORWARD -i "$br" -o "$br" -j ACCEPT 2>/dev/null; then
    iptables -I FORWARD 1 -i "$br" -o "$br" -j ACCEPT || cluster_die "cannot add the FORWARD rule for $br"
    UNDO+=("iptables -D FORWARD -i $br -o $br -j ACCEPT")
  fi
}

ensure_host_net() {
  local name=$1 i veth addr
  i=$(cluster_index "$name"); veth=$(cluster_veth "$i"); addr=$(cluster_addr "$i")
  if [[ ! -e /run/netns/$name ]]; then
    ip netns add "$name" || cluster_die "cannot create network namespace $name"
    UNDO+=("ip netns del $name")
  fi
  if ip link show "$veth" >/dev/null 2>&1 && ! ip -n "$name" link show eth0 >/dev/null 2>&1; then
    # The namespace was deleted (and made anew) while its engine kept the old one alive: the veth's other end is
    # in that orphaned namespace. Deleting our end deletes the pair.
    cluster_say "$name: $veth leads to a namespace that is gone; recreating the link"
    ip link del "$veth"
  fi
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip -n "$name" link del eth0 >/dev/null 2>&1 || true
    ip link add "$veth" type veth peer name "${veth}p" || cluster_die "cannot create veth $veth"
    UNDO+=("ip link del $veth")
    ip link set "${veth}p" netns "$name"
    ip -n "$name" link set "${veth}p" name eth0
    # A new eth0 has a new MAC: a neighbour entry of the old one would blackhole the address for ~20 s.
    ip neigh flush to "$addr" dev "$BERTH_CLUSTER_BRIDGE" >/dev/null 2>&1 || true
  fi
  ip link set "$veth" master "$BERTH_CLUSTER_BRIDGE"
  ip link set "$veth" up
  ip -n "$name" link set lo up
  ip -n "$name" addr replace "$addr/24" dev eth0
  ip -n "$name" link set eth0 up
}

# ---- engines ---------------------------------------------------------------------------------------------------
ensure_engines() {
  local i name pid
  for ((i = 1; i <= N; i++)); do
    name=berth-h$i
    pid=$(cluster_engine_pid "$name")
    if [[ -n $pid ]] && [[ -n ${CERT_CHANGED[$name]:-} || $CA_CHANGED == 1 ]]; then
      cluster_say "$name: certificates changed, restarting its engine"
      cluster_stop_engine "$name"
    elif [[ -n $pid ]] && ! cluster_engine_current "$pid" "$name"; then
      cluster_say "$name: its engine runs with other options than this script's, restarting it"
      cluster_stop_engine "$name"
    elif [[ -n $pid && $(stat -L -c %i "/proc/$pid/ns/net") != $(stat -L -c %i "/run/netns/$name") ]]; then
      # The namespace was deleted and made anew under the running engine: it listens where nobody can reach it.
      cluster_say "$name: its engine runs in a network namespace that is gone, restarting it"
      cluster_stop_engine "$name"
    fi
    if [[ -z $(cluster_engine_pid "$name") ]]; then
      pid=$(cluster_start_engine "$name")
      [[ -n $pid ]] && UNDO+=("BERTH_CLUSTER_STOP_WAIT=5 cluster_stop_engine $name")
      cluster_say "$name: started dockerd (pid ${pid:-?}, log $(cluster_log "$name"))"
    fi
  done
  local names=()
  for ((i = 1; i <= N; i++)); do names+=("berth-h$i"); done
  cluster_wait_ready "${names[@]}"
}

ensure_images() {
  local i name missing=()
  for ((i = 1; i <= N; i++)); do
    name=berth-h$i
    cluster_docker_unix "$name" image inspect "$BERTH_CLUSTER_IMAGE" >/dev/null 2>&1 || missing+=("$name")
  done
  ((${#missing[@]} == 0)) && return 0
  # Nothing can be pulled here: the image comes from the machine's default engine (built offline when missing).
  if ! docker image inspect "$BERTH_CLUSTER_IMAGE" >/dev/null 2>&1; then
    cluster_say "$BERTH_CLUSTER_IMAGE is not in the default engine: running ensure-docker.sh and ensure-test-images.sh"
    "$here/ensure-docker.sh" >&2
    "$here/ensure-test-images.sh" >&2
  fi
  docker save -o "$TMP/image.tar" "$BERTH_CLUSTER_IMAGE" || cluster_die "docker save $BERTH_CLUSTER_IMAGE failed"
  for name in "${missing[@]}"; do
    cluster_docker_unix "$name" load -q -i "$TMP/image.tar" >/dev/null || cluster_die "loading $BERTH_CLUSTER_IMAGE into $name failed"
    cluster_say "$name: loaded $BERTH_CLUSTER_IMAGE"
  done
}

write_hosts_file() {
  local tmp=$BERTH_CLUSTER_HOSTS_FILE.tmp name i
  : >"$tmp"
  for name in $( { for ((i = 1; i <= N; i++)); do echo "berth-h$i"; done; cluster_known_hosts; } | sort -u -V); do
    i=$(cluster_index "$name")
    # Hosts beyond N from an earlier, larger run are listed only while their engine runs.
    if ((i <= N)) || [[ -n $(cluster_engine_pid "$name") ]]; then
      echo "$name tcp://$(cluster_addr "$i"):$BERTH_CLUSTER_PORT $(cluster_sock "$name")" >>"$tmp"
    fi
  done
  mv -f "$tmp" "$BERTH_CLUSTER_HOSTS_FILE"
}

# ---- main ------------------------------------------------------------------------------------------------------
mkdir -p "$BERTH_CLUSTER_DATA" "$BERTH_CLUSTER_RUN" "$BERTH_CLUSTER_LOGS"
ensure_certs
ensure_bridge
for ((i = 1; i <= N; i++)); do ensure_host_net "berth-h$i"; done
ensure_engines
ensure_images
write_hosts_file
UNDO=() # success: keep everything

elapsed=$(awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
cluster_say "cluster of $N up in ${elapsed}s; clients: DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS DOCKER_HOST=<endpoint>"
printf '%-10s %-26s %-46s %-15s %s\n' NAME ENDPOINT SOCKET DOCKER0 PID
while read -r name endpoint sock; do
  i=$(cluster_index "$name")
  printf '%-10s %-26s %-46s %-15s %s\n' "$name" "$endpoint" "unix://$sock" "198.19.$i.1/24" "$(cluster_engine_pid "$name")"
done <"$BERTH_CLUSTER_HOSTS_FILE"
