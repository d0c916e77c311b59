package io.berth.reconciler.pass;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.plan.ServicePlan;

/** Told of every service plan a pass made: placements, placement failures (metrics live at the edge). */
public interface PlanObserver {

    PlanObserver NONE = (service, plan) -> {
    };

    void planned(ServiceState service, ServicePlan plan);
}
