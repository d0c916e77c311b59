package io.berth.reconciler.plan;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.TaskDrain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a service pass knows of its load balancers: which target groups its tasks are registered in, how long a
 * target being removed keeps its in-flight requests, and where its tasks being stopped stand in that draining.
 *
 * @param deregistrationDelay the largest deregistrationDelay of the service's target groups
 * @param drains              by task id, for the tasks already asked to stop (others have not started draining)
 */
public record ServiceTraffic(List<ServiceLoadBalancer> loadBalancers, Duration deregistrationDelay,
                             Map<UUID, TaskDrain> drains) {

    /** A service behind no load balancer: its stops are never held back. */
    public static final ServiceTraffic NONE = new ServiceTraffic(List.of(), Duration.ZERO, Map.of());

    public ServiceTraffic {
        loadBalancers = List.copyOf(loadBalancers);
        drains = Map.copyOf(drains);
        if (deregistrationDelay == null || deregistrationDelay.isNegative()) {
            throw new IllegalArgumentException("deregistrationDelay must be zero or more");
        }
    }

    public TaskDrain drainOf(UUID taskId) {
        return drains.getOrDefault(taskId, TaskDrain.NOT_STARTED);
    }
}
