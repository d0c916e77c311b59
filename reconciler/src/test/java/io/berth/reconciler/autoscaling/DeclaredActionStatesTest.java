package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Which scheduled-action states survive a spec change, and what a re-added action then does. */
class DeclaredActionStatesTest {

    private static final Instant ARMED = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant FIRED = Instant.parse("2026-12-06T19:00:00Z");
    private static final ScheduledScalingAction NIGHT =
            new ScheduledScalingAction("night", "0 19 * * *", null, 0, 0);

    private static List<String> names(String text) {
        return text.equals("-") ? List.of() : Arrays.asList(text.split(" "));
    }

    /** declared "-" with autoScaling "no": the spec has no autoScaling at all. */
    @ParameterizedTest(name = "stored [{0}], spec autoScaling {1} declaring [{2}] → kept [{3}]")
    @CsvSource(delimiter = ';', value = {
            "night morning; yes; night morning; morning night",
            "night morning; yes; morning;       morning",
            "night morning; yes; morning cap;   morning",
            "night;         yes; -;             -",
            "night;         no;  -;             -",
            "-;             yes; night;         -",
    })
    void keepsTheStatesOfTheDeclaredActionsOnly(String stored, String autoScaled, String declared, String kept) {
        Map<String, ActionState> states = new java.util.HashMap<>();
        names(stored).forEach(n -> states.put(n, new ActionState(ARMED, FIRED)));
        AutoScaling spec = autoScaled.equals("no") ? null : new AutoScaling(2, 10, List.of(), List.of(),
                names(declared).stream().map(n -> new ScheduledScalingAction(n, "0 19 * * *", null, 0, 0)).toList());

        Map<String, ActionState> result = DeclaredActionStates.kept(spec, states);

        assertThat(new TreeSet<>(result.keySet())).containsExactlyElementsOf(new TreeSet<>(names(kept)));
        result.values().forEach(s -> assertThat(s).isEqualTo(new ActionState(ARMED, FIRED)));
    }

    /**
     * ECS semantics, the whole sequence: night fired at 19:00 (range 0..0); removed the next morning; re-added at
     * noon. It starts fresh: the range is the spec's again, 19:00 of yesterday does not fire, 19:00 of today does.
     */
    @Test
    void aReAddedActionStartsFresh() {
        AutoScaling with = new AutoScaling(2, 10, List.of(), List.of(), List.of(NIGHT));
        AutoScaling without = new AutoScaling(2, 10, List.of(), List.of(), List.of());
        Map<String, ActionState> fired = Map.of("night", new ActionState(ARMED, FIRED));
        assertThat(ScheduledScalingPlanner.range(with, fired)).containsExactly(0, 0);

        Map<String, ActionState> afterRemoval = DeclaredActionStates.kept(without, fired);
        Map<String, ActionState> afterReAdd = DeclaredActionStates.kept(with, afterRemoval);

        assertThat(afterReAdd).isEmpty();
        assertThat(ScheduledScalingPlanner.range(with, afterReAdd)).containsExactly(2, 10);
        Instant noon = Instant.parse("2026-12-07T12:00:00Z");
        ScheduledScalingDecision d = new ScheduledScalingPlanner().decide("web", 4, with, afterReAdd, noon);
        assertThat(d.fired()).isFalse();
        assertThat(d.to()).isEqualTo(4);
        assertThat(new int[]{d.minCount(), d.maxCount()}).containsExactly(2, 10);
        ScheduledScalingDecision evening = new ScheduledScalingPlanner().decide("web", 4, with, d.states(),
                Instant.parse("2026-12-07T19:00:01Z"));
        assertThat(evening.fired()).isTrue();
        assertThat(evening.to()).isZero();
    }
}
