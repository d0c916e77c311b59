package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;

import java.util.UUID;

/** A service with auto scaling, as a round reads it: what it declares and where it stands. */
public record ScaledService(UUID id, String cluster, String name, int desiredCount, AutoScaling autoScaling,
                            LastScaling last) {
}
