package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled scaling's decisions in virtual time: firing, never twice, catching up, ranges, DST. */
class ScheduledScalingPlannerTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final ScheduledScalingAction NIGHT =
            new ScheduledScalingAction("scaledown-after-hours", "0 19 * * *", null, 0, 0);
    private static final ScheduledScalingAction MORNING =
            new ScheduledScalingAction("morning", "cron(0 7 * * ? *)", null, 2, 10);
    private final ScheduledScalingPlanner planner = new ScheduledScalingPlanner();

    private static AutoScaling spec(ScheduledScalingAction... actions) {
        return new AutoScaling(2, 10, List.of(), List.of(), List.of(actions));
    }

    @Test
    void aNewActionIsArmedAndDoesNotFireItsFiringsBeforeIt() {
        ScheduledScalingDecision d = planner.decide("web", 4, spec(MORNING), Map.of(), NOON);

        assertThat(d.stateChanged()).isTrue();
        assertThat(d.states()).containsEntry("morning", new ActionState(NOON, null));
        assertThat(d.events()).isEmpty();
        assertThat(d.to()).isEqualTo(4);
        assertThat(new int[]{d.minCount(), d.maxCount()}).containsExactly(2, 10);
    }

    @Test
    void firesAtItsTimeWithTheFiguresThenNeverAgainForTheSameFiring() {
        Map<String, ActionState> armed = Map.of(NIGHT.name(), new ActionState(NOON, null));
        ScheduledScalingDecision before = planner.decide("web", 4, spec(NIGHT), armed, Instant.parse("2026-12-07T18:59:59Z"));
        assertThat(before.fired()).isFalse();
        assertThat(before.stateChanged()).isFalse();

        Instant at = Instant.parse("2026-12-07T19:00:05Z");
        ScheduledScalingDecision d = planner.decide("web", 4, spec(NIGHT), armed, at);
        assertThat(d.events()).containsExactly(
                "scheduled action scaledown-after-hours set min 0 max 0: desired 4 -> 0 (range 0..0)");
        assertThat(d.to()).isZero();
        assertThat(d.states().get(NIGHT.name()).firedAt()).isEqualTo(Instant.parse("2026-12-07T19:00:00Z"));

        ScheduledScalingDecision again = planner.decide("web", 0, spec(NIGHT), d.states(), at.plusSeconds(30));
        assertThat(again.fired()).isFalse();
        assertThat(again.stateChanged()).isFalse();
        assertThat(new int[]{again.minCount(), again.maxCount()}).containsExactly(0, 0);
    }

    @Test
    void aLongDowntimeCatchesUpOncePerActionInFiringOrder() {
        Map<String, ActionState> armed = Map.of(NIGHT.name(), new ActionState(NOON, null),
                MORNING.name(), new ActionState(NOON, null));
        // down from 18:00 until three days later at 09:00: three nights and three mornings were missed
        Instant back = Instant.parse("2026-12-10T09:00:00Z");
        ScheduledScalingDecision d = planner.decide("web", 4, spec(NIGHT, MORNING), armed, back);

        assertThat(d.events()).containsExactly(
                "scheduled action scaledown-after-hours set min 0 max 0: desired 4 -> 0 (range 0..0) (due "
                        + "2026-12-09T19:00:00Z, applied 14h late)",
                "scheduled action morning set min 2 max 10: desired 0 -> 2 (range 2..10) (due 2026-12-10T07:00:00Z,"
                        + " applied 2h late)");
        assertThat(d.to()).isEqualTo(2);
        assertThat(d.states().get(MORNING.name()).firedAt()).isEqualTo(Instant.parse("2026-12-10T07:00:00Z"));
        assertThat(planner.decide("web", 2, spec(NIGHT, MORNING), d.states(), back.plusSeconds(60)).fired())
                .isFalse();
    }

    @ParameterizedTest(name = "spec 2..10, {0} fired last → {1}..{2}")
    @CsvSource(nullValues = "-", value = {
            "-, -, 2, 10",
            "0, 0, 0, 0",
            "-, 1, 1, 1",
            "12, -, 12, 12",
            "5, -, 5, 10",
            "-, 6, 2, 6"})
    void theActionThatFiredLastSetsWhatItDeclares(Integer min, Integer max, int wantMin, int wantMax) {
        var action = new ScheduledScalingAction("a", "rate(1 hour)", null, min, max);
        Map<String, ActionState> fired = min == null && max == null ? Map.of()
                : Map.of("a", new ActionState(NOON, NOON.plusSeconds(3600)));
        AutoScaling spec = min == null && max == null ? spec() : spec(action);

        assertThat(ScheduledScalingPlanner.range(spec, fired)).containsExactly(wantMin, wantMax);
    }

    @Test
    void laterFiringsOverrideEarlierOnesFieldByField() {
        var night = new ScheduledScalingAction("night", "0 19 * * *", null, 0, 0);
        var cap = new ScheduledScalingAction("cap", "0 7 * * *", null, null, 3);
        Map<String, ActionState> states = Map.of(
                "night", new ActionState(NOON, Instant.parse("2026-12-07T19:00:00Z")),
                "cap", new ActionState(NOON, Instant.parse("2026-12-08T07:00:00Z")));

        // the cap keeps the night's min: 0..3, as if both had fired on time
        assertThat(ScheduledScalingPlanner.range(spec(night, cap), states)).containsExactly(0, 3);
    }

    @Test
    void aRemovedActionsStateIsDroppedAndItsRangeNoLongerHolds() {
        Map<String, ActionState> states = Map.of("gone", new ActionState(NOON, NOON.plusSeconds(60)));
        ScheduledScalingDecision d = planner.decide("web", 4, spec(), states, NOON.plusSeconds(120));

        assertThat(d.stateChanged()).isTrue();
        assertThat(d.states()).isEmpty();
        assertThat(new int[]{d.minCount(), d.maxCount()}).containsExactly(2, 10);
    }

    @Test
    void secondsLevelSchedulesFireEachFiringOnce() {
        var often = new ScheduledScalingAction("often", "rate(15 seconds)", null, 3, 3);
        Map<String, ActionState> states = new HashMap<>(Map.of("often", new ActionState(NOON, null)));
        int firings = 0;
        for (Instant t = NOON; t.isBefore(NOON.plusSeconds(60)); t = t.plusSeconds(1)) {
            ScheduledScalingDecision d = planner.decide("web", 3, spec(often), states, t);
            firings += d.events().size();
            states = new HashMap<>(d.states());
        }
        assertThat(firings).isEqualTo(3); // 12:00:15, :30, :45 (12:00:00 is the arming instant itself)
    }

    /** Walks a DST day minute by minute, feeding each decision's states to the next. */
    private List<Instant> firingsOver(ScheduledScalingAction action, Instant from, Instant to) {
        Map<String, ActionState> states = Map.of(action.name(), new ActionState(from, null));
        List<Instant> fired = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
            ScheduledScalingDecision d = planner.decide("web", 1, spec(action), states, t);
            if (d.fired()) {
                fired.add(d.states().get(action.name()).firedAt());
            }
            states = d.states();
        }
        return fired;
    }

    @Test
    void aRepeatedHourAtTheFallBackFiresOnceTheFirstTime() {
        var action = new ScheduledScalingAction("a", "30 1 * * *", "America/Los_Angeles", 1, 1);
        // 2026-11-01: 01:00-02:00 PDT, then again 01:00-02:00 PST
        List<Instant> fired = firingsOver(action, Instant.parse("2026-11-01T06:00:00Z"),
                Instant.parse("2026-11-01T12:00:00Z"));

        assertThat(fired).containsExactly(Instant.parse("2026-11-01T08:30:00Z"));
    }

    @Test
    void aSkippedTimeAtTheSpringForwardFiresOnceAtTheChange() {
        var action = new ScheduledScalingAction("a", "30 2 * * *", "America/Los_Angeles", 1, 1);
        // 2026-03-08: 02:00 PST becomes 03:00 PDT at 10:00Z; 02:30 does not happen
        List<Instant> fired = firingsOver(action, Instant.parse("2026-03-08T06:00:00Z"),
                Instant.parse("2026-03-08T14:00:00Z"));

        assertThat(fired).containsExactly(Instant.parse("2026-03-08T10:00:00Z"));
    }
}
