package io.berth.reconciler.pass;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.plan.LoadBalancerFacts;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.TargetStateChanges;
import io.berth.reconciler.traffic.TrafficStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last target health each load balancer reported, per cluster, kept from the traffic passes' reads of
 * {@code show stat} for the service passes (rollout gating and replacement of tasks a balancer finds unhealthy).
 *
 * <p>In memory and leader-local: the leader's traffic passes fill it every couple of seconds, and a Berth that steps
 * down drops it ({@link #forget()}); until the first report after taking over, services see no target states, which
 * holds rollouts back but never stops a task. Bounded by the targets that exist: a target no longer reported goes,
 * except while its load balancer could not be asked at all (no answer is not evidence that it went away, nor that it
 * changed). Thread-safe: each cluster's view is an immutable value swapped whole.
 */
public final class TargetHealthBoard implements TrafficObserver, LoadBalancerHealthSource {

    /**
     * @param groupsByService per service behind load balancers, its target groups that some load balancer of the
     *                        cluster uses (only those are checked), in the service's order
     */
    private record ClusterView(Map<UUID, List<String>> groupsByService,
                               Map<TrafficStats.TargetKey, TrafficStats.TargetSample> targets) {
    }

    private final TrafficStore traffic;
    private final Consumer<UUID> serviceChanged;
    private final Map<String, ClusterView> clusters = new ConcurrentHashMap<>();

    /**
     * @param serviceChanged told the id of a service one of whose targets changed state, so that its pass runs now
     *                       rather than at the next resync (a rollout waits for it, or a task is to be replaced)
     */
    public TargetHealthBoard(TrafficStore traffic, Consumer<UUID> serviceChanged) {
        this.traffic = traffic;
        this.serviceChanged = serviceChanged;
    }

    @Override
    public void observed(String cluster, TrafficStats stats) {
        Map<UUID, List<String>> groups = groupsOf(cluster);
        ClusterView before = clusters.get(cluster);
        TargetStateChanges.Result next = TargetStateChanges.next(before == null ? Map.of() : before.targets(), stats);
        clusters.put(cluster, new ClusterView(groups, Map.copyOf(next.seen())));
        Set<String> changedGroups = new HashSet<>();
        next.changes().forEach(c -> changedGroups.add(c.target().targetGroup()));
        groups.forEach((service, serviceGroups) -> {
            boolean groupsNew = before == null || !serviceGroups.equals(before.groupsByService().get(service));
            if (groupsNew || serviceGroups.stream().anyMatch(changedGroups::contains)) {
                serviceChanged.accept(service);
            }
        });
    }

    @Override
    public void forget() {
        clusters.clear();
    }

    @Override
    public LoadBalancerFacts facts(ServiceState service, List<Task> tasks) {
        // Not observed since this Berth leads: the groups still gate rollouts (no state = not healthy yet).
        ClusterView view = clusters.computeIfAbsent(service.cluster(), c -> new ClusterView(groupsOf(c), Map.of()));
        List<String> groups = view.groupsByService().getOrDefault(service.id(), List.of());
        if (groups.isEmpty()) {
            return LoadBalancerFacts.NONE;
        }
        Set<String> taskIds = new HashSet<>();
        tasks.forEach(t -> taskIds.add(t.id().toString()));
        Map<UUID, Map<String, String>> states = new HashMap<>();
        for (TrafficStats.TargetSample t : view.targets().values()) {
            if (t.taskId() == null || !taskIds.contains(t.taskId()) || !groups.contains(t.targetGroup())) {
                continue;
            }
            // A group used by several load balancers: the state that needs attention first stands for it.
            states.computeIfAbsent(UUID.fromString(t.taskId()), k -> new HashMap<>())
                    .merge(t.targetGroup(), t.health().state(), LoadBalancerFacts::firstNeedingAttention);
        }
        return new LoadBalancerFacts(groups, states);
    }

    /** Per service behind load balancers, its target groups that a load balancer of the cluster uses. */
    private Map<UUID, List<String>> groupsOf(String cluster) {
        List<TrafficStore.ServiceTargets> services = traffic.servicesBehindLoadBalancers(cluster);
        if (services.isEmpty()) {
            return Map.of();
        }
        Set<String> used = new HashSet<>();
        for (LoadBalancer lb : traffic.loadBalancers(cluster)) {
            used.addAll(lb.targetGroupNames());
        }
        Map<UUID, List<String>> result = new LinkedHashMap<>();
        for (TrafficStore.ServiceTargets s : services) {
            List<String> groups = new ArrayList<>();
            for (ServiceLoadBalancer lb : s.loadBalancers()) {
                if (used.contains(lb.targetGroup()) && !groups.contains(lb.targetGroup())) {
                    groups.add(lb.targetGroup());
                }
            }
            if (!groups.isEmpty()) {
                result.put(s.serviceId(), List.copyOf(groups));
            }
        }
        return Map.copyOf(result);
    }
}
