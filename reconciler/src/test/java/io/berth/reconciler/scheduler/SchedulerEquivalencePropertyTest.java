package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler without per-call copies of the cluster load decides exactly as the {@link ReferenceScheduler} (the
 * algorithm before that change) on random clusters, tasks, strategy chains and constraints: the same placements in
 * the same order, the same unplaced count and explanation, and an equal load after, in the same instance order —
 * also when the next call starts from the load the previous one returned (a shared, overlaid map).
 */
class SchedulerEquivalencePropertyTest {

    static final List<UUID> GROUPS = List.of(new UUID(5, 1), new UUID(5, 2), new UUID(5, 3));

    @Provide
    Arbitrary<List<InstanceLoad>> clusters() {
        Arbitrary<InstanceLoad> instance = Combinators.combine(
                Arbitraries.integers().between(1, 10).map(n -> n <= 8),
                Arbitraries.of(1024, 2048, 4096),
                Arbitraries.of(2048, 4096, 8192),
                Arbitraries.integers().between(0, 100),
                Arbitraries.subsetOf(SchedulerPropertyTest.PORTS),
                Arbitraries.integers().between(0, 3).list().ofSize(GROUPS.size()),
                Arbitraries.of("a", "b", "c", null))
                .as((sched, cpu, mem, pct, ports, perGroup, zone) -> GeneratedInstances.instance(sched, cpu, mem,
                        pct, ports, perGroup, GROUPS, zone == null ? Map.of() : Map.of("zone", zone)));
        // up to 200 instances: more than the overlay's flattening threshold of a few changes
        return instance.list().ofMinSize(0).ofMaxSize(200).map(GeneratedInstances::withScatteredIds);
    }

    @Provide
    Arbitrary<TaskRequirements> tasks() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 1024),
                Arbitraries.integers().between(0, 2048),
                Arbitraries.subsetOf(SchedulerPropertyTest.PORTS).map(s -> s.size() > 1 ? java.util.Set.<HostPort>of() : s),
                Arbitraries.integers().between(-1, GROUPS.size() - 1))
                .as((cpu, mem, ports, g) -> g < 0 ? new TaskRequirements(cpu, mem, ports, null)
                        : new TaskRequirements(cpu, mem, ports, GROUPS.get(g), "service:s" + g));
    }

    @Provide
    Arbitrary<Placement> placements() {
        Arbitrary<PlacementStrategy> strategy = Arbitraries.of(
                new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU),
                new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY),
                new PlacementStrategy.Spread("zone"),
                PlacementStrategy.Spread.INSTANCES,
                new PlacementStrategy.Random());
        Arbitrary<PlacementConstraint> constraint = Arbitraries.of(
                new PlacementConstraint.DistinctInstance(),
                PlacementConstraint.MemberOf.parse("attribute:zone != c"),
                PlacementConstraint.MemberOf.parse("not(task:group == service:s1)"));
        return Combinators.combine(strategy.list().ofMaxSize(3), constraint.list().ofMaxSize(2))
                .as(Placement::new);
    }

    @Property(tries = 500)
    void decidesAsTheReferenceScheduler(@ForAll("clusters") List<InstanceLoad> instances,
                                        @ForAll("tasks") TaskRequirements task,
                                        @ForAll("placements") Placement placement,
                                        @ForAll @IntRange(min = 0, max = 40) int count,
                                        @ForAll @IntRange(min = 0, max = 5) int secondCount,
                                        @ForAll long seed) {
        Scheduler scheduler = Scheduler.defaults(new Random(seed));
        ReferenceScheduler reference = ReferenceScheduler.defaults(new Random(seed));
        ClusterLoad load = ClusterLoad.of(instances);

        PlacementOutcome actual = scheduler.place(task, placement, count, load);
        PlacementOutcome expected = reference.place(task, placement, count, load);
        assertSame(actual, expected);

        // the next call from each one's own result: a load that shares (overlays) the input's map
        PlacementOutcome actual2 = scheduler.place(task, placement, secondCount, actual.after());
        PlacementOutcome expected2 = reference.place(task, placement, secondCount, expected.after());
        assertSame(actual2, expected2);
    }

    private static void assertSame(PlacementOutcome actual, PlacementOutcome expected) {
        assertThat(actual.placements()).isEqualTo(expected.placements());
        assertThat(actual.unplaced()).isEqualTo(expected.unplaced());
        assertThat(actual.explanation()).isEqualTo(expected.explanation());
        assertThat(actual.after()).isEqualTo(expected.after());
        assertThat(actual.after().hashCode()).isEqualTo(expected.after().hashCode());
        assertThat(List.copyOf(actual.after().instances().keySet()))
                .isEqualTo(List.copyOf(expected.after().instances().keySet()));
        assertThat(List.copyOf(actual.after().instances().values()))
                .isEqualTo(List.copyOf(expected.after().instances().values()));
    }
}
