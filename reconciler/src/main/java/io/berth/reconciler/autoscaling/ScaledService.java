package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;

import java.util.Map;
import java.util.UUID;

/**
 * A service with auto scaling, as a round reads it: what it declares and where it stands.
 *
 * @param actions its scheduled actions' states by name
 */
public record ScaledService(UUID id, String cluster, String name, int desiredCount, AutoScaling autoScaling,
                            LastScaling last, Map<String, ActionState> actions) {

    public ScaledService {
        actions = Map.copyOf(actions);
    }
}
