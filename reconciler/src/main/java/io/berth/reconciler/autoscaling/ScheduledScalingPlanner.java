package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.schedule.Schedule;
import io.berth.reconciler.schedule.ScheduleZone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled scaling for one service, pure: {@code (spec, action states, now) → decision}.
 * <ul>
 *   <li>an action is due when its schedule has a firing after its {@link ActionState#since()} and at or before now;
 *       of several missed firings (Berth was down) only the latest counts, applied once;</li>
 *   <li>the range in force is the spec's minCount..maxCount with the fired actions laid over it in the order they
 *       fired, each setting what it declares: "the last action that fired" wins, and an action that sets only one
 *       bound keeps the other (moved along when it would cross: max 1 over min 2 makes 1..1);</li>
 *   <li>each firing clamps the desired count into the new range and says so in an event with the figures; target
 *       tracking and step scaling then work inside the range.</li>
 * </ul>
 * A changed action keeps its state by name: its new bounds hold from now if it fired before.
 */
public final class ScheduledScalingPlanner {

    /** A firing later than this is said to be caught up (Berth was down or busy). */
    static final Duration LATE = Duration.ofMinutes(1);

    private record Due(ScheduledScalingAction action, int order, Instant at) {
    }

    public ScheduledScalingDecision decide(String service, int current, AutoScaling spec,
                                           Map<String, ActionState> states, Instant now) {
        Map<String, ActionState> next = new HashMap<>();
        boolean changed = !states.keySet().stream().allMatch(n -> spec.scheduled().stream()
                .anyMatch(a -> a.name().equals(n))); // a removed action's state is dropped
        List<Due> due = new ArrayList<>();
        List<ScheduledScalingAction> actions = spec.scheduled();
        for (int i = 0; i < actions.size(); i++) {
            ScheduledScalingAction a = actions.get(i);
            ActionState state = states.get(a.name());
            if (state == null) {
                state = new ActionState(now, null);
                changed = true;
            }
            next.put(a.name(), state);
            Instant since = state.since();
            Optional<Instant> at = Schedule.parse(a.schedule()).latest(now, ScheduleZone.parse(a.timezone()))
                    .filter(t -> t.isAfter(since));
            if (at.isPresent()) {
                due.add(new Due(a, i, at.get()));
            }
        }
        due.sort(Comparator.comparing(Due::at).thenComparing(Due::order));
        int count = current;
        List<String> events = new ArrayList<>();
        for (Due d : due) {
            next.put(d.action().name(), new ActionState(next.get(d.action().name()).armedAt(), d.at()));
            changed = true;
            int[] range = range(spec, next);
            int to = Math.max(range[0], Math.min(range[1], count));
            String late = Duration.between(d.at(), now).compareTo(LATE) > 0
                    ? " (due " + d.at() + ", applied " + ScalingArithmetic.text(Duration.between(d.at(), now))
                    + " late)" : "";
            events.add("scheduled action " + d.action().name() + " set " + d.action().sets() + ": desired "
                    + (to == count ? "stays " + count : count + " -> " + to) + " (range " + range[0] + ".."
                    + range[1] + ")" + late);
            count = to;
        }
        int[] range = range(spec, next);
        return new ScheduledScalingDecision(next, changed, current, count, range[0], range[1], events);
    }

    /**
     * The range in force: the spec's, with the fired actions over it in firing order (declaration order on a tie).
     *
     * <p>Worked, spec 2..10: nothing fired → 2..10; night (min 0 max 0) fired 19:00 → 0..0; then morning (min 2 max
     * 10) 07:00 → 2..10; cap (max 1) alone → 1..1; floor (min 12) alone → 12..12.
     */
    public static int[] range(AutoScaling spec, Map<String, ActionState> states) {
        int min = spec.minCount();
        int max = spec.maxCount();
        List<ScheduledScalingAction> fired = new ArrayList<>(spec.scheduled().stream()
                .filter(a -> states.containsKey(a.name()) && states.get(a.name()).firedAt() != null).toList());
        List<ScheduledScalingAction> declared = spec.scheduled();
        fired.sort(Comparator.comparing((ScheduledScalingAction a) -> states.get(a.name()).firedAt())
                .thenComparing(declared::indexOf));
        for (ScheduledScalingAction a : fired) {
            if (a.minCount() != null) {
                min = a.minCount();
                max = Math.max(max, min);
            }
            if (a.maxCount() != null) {
                max = a.maxCount();
                min = Math.min(min, max);
            }
        }
        return new int[]{min, max};
    }
}
