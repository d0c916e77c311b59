package io.berth.reconciler.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code (targets seen last time, stats now) -> (targets seen now, changes)}: which targets appeared, changed state or
 * went away since the last look. Level-triggered: only the last state of each target is kept, so a state that came
 * and went between two looks is not reported, and memory is the targets that exist. A change is a new state or a new
 * reason; HAProxy's description (check latency, "L7OK 2ms") changes with every check and is not one.
 *
 * <p>A load balancer none of whose HAProxies answered this time (silent, or on instances that could not be listed)
 * keeps its targets as they were: no answer is not evidence that they went away.
 */
public final class TargetStateChanges {

    private TargetStateChanges() {
    }

    /** @param op created (first seen), updated (state or reason changed) or deleted (no longer reported) */
    public record TargetChange(String op, TrafficStats.TargetSample target, String previousState) {

        public TargetChange {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(target, "target");
        }
    }

    /** @param seen what to pass as {@code last} next time */
    public record Result(Map<TrafficStats.TargetKey, TrafficStats.TargetSample> seen, List<TargetChange> changes) {
    }

    public static Result next(Map<TrafficStats.TargetKey, TrafficStats.TargetSample> last, TrafficStats now) {
        Map<TrafficStats.TargetKey, TrafficStats.TargetSample> seen = new LinkedHashMap<>();
        List<TargetChange> changes = new ArrayList<>();
        for (TrafficStats.TargetSample t : now.targets()) {
            TrafficStats.TargetSample before = last.get(t.key());
            seen.put(t.key(), t);
            if (before == null) {
                changes.add(new TargetChange("created", t, null));
            } else if (!before.health().state().equals(t.health().state())
                    || !Objects.equals(before.health().reason(), t.health().reason())) {
                changes.add(new TargetChange("updated", t, before.health().state()));
            }
        }
        for (Map.Entry<TrafficStats.TargetKey, TrafficStats.TargetSample> e : last.entrySet()) {
            if (seen.containsKey(e.getKey())) {
                continue;
            }
            if (now.unheard(e.getKey().loadBalancer())) {
                seen.put(e.getKey(), e.getValue());
            } else {
                changes.add(new TargetChange("deleted", e.getValue(), e.getValue().health().state()));
            }
        }
        return new Result(seen, changes);
    }
}
