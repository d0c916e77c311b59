package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled scaling over random actions and random pass times in virtual time (a day across Europe/Berlin's
 * fall-back): whatever the gaps between passes (a busy loop, a Berth that was down), each firing applies at most once,
 * a firing moves the count into the range in force, and the range at the end is the one a Berth that never missed a
 * firing has.
 */
class ScheduledScalingProperties {

    /** A day around Europe/Berlin's fall-back (2026-10-25 01:00Z). */
    private static final Instant START = Instant.parse("2026-10-24T12:00:00Z");
    private static final long MINUTES = 24 * 60;
    /** Every schedule below fires on multiples of five minutes: a pass every five is a Berth that missed none. */
    private static final long DENSE_STEP = 5;
    private static final List<String> SCHEDULES = List.of("0 19 * * *", "30 2 * * *", "*/20 * * * *",
            "cron(0 7 ? * MON-FRI *)", "rate(3 hours)", "rate(45 minutes)", "0 0 */6 * * *", "15 1 * * SUN");
    private final ScheduledScalingPlanner planner = new ScheduledScalingPlanner();

    record Case(AutoScaling spec, List<Long> passMinutes, int current) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> bound = Arbitraries.integers().between(0, 12).injectNull(0.3);
        Arbitrary<ScheduledScalingAction> action = Combinators.combine(Arbitraries.of(SCHEDULES),
                Arbitraries.of("UTC", "Europe/Berlin", "America/Los_Angeles"), bound, bound)
                .as((s, z, a, b) -> {
                    Integer min = a == null && b == null ? Integer.valueOf(0) : a;
                    Integer max = min != null && b != null && b < min ? min : b;
                    return new ScheduledScalingAction("x", s, z, min, max);
                });
        Arbitrary<List<ScheduledScalingAction>> actions = action.list().ofMinSize(1).ofMaxSize(4)
                .map(l -> IntStream.range(0, l.size()).mapToObj(i -> new ScheduledScalingAction("a" + i,
                        l.get(i).schedule(), l.get(i).timezone(), l.get(i).minCount(), l.get(i).maxCount())).toList());
        // pass times: minutes since START, sorted; few of them means long gaps
        Arbitrary<List<Long>> passes = Arbitraries.longs().between(1, MINUTES - 1).list().ofMinSize(1)
                .ofMaxSize(40).map(l -> l.stream().distinct().sorted().toList());
        return Combinators.combine(actions, passes, Arbitraries.integers().between(0, 10))
                .as((a, p, c) -> new Case(new AutoScaling(2, 10, List.of(), List.of(), a), p, c));
    }

    @Property(tries = 15)
    void firingsApplyOnceAndTheRangeMatchesAnUninterruptedBerth(@ForAll("cases") Case c) {
        Map<String, ActionState> armed = new HashMap<>();
        c.spec().scheduled().forEach(a -> armed.put(a.name(), new ActionState(START, null)));

        Map<String, ActionState> states = armed;
        int count = c.current();
        Map<String, List<Instant>> applied = new HashMap<>();
        ScheduledScalingDecision last = null;
        for (long m : c.passMinutes()) {
            Instant now = START.plusSeconds(m * 60);
            ScheduledScalingDecision d = planner.decide("web", count, c.spec(), states, now);
            for (var a : c.spec().scheduled()) {
                Instant before = states.get(a.name()).firedAt();
                Instant after = d.states().get(a.name()).firedAt();
                if (after != null && !after.equals(before)) {
                    assertThat(before == null || after.isAfter(before)).as("a firing goes forward").isTrue();
                    assertThat(after).isBeforeOrEqualTo(now);
                    applied.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(after);
                }
            }
            assertThat(d.events()).hasSizeLessThanOrEqualTo(c.spec().scheduled().size());
            if (d.fired()) {
                assertThat(d.to()).isBetween(d.minCount(), d.maxCount());
            } else { // moving a count into an unchanged range is target tracking's job
                assertThat(d.to()).isEqualTo(count);
            }
            assertThat(d.minCount()).isLessThanOrEqualTo(d.maxCount());
            count = d.to();
            states = d.states();
            last = d;
        }
        applied.values().forEach(l -> assertThat(l).doesNotHaveDuplicates());

        // the same actions with a pass every five minutes up to the last pass
        Map<String, ActionState> dense = armed;
        Instant end = START.plusSeconds(c.passMinutes().getLast() * 60);
        for (Instant t = START.plusSeconds(DENSE_STEP * 60); t.isBefore(end); t = t.plusSeconds(DENSE_STEP * 60)) {
            dense = planner.decide("web", 5, c.spec(), dense, t).states();
        }
        ScheduledScalingDecision denseLast = planner.decide("web", 5, c.spec(), dense, end);
        assertThat(new int[]{last.minCount(), last.maxCount()})
                .containsExactly(denseLast.minCount(), denseLast.maxCount());
    }
}
