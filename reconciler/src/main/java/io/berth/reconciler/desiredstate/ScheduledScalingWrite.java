package io.berth.reconciler.desiredstate;

import io.berth.reconciler.autoscaling.ActionState;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled scaling's write for one service.
 *
 * @param from   the count the decision was made on: a service whose count changed since is left as it is
 * @param states every declared action's state (replaces the stored ones)
 * @param events one per firing, with its figures
 */
public record ScheduledScalingWrite(UUID serviceId, int from, int to, Map<String, ActionState> states,
                                    List<String> events) {

    public ScheduledScalingWrite {
        states = Map.copyOf(states);
        events = List.copyOf(events);
    }
}
