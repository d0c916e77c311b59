package io.berth.reconciler.autoscaling;

import java.util.List;
import java.util.Map;

/**
 * What the scheduled actions decided for one service.
 *
 * @param states   every declared action's state after this pass (to store when {@link #stateChanged})
 * @param from     the desired count now
 * @param to       the desired count after the firings (= from when nothing fired or the count was in range)
 * @param minCount the range in force after this pass: the spec's, as the actions that fired last set it
 * @param events   one per firing, oldest first, with its figures
 */
public record ScheduledScalingDecision(Map<String, ActionState> states, boolean stateChanged, int from, int to,
                                       int minCount, int maxCount, List<String> events) {

    public ScheduledScalingDecision {
        states = Map.copyOf(states);
        events = List.copyOf(events);
    }

    public boolean fired() {
        return !events.isEmpty();
    }
}
