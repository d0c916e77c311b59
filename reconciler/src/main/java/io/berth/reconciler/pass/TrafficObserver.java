package io.berth.reconciler.pass;

import io.berth.reconciler.traffic.TrafficStats;

import java.util.List;

/**
 * Told what a cluster's HAProxies reported at the end of each traffic pass (metrics and the change feed live at the
 * edge). {@link TrafficStats#EMPTY} when the cluster has no load balancer left.
 */
public interface TrafficObserver {

    TrafficObserver NONE = (cluster, stats) -> {
    };

    void observed(String cluster, TrafficStats stats);

    /** Tells each of them in turn; one that throws does not keep the others from hearing. */
    static TrafficObserver all(List<TrafficObserver> observers) {
        List<TrafficObserver> copy = List.copyOf(observers);
        return (cluster, stats) -> {
            for (TrafficObserver o : copy) {
                try {
                    o.observed(cluster, stats);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(TrafficObserver.class)
                            .warn("cluster {}: a traffic observer failed: {}", cluster, e.toString());
                }
            }
        };
    }
}
