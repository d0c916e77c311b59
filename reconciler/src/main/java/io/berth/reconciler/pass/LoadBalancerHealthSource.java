package io.berth.reconciler.pass;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.plan.LoadBalancerFacts;

import java.util.List;

/** Where a service pass learns what the load balancers last said about the service's tasks. */
@FunctionalInterface
public interface LoadBalancerHealthSource {

    /** For a Berth that runs no load balancers: every service is judged by its containers alone. */
    LoadBalancerHealthSource NONE = (service, tasks) -> LoadBalancerFacts.NONE;

    /** @param tasks the service's tasks this pass looks at; facts about other targets are left out */
    LoadBalancerFacts facts(ServiceState service, List<Task> tasks);
}
