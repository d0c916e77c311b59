package io.berth.app.metrics;

import io.berth.reconciler.pass.TrafficObserver;
import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.TrafficStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Target groups as their HAProxies count them, from what each traffic pass read ({@code show stat}, every 2 s on the
 * Berth that runs the control loop; a scrape only reads the last values and never waits on an engine):
 * <ul>
 *   <li>{@code berth_target_group_requests_total} and {@code berth_target_group_http_5xx_total}
 *       {cluster, load_balancer, target_group, instance_id}: HAProxy's own cumulative counters, one series per
 *       HAProxy (per load balancer and instance). They add up across instances; a restarted or reloaded HAProxy
 *       starts from zero, which {@code rate()} takes as a counter reset;</li>
 *   <li>{@code berth_target_group_sessions} {same labels}: current sessions;</li>
 *   <li>{@code berth_target_group_targets} {cluster, load_balancer, target_group, state}: targets per state, a target's
 *       state combined over the balancer's HAProxies (every state present, at 0 when none).</li>
 * </ul>
 * Series of a balancer, group or HAProxy that went away are removed; those of an HAProxy that did not answer in time
 * keep their last values until it answers again or goes, and so do a balancer's target counts while none of its
 * HAProxies can be asked.
 */
public final class TargetGroupMetrics implements TrafficObserver {

    private final MeterRegistry registry;
    /** Last counters of each HAProxy backend, and the meters that read them. */
    private final Map<BackendKey, Backend> backends = new ConcurrentHashMap<>();
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();

    public TargetGroupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record BackendKey(String cluster, String loadBalancer, String targetGroup, String instanceId) {
        Tags tags() {
            return Tags.of("cluster", cluster, "load_balancer", loadBalancer, "target_group", targetGroup,
                    "instance_id", instanceId);
        }
    }

    private record GroupKey(String cluster, String loadBalancer, String targetGroup) {
    }

    /** Holds the newest counters; the meters read it. */
    private static final class Backend {
        volatile BackendCounters counters = new BackendCounters(0, 0, 0);
        final List<Meter> meters = new ArrayList<>();
    }

    private static final class Group {
        final Map<TrafficStats.CountedState, Long> counts = new ConcurrentHashMap<>();
        final List<Meter> meters = new ArrayList<>();
    }

    @Override
    public synchronized void observed(String cluster, TrafficStats stats) {
        Set<BackendKey> seen = new HashSet<>();
        for (TrafficStats.BackendSample b : stats.backends()) {
            BackendKey key = new BackendKey(cluster, b.loadBalancer(), b.targetGroup(), b.instanceId().toString());
            seen.add(key);
            backends.computeIfAbsent(key, this::register).counters = b.counters();
        }
        for (BackendKey key : new ArrayList<>(backends.keySet())) {
            boolean keep = seen.contains(key) || stats.silent().contains(
                    new TrafficStats.BalancerInstance(key.loadBalancer(), java.util.UUID.fromString(key.instanceId())));
            if (key.cluster().equals(cluster) && !keep) {
                backends.remove(key).meters.forEach(registry::remove);
            }
        }

        Map<GroupKey, Map<TrafficStats.CountedState, Long>> counts = new HashMap<>();
        stats.targetCounts().forEach((k, v) -> counts.put(new GroupKey(cluster, k.loadBalancer(), k.targetGroup()), v));
        counts.forEach((key, byState) -> groups.computeIfAbsent(key, this::register).counts.putAll(byState));
        for (GroupKey key : new ArrayList<>(groups.keySet())) {
            boolean keep = counts.containsKey(key) || stats.unheard(key.loadBalancer());
            if (key.cluster().equals(cluster) && !keep) {
                groups.remove(key).meters.forEach(registry::remove);
            }
        }
    }

    @Override
    public synchronized void forget() {
        backends.values().forEach(b -> b.meters.forEach(registry::remove));
        groups.values().forEach(g -> g.meters.forEach(registry::remove));
        backends.clear();
        groups.clear();
    }

    private Backend register(BackendKey key) {
        Backend b = new Backend();
        b.meters.add(FunctionCounter.builder("berth.target.group.requests", b, x -> x.counters.requests())
                .description("Requests HAProxy sent to the target group's backend (HAProxy's cumulative stot; "
                        + "resets when that HAProxy restarts or reloads)").tags(key.tags()).register(registry));
        b.meters.add(FunctionCounter.builder("berth.target.group.http.5xx", b, x -> x.counters.http5xx())
                .description("HTTP 5xx responses of the target group's backend (HAProxy's cumulative hrsp_5xx)")
                .tags(key.tags()).register(registry));
        b.meters.add(Gauge.builder("berth.target.group.sessions", b, x -> x.counters.sessions())
                .description("Current sessions of the target group's backend in one HAProxy (scur)")
                .tags(key.tags()).register(registry));
        return b;
    }

    private Group register(GroupKey key) {
        Group g = new Group();
        Map<TrafficStats.CountedState, Long> zeros = new EnumMap<>(TrafficStats.CountedState.class);
        for (TrafficStats.CountedState state : TrafficStats.CountedState.values()) {
            zeros.put(state, 0L);
            g.meters.add(Gauge.builder("berth.target.group.targets", g, x -> x.counts.getOrDefault(state, 0L))
                    .description("Targets of the target group per state, as the load balancer's HAProxies see them")
                    .tags("cluster", key.cluster(), "load_balancer", key.loadBalancer(),
                            "target_group", key.targetGroup(), "state", state.name())
                    .register(registry));
        }
        g.counts.putAll(zeros);
        return g;
    }
}
