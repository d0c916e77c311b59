package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which stored scheduled-action states a spec keeps: those of the actions it still declares, by name. As in ECS,
 * removing an action (or the whole autoScaling) deletes its state, so that declaring it again later starts fresh:
 * armed when Berth next sees it, its past firings not its own, and no range of a firing from before the removal in
 * force. Applied on every write of the states or the spec, so that a round decided on the old spec cannot bring a
 * removed action's state back.
 */
public final class DeclaredActionStates {

    private DeclaredActionStates() {
    }

    /**
     * Worked: stored {night, morning}, spec declares morning and cap → {morning}; spec without autoScaling → {}.
     *
     * @param spec null: the service is not auto scaled (nothing kept)
     */
    public static Map<String, ActionState> kept(AutoScaling spec, Map<String, ActionState> stored) {
        if (spec == null || stored.isEmpty()) {
            return Map.of();
        }
        Set<String> declared = spec.scheduled().stream().map(ScheduledScalingAction::name).collect(Collectors.toSet());
        Map<String, ActionState> kept = new HashMap<>(stored);
        kept.keySet().retainAll(declared);
        return Map.copyOf(kept);
    }
}
