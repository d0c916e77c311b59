package io.berth.reconciler.store;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.TargetGroup;

import java.util.List;
import java.util.UUID;

/** What the traffic pass reads about a cluster's load balancers, target groups and the services behind them. */
public interface TrafficStore {

    List<LoadBalancer> loadBalancers(String cluster);

    List<TargetGroup> targetGroups(String cluster);

    /** The services of the cluster that name target groups, with their {@code loadBalancers} entries. */
    List<ServiceTargets> servicesBehindLoadBalancers(String cluster);

    /**
     * One service's entries in target groups that exist, with the largest deregistrationDelay among those groups;
     * empty when it has none (its stops are then never held back for draining).
     */
    default java.util.Optional<ServiceRegistration> registrationOf(String cluster, UUID serviceId) {
        return servicesBehindLoadBalancers(cluster).stream().filter(s -> s.serviceId().equals(serviceId)).findFirst()
                .flatMap(s -> ServiceRegistration.of(s.loadBalancers(), targetGroups(cluster)));
    }

    /** @param deregistrationDelay the largest delay of the groups named */
    record ServiceRegistration(List<ServiceLoadBalancer> loadBalancers, java.time.Duration deregistrationDelay) {
        public ServiceRegistration {
            loadBalancers = List.copyOf(loadBalancers);
        }

        public static java.util.Optional<ServiceRegistration> of(List<ServiceLoadBalancer> entries,
                                                          List<io.berth.reconciler.traffic.TargetGroup> groups) {
            java.util.Map<String, java.time.Duration> delays = new java.util.HashMap<>();
            groups.forEach(g -> delays.put(g.name(), g.deregistrationDelay()));
            List<ServiceLoadBalancer> known = entries.stream().filter(e -> delays.containsKey(e.targetGroup())).toList();
            return known.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(new ServiceRegistration(known, known.stream()
                    .map(e -> delays.get(e.targetGroup())).max(java.time.Duration::compareTo).orElseThrow()));
        }
    }

    record ServiceTargets(UUID serviceId, List<ServiceLoadBalancer> loadBalancers) {
        public ServiceTargets {
            loadBalancers = List.copyOf(loadBalancers);
        }
    }
}
