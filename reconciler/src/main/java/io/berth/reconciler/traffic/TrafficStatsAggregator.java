package io.berth.reconciler.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code (load balancers, registrations, what each HAProxy said) -> TrafficStats}: maps HAProxy's backends back to
 * target groups and its servers back to tasks, and combines what several HAProxies of one load balancer say about a
 * target into one state.
 *
 * <p>Combining: a load balancer on several instances runs one HAProxy per instance, each with its own checks, and
 * they may disagree for a moment. The target takes the state that needs attention first: draining, then unhealthy,
 * unavailable, initial, and healthy only when every HAProxy that answered says so — the state a client may meet.
 */
public final class TrafficStatsAggregator {

    private static final List<String> PRECEDENCE = List.of("draining", "unhealthy", "unavailable", "initial", "healthy");

    private TrafficStatsAggregator() {
    }

    public static TrafficStats aggregate(List<LoadBalancer> loadBalancers, List<Registration> registrations,
                                         List<BalancerReport> reports) {
        Map<String, Map<String, String>> backendsByBalancer = new HashMap<>();
        for (LoadBalancer lb : loadBalancers) {
            Map<String, String> groups = new HashMap<>();
            lb.targetGroupNames().forEach(g -> groups.put(HaproxyConfigRenderer.backendName(g), g));
            backendsByBalancer.put(lb.name(), groups);
        }
        Map<String, Map<String, Registration>> byServer = new HashMap<>();
        for (Registration r : registrations) {
            byServer.computeIfAbsent(r.targetGroup(), k -> new HashMap<>()).put(ServerNames.of(r.taskId()), r);
        }
        List<TrafficStats.BackendSample> backends = new ArrayList<>();
        Map<TrafficStats.TargetKey, TargetHealth> combined = new LinkedHashMap<>();
        Set<TrafficStats.BalancerInstance> silent = new HashSet<>();
        List<BalancerReport> sorted = new ArrayList<>(reports);
        sorted.sort(Comparator.comparing(BalancerReport::loadBalancer).thenComparing(r -> r.instanceId().toString()));
        for (BalancerReport report : sorted) {
            Map<String, String> groups = backendsByBalancer.get(report.loadBalancer());
            if (groups == null) {
                continue; // a balancer being removed: its HAProxy goes with it
            }
            if (!report.answered()) {
                silent.add(new TrafficStats.BalancerInstance(report.loadBalancer(), report.instanceId()));
                continue;
            }
            report.report().backends().forEach((backend, counters) -> {
                String group = groups.get(backend);
                if (group != null) {
                    backends.add(new TrafficStats.BackendSample(report.loadBalancer(), group, report.instanceId(),
                            report.containerId(), counters));
                }
            });
            report.report().servers().forEach((backend, servers) -> {
                String group = groups.get(backend);
                if (group == null) {
                    return;
                }
                servers.forEach((server, health) -> combined.merge(
                        new TrafficStats.TargetKey(report.loadBalancer(), group, server), health,
                        TrafficStatsAggregator::firstNeedingAttention));
            });
        }
        backends.sort(Comparator.comparing(TrafficStats.BackendSample::loadBalancer)
                .thenComparing(TrafficStats.BackendSample::targetGroup)
                .thenComparing(b -> b.instanceId().toString()));
        List<TrafficStats.TargetSample> targets = new ArrayList<>();
        combined.forEach((key, health) -> {
            Registration r = byServer.getOrDefault(key.targetGroup(), Map.of()).get(key.server());
            targets.add(new TrafficStats.TargetSample(key.loadBalancer(), key.targetGroup(), key.server(),
                    r == null ? null : r.taskId(), r == null ? null : r.service(), r == null ? null : r.instanceId(),
                    r == null ? 0 : r.hostPort(), health));
        });
        targets.sort(Comparator.comparing(TrafficStats.TargetSample::loadBalancer)
                .thenComparing(TrafficStats.TargetSample::targetGroup).thenComparing(TrafficStats.TargetSample::server));
        return new TrafficStats(backends, targets, silent,
                java.util.Set.copyOf(loadBalancers.stream().map(LoadBalancer::name).toList()));
    }

    static TargetHealth firstNeedingAttention(TargetHealth a, TargetHealth b) {
        return rank(b.state()) < rank(a.state()) ? b : a;
    }

    private static int rank(String state) {
        int i = PRECEDENCE.indexOf(state);
        return i < 0 ? PRECEDENCE.indexOf("unavailable") : i;
    }
}
