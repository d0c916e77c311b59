package io.berth.reconciler.traffic;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A cluster's traffic as its HAProxies reported it in one pass ({@link TrafficStatsAggregator}).
 *
 * @param backends one per target group per HAProxy that answered: counters add up across them
 * @param targets  one per target per load balancer, its health combined over that balancer's HAProxies
 * @param silent   HAProxies that run but did not answer this time, as (load balancer, instance)
 * @param loadBalancers the cluster's load balancers: one of them that no HAProxy answered for (silent, or on an
 *                 instance that could not be listed) keeps what was last known of it
 */
public record TrafficStats(List<BackendSample> backends, List<TargetSample> targets, Set<BalancerInstance> silent,
                           Set<String> loadBalancers) {

    public static final TrafficStats EMPTY = new TrafficStats(List.of(), List.of(), Set.of(), Set.of());

    /** The states targets are counted in; whatever HAProxy reports that maps to none of them is {@code unavailable}. */
    public enum CountedState { initial, healthy, unhealthy, draining, unavailable }

    public TrafficStats {
        backends = List.copyOf(backends);
        targets = List.copyOf(targets);
        silent = Set.copyOf(silent);
        loadBalancers = Set.copyOf(loadBalancers);
    }

    /** The load balancers are those the samples and silent HAProxies name. */
    public TrafficStats(List<BackendSample> backends, List<TargetSample> targets, Set<BalancerInstance> silent) {
        this(backends, targets, silent, named(backends, targets, silent));
    }

    private static Set<String> named(List<BackendSample> backends, List<TargetSample> targets,
                                     Set<BalancerInstance> silent) {
        Set<String> names = new java.util.HashSet<>();
        backends.forEach(b -> names.add(b.loadBalancer()));
        targets.forEach(t -> names.add(t.loadBalancer()));
        silent.forEach(s -> names.add(s.loadBalancer()));
        return names;
    }

    /** Load balancers at least one HAProxy answered for this time. */
    public Set<String> answered() {
        Set<String> names = new java.util.HashSet<>();
        backends.forEach(b -> names.add(b.loadBalancer()));
        targets.forEach(t -> names.add(t.loadBalancer()));
        return names;
    }

    /** A load balancer that exists but that no HAProxy answered for: what was known of it still stands. */
    public boolean unheard(String loadBalancer) {
        return loadBalancers.contains(loadBalancer) && !answered().contains(loadBalancer);
    }

    /** One HAProxy container of a load balancer, by the instance it runs on (one per balancer and instance). */
    public record BalancerInstance(String loadBalancer, UUID instanceId) {
    }

    /** A target group's backend in one HAProxy: cumulative counters of that HAProxy process. */
    public record BackendSample(String loadBalancer, String targetGroup, UUID instanceId, String containerId,
                                BackendCounters counters) {
    }

    /** A target group used by a load balancer. */
    public record GroupKey(String loadBalancer, String targetGroup) {
    }

    /** A target as one load balancer sees it: HAProxy's server name within the group's backend. */
    public record TargetKey(String loadBalancer, String targetGroup, String server) {
    }

    /**
     * A target's health as one load balancer sees it.
     *
     * @param taskId     the task behind it; null for a server no RUNNING task is registered as (e.g. one being
     *                   deregistered)
     * @param service    the task's service; null when unknown
     * @param instanceId where the task runs; null when unknown
     * @param port       the host port; 0 when unknown
     */
    public record TargetSample(String loadBalancer, String targetGroup, String server, String taskId, String service,
                               UUID instanceId, int port, TargetHealth health) {

        public TargetSample {
            Objects.requireNonNull(loadBalancer, "loadBalancer");
            Objects.requireNonNull(targetGroup, "targetGroup");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(health, "health");
        }

        public TargetKey key() {
            return new TargetKey(loadBalancer, targetGroup, server);
        }
    }

    /** Targets per state for every (load balancer, target group) with a backend or a target; every state present. */
    public Map<GroupKey, Map<CountedState, Long>> targetCounts() {
        Map<GroupKey, Map<CountedState, Long>> counts = new LinkedHashMap<>();
        for (BackendSample b : backends) {
            counts.computeIfAbsent(new GroupKey(b.loadBalancer(), b.targetGroup()), k -> zeros());
        }
        for (TargetSample t : targets) {
            counts.computeIfAbsent(new GroupKey(t.loadBalancer(), t.targetGroup()), k -> zeros())
                    .merge(counted(t.health().state()), 1L, Long::sum);
        }
        return counts;
    }

    static CountedState counted(String state) {
        for (CountedState s : CountedState.values()) {
            if (s.name().equals(state)) {
                return s;
            }
        }
        return CountedState.unavailable;
    }

    private static Map<CountedState, Long> zeros() {
        Map<CountedState, Long> m = new EnumMap<>(CountedState.class);
        for (CountedState s : CountedState.values()) {
            m.put(s, 0L);
        }
        return m;
    }
}
