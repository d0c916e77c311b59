package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed decision ({@link IndexedDecider}: heaps of feasible instances per cell of spread-attribute values) takes
 * exactly the decisions of the scan ({@link ScanDecider}, every instance through every filter and scorer for every
 * task), on random clusters, tasks, chains of binpack and spread strategies (across instances and across one or two
 * attributes, instances lacking them included) and constraints — distinctInstance and memberOf, also on
 * {@code task:group}, which the placements themselves change: the same placements in the same order, the same
 * unplaced count and explanation, and the same load after, also for a second call starting from the first's result.
 *
 * <p>The value ranges are small on purpose, so that scores tie often and the tie-breaks (fewer tasks, lower id) and
 * running out of room (the explanation) are exercised.
 */
class IndexedDeciderEquivalencePropertyTest {

    static final List<UUID> GROUPS = List.of(new UUID(5, 1), new UUID(5, 2));

    @Provide
    Arbitrary<List<InstanceLoad>> clusters() {
        Arbitrary<InstanceLoad> instance = Combinators.combine(
                Arbitraries.integers().between(1, 10).map(n -> n <= 8),
                Arbitraries.of(512, 1024, 2048),
                Arbitraries.of(1024, 2048),
                Arbitraries.of(0, 25, 50, 100),
                Arbitraries.subsetOf(SchedulerPropertyTest.PORTS.subList(0, 2)),
                Arbitraries.integers().between(0, 2).list().ofSize(GROUPS.size()),
                Arbitraries.of("a", "b", "c", null),
                Arbitraries.of("r1", "r2", null))
                .as((sched, cpu, mem, pct, ports, perGroup, zone, rack) -> {
                    Map<String, String> attributes = new HashMap<>();
                    if (zone != null) {
                        attributes.put("zone", zone);
                    }
                    if (rack != null) {
                        attributes.put("rack", rack);
                    }
                    return GeneratedInstances.instance(sched, cpu, mem, pct, ports, perGroup, GROUPS, attributes);
                });
        return instance.list().ofMinSize(0).ofMaxSize(60).map(GeneratedInstances::withScatteredIds);
    }

    @Provide
    Arbitrary<TaskRequirements> tasks() {
        return Combinators.combine(
                Arbitraries.of(0, 64, 256, 512),
                Arbitraries.of(0, 128, 512),
                Arbitraries.subsetOf(SchedulerPropertyTest.PORTS.subList(0, 1)),
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
                new PlacementStrategy.Spread("rack"),
                PlacementStrategy.Spread.INSTANCES);
        Arbitrary<PlacementConstraint> constraint = Arbitraries.of(
                new PlacementConstraint.DistinctInstance(),
                PlacementConstraint.MemberOf.parse("attribute:zone != c"),
                PlacementConstraint.MemberOf.parse("not(task:group == service:s1)"),
                PlacementConstraint.MemberOf.parse("attribute:rack exists or task:group == service:s0"));
        return Combinators.combine(strategy.list().ofMaxSize(PlacementStrategy.MAX_CHAINED), constraint.list().ofMaxSize(2))
                .as(Placement::new);
    }

    @Property(tries = 1000)
    void indexDecidesAsTheScan(@ForAll("clusters") List<InstanceLoad> instances,
                               @ForAll("tasks") TaskRequirements task,
                               @ForAll("placements") Placement placement,
                               @ForAll @IntRange(min = 0, max = 60) int count,
                               @ForAll @IntRange(min = 0, max = 10) int secondCount) {
        Scheduler scan = Scheduler.defaults(new Random(1)).deciding(Scheduler.Deciding.SCAN);
        Scheduler indexed = Scheduler.defaults(new Random(1)).deciding(Scheduler.Deciding.INDEXED);
        ClusterLoad load = ClusterLoad.of(instances);

        PlacementOutcome expected = scan.place(task, placement, count, load);
        PlacementOutcome actual = indexed.place(task, placement, count, load);
        assertSameOutcome(actual, expected);

        PlacementOutcome expected2 = scan.place(task, placement, secondCount, expected.after());
        PlacementOutcome actual2 = indexed.place(task, placement, secondCount, actual.after());
        assertSameOutcome(actual2, expected2);

        Statistics.label("ran out of room").collect(expected.unplaced() > 0);
        Statistics.label("spread attributes").collect(placement.strategies().stream()
                .filter(s -> s instanceof PlacementStrategy.Spread sp && sp.attribute() != null).count());
    }

    /** The benchmark's shape at a size where the scan is still quick: 2,000 hosts, 3 zones, 10 services of 300. */
    @Example
    void indexDecidesAsTheScanOnABigCluster() {
        Random random = new Random(42);
        List<InstanceLoad> hosts = new ArrayList<>();
        int[] cpus = {2, 4, 4, 8};
        for (int i = 0; i < 2_000; i++) {
            int c = cpus[i % cpus.length];
            hosts.add(new InstanceLoad(new UUID(random.nextLong(), random.nextLong()), "h" + i, i % 100 != 99,
                    c * 1024, c * 4096, random.nextInt(c * 512), random.nextInt(c * 2048), Set.of(), Map.of(),
                    Map.of("zone", String.valueOf((char) ('a' + i % 3)))));
        }
        ClusterLoad scanLoad = ClusterLoad.of(hosts);
        ClusterLoad indexLoad = scanLoad;
        Scheduler scan = Scheduler.defaults().deciding(Scheduler.Deciding.SCAN);
        Scheduler indexed = Scheduler.defaults().deciding(Scheduler.Deciding.INDEXED);
        Set<UUID> used = new HashSet<>();
        for (int s = 0; s < 10; s++) {
            TaskRequirements task = new TaskRequirements(31, 126, Set.of(), new UUID(9, s), "service:s" + s);
            PlacementOutcome expected = scan.place(task, 300, scanLoad);
            PlacementOutcome actual = indexed.place(task, 300, indexLoad);
            assertSameOutcome(actual, expected);
            used.addAll(actual.placements());
            scanLoad = expected.after();
            indexLoad = actual.after();
        }
        assertThat(used).hasSizeGreaterThan(1_000); // spread across instances, not piled on a few
    }

    static void assertSameOutcome(PlacementOutcome actual, PlacementOutcome expected) {
        assertThat(actual.placements()).isEqualTo(expected.placements());
        assertThat(actual.unplaced()).isEqualTo(expected.unplaced());
        assertThat(actual.explanation()).isEqualTo(expected.explanation());
        assertThat(actual.after()).isEqualTo(expected.after());
        assertThat(List.copyOf(actual.after().instances().values()))
                .isEqualTo(List.copyOf(expected.after().instances().values()));
    }
}
