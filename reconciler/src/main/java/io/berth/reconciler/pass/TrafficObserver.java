package io.berth.reconciler.pass;

import io.berth.reconciler.traffic.TrafficStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Told what a cluster's HAProxies reported at the end of each traffic pass (metrics and the change feed live at the
 * edge). {@link TrafficStats#EMPTY} when the cluster has no load balancer left.
 */
public interface TrafficObserver {

    TrafficObserver NONE = (cluster, stats) -> {
    };

    void observed(String cluster, TrafficStats stats);

    /**
     * The passes stopped (this Berth stepped down): what was observed is no longer kept up to date, so it is dropped
     * rather than shown as current; the Berth that leads now reports it.
     */
    default void forget() {
    }

    /** Tells each of them in turn; one that throws does not keep the others from hearing. */
    static TrafficObserver all(List<TrafficObserver> observers) {
        List<TrafficObserver> copy = List.copyOf(observers);
        Logger log = LoggerFactory.getLogger(TrafficObserver.class);
        return new TrafficObserver() {
            @Override
            public void observed(String cluster, TrafficStats stats) {
                for (TrafficObserver o : copy) {
                    try {
                        o.observed(cluster, stats);
                    } catch (RuntimeException e) {
                        log.warn("cluster {}: a traffic observer failed: {}", cluster, e.toString());
                    }
                }
            }

            @Override
            public void forget() {
                copy.forEach(TrafficObserver::forget);
            }
        };
    }
}
