package io.berth.reconciler.store;

import io.berth.reconciler.autoscaling.ScaledService;

import java.util.List;

/** Where auto scaling reads the services it scales (its writes go through DesiredStateWrites). */
public interface ScalingStore {

    /** The ACTIVE services that declare autoScaling, at most {@code limit}, by id. */
    List<ScaledService> autoScaledServices(int limit);
}
