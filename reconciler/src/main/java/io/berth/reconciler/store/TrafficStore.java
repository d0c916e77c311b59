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

    record ServiceTargets(UUID serviceId, List<ServiceLoadBalancer> loadBalancers) {
        public ServiceTargets {
            loadBalancers = List.copyOf(loadBalancers);
        }
    }
}
