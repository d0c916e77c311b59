/**
 * Load balancers and target groups (ELBv2 semantics) and the HAProxy configuration that implements them: immutable
 * records that refuse hostile values themselves ({@link io.berth.reconciler.traffic.TrafficNames}), and a pure
 * renderer {@code (load balancer, target groups, targets) -> haproxy.cfg}
 * ({@link io.berth.reconciler.traffic.HaproxyConfigRenderer}). No Spring, JPA or Docker here.
 *
 * <p><b>Reload versus runtime API.</b> The configuration lists every target as a {@code server} named after its
 * task ({@link io.berth.reconciler.traffic.ServerNames}), and a change of the target set is a new configuration plus
 * a hitless reload (master-worker, listening sockets passed to the new worker with {@code expose-fd listeners}, the
 * old worker finishing its connections, bounded by {@code hard-stop-after}). The runtime API (the {@code stats
 * socket}) is for what changes often and must act at once without a reload: reading health back ({@code show
 * servers state}, {@code show stat}), draining a target ({@code set server B/S state drain}) and saving the server
 * state before a reload, which the new worker loads ({@code server-state-file}) so a reload keeps every target's
 * health and drain state. We chose this over pre-rendered free slots ({@code server-template} filled through
 * {@code set server addr}) because names derived from task ids are what make that state file match servers across
 * reloads, and what an operator sees in HAProxy's own logs and stats; a slot approach would need Berth to keep a
 * slot-to-task map that survives leader changes. Target changes are rare (task starts and stops), and a reload with
 * state carried over costs no connection. Dynamic servers ({@code add server}, 2.6) remain the way to go should
 * reload frequency ever matter: the names would not change.
 */
package io.berth.reconciler.traffic;
