package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/** ECS strategies, chained, and constraints, each with the instances it picks and why it refuses. */
class PlacementStrategiesTest {

    static final UUID GROUP = SchedulerTest.GROUP;

    static InstanceLoad host(int n, Map<String, String> attributes, int freeCpu, int freeMemory) {
        return new InstanceLoad(id(n), "host-" + n, true, 4096, 8192, 4096 - freeCpu, 8192 - freeMemory, Set.of(),
                Map.of(), attributes);
    }

    static InstanceLoad zone(int n, String zone) {
        return host(n, Map.of("zone", zone), 4096, 8192);
    }

    static TaskRequirements task(int cpu, int memory) {
        return new TaskRequirements(cpu, memory, Set.of(), GROUP, "service:web");
    }

    static Placement strategies(PlacementStrategy... s) {
        return new Placement(List.of(s), List.of());
    }

    static Placement constraints(String... memberOf) {
        return new Placement(List.of(), List.of(memberOf).stream()
                .map(e -> (PlacementConstraint) PlacementConstraint.MemberOf.parse(e)).toList());
    }

    static ClusterLoad cluster(InstanceLoad... loads) {
        return ClusterLoad.of(List.of(loads));
    }

    @Test
    void defaultSpreadsAcrossZonesBeforeInstances() {
        // zone a has two hosts, zone b one: 4 tasks go a, b, a, b — never three in one zone
        ClusterLoad c = cluster(zone(1, "a"), zone(2, "a"), zone(3, "b"));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 1), Placement.SERVICE_DEFAULT, 4, c);

        assertThat(out.placements()).containsExactly(id(1), id(3), id(2), id(3));
    }

    @Test
    void defaultWithoutZonesIsSpreadAcrossInstances() {
        ClusterLoad c = cluster(host(1, Map.of(), 4096, 8192), host(2, Map.of(), 4096, 8192));

        assertThat(Scheduler.defaults().place(task(1, 1), 4, c).placements()).containsExactly(id(1), id(2), id(1), id(2));
    }

    @Test
    void spreadByAttributeCountsInstancesWithoutItAsOneMoreValue() {
        ClusterLoad c = cluster(zone(1, "a"), host(2, Map.of(), 4096, 8192), host(3, Map.of(), 4096, 8192));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 1),
                strategies(new PlacementStrategy.Spread("zone"), PlacementStrategy.Spread.INSTANCES), 4, c);

        // a / none tie -> host 1; none has fewer -> host 2; tie again, the instance spread picks the empty host 3;
        // then zone a (1 task) has fewer than none (2)
        assertThat(out.placements()).containsExactly(id(1), id(2), id(3), id(1));
    }

    @Test
    void binpackMemoryThenSpreadBreaksItsTies() {
        ClusterLoad c = cluster(host(1, Map.of(), 4096, 1024), host(2, Map.of(), 4096, 1024), host(3, Map.of(), 4096, 4096));

        PlacementOutcome out = Scheduler.defaults().place(new TaskRequirements(1, 0, Set.of(), GROUP),
                strategies(new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY), PlacementStrategy.Spread.INSTANCES),
                3, c);

        // hosts 1 and 2 are the fullest and tie (the task takes no memory); spread alternates between them
        assertThat(out.placements()).containsExactly(id(1), id(2), id(1));
    }

    @Test
    void earlierStrategiesDominate() {
        // host 1 is the fullest (binpack cpu wants it) but runs the group already (spread does not)
        InstanceLoad busy = new InstanceLoad(id(1), "h1", true, 4096, 8192, 3072, 0, Set.of(), Map.of(GROUP, 1), Map.of());
        ClusterLoad c = cluster(busy, host(2, Map.of(), 4096, 8192));
        Placement binpackFirst = strategies(new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU),
                PlacementStrategy.Spread.INSTANCES);
        Placement spreadFirst = strategies(PlacementStrategy.Spread.INSTANCES,
                new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU));

        assertThat(Scheduler.defaults().place(task(256, 1), binpackFirst, 1, c).placements()).containsExactly(id(1));
        assertThat(Scheduler.defaults().place(task(256, 1), spreadFirst, 1, c).placements()).containsExactly(id(2));
    }

    @Test
    void randomIsReproducibleWithASeedAndUsesEveryInstance() {
        ClusterLoad c = cluster(zone(1, "a"), zone(2, "a"), zone(3, "a"), zone(4, "a"));
        Placement random = strategies(new PlacementStrategy.Random());

        List<UUID> first = Scheduler.defaults(new Random(7)).place(task(1, 1), random, 200, c).placements();
        List<UUID> again = Scheduler.defaults(new Random(7)).place(task(1, 1), random, 200, c).placements();

        assertThat(first).isEqualTo(again);
        Map<UUID, Integer> counts = new HashMap<>();
        first.forEach(id -> counts.merge(id, 1, Integer::sum));
        assertThat(counts).hasSize(4);
        // uniform: 50 expected each; a bound this loose fails only for a broken sampler
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(25, 75));
    }

    @Test
    void randomOnlyBreaksTheTiesOfEarlierStrategies() {
        ClusterLoad c = cluster(zone(1, "a"), zone(2, "a"), zone(3, "b"));
        Placement p = strategies(new PlacementStrategy.Spread("zone"), new PlacementStrategy.Random());

        for (int seed = 0; seed < 20; seed++) {
            List<UUID> placed = Scheduler.defaults(new Random(seed)).place(task(1, 1), p, 2, c).placements();
            // one task per zone whatever the draw
            assertThat(placed).contains(id(3)).hasSize(2);
        }
    }

    @Test
    void memberOfKeepsOnlyMatchingInstancesAndExplainsTheRest() {
        ClusterLoad c = cluster(zone(1, "a"), host(2, Map.of("zone", "a"), 4096, 256), zone(3, "b"));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 512), constraints("attribute:zone == a"), 2, c);

        assertThat(out.placements()).containsExactly(id(1), id(1));
        PlacementOutcome onlyOneFits = Scheduler.defaults().place(task(1, 8192), constraints("attribute:zone == a"), 2, c);
        assertThat(onlyOneFits.placements()).containsExactly(id(1));
        assertThat(onlyOneFits.explanation().describe()).isEqualTo(
                "3 instances checked — 1 fails attribute:zone == a, 2 lack memory (need 8192 MiB, largest free 256 MiB)");
    }

    @Test
    void explanationNamesEachConstraintAndResource() {
        ClusterLoad c = cluster(host(1, Map.of("zone", "a"), 4096, 256), host(2, Map.of("zone", "a"), 4096, 128),
                zone(3, "b"));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 512), constraints("attribute:zone == a"), 2, c);

        assertThat(out.unplaced()).isEqualTo(2);
        assertThat(out.explanation().describe()).isEqualTo(
                "3 instances checked — 1 fails attribute:zone == a, 2 lack memory (need 512 MiB, largest free 256 MiB)");
    }

    @Test
    void distinctInstancePutsOneTaskPerInstance() {
        ClusterLoad c = cluster(zone(1, "a"), zone(2, "a"));
        Placement distinct = new Placement(List.of(new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU)),
                List.of(new PlacementConstraint.DistinctInstance()));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 1), distinct, 3, c);

        assertThat(out.placements()).containsExactlyInAnyOrder(id(1), id(2));
        assertThat(out.unplaced()).isEqualTo(1);
        assertThat(out.explanation().describe())
                .isEqualTo("2 instances checked — 2 already run a task of this group (distinctInstance)");
    }

    @Test
    void taskGroupAffinitySeesTasksPlacedEarlierInTheSameCall() {
        InstanceLoad db = new InstanceLoad(id(1), "h1", true, 4096, 8192, 0, 0, Set.of(), Map.of(), Map.of(),
                Map.of("service:db", 1));
        ClusterLoad c = cluster(db, zone(2, "a"));

        PlacementOutcome near = Scheduler.defaults().place(task(1, 1), constraints("task:group == service:db"), 2, c);
        PlacementOutcome away = Scheduler.defaults().place(task(1, 1), constraints("not(task:group == service:db)"), 2, c);

        assertThat(near.placements()).containsExactly(id(1), id(1));
        assertThat(away.placements()).containsExactly(id(2), id(2));
        assertThat(away.after().instances().get(id(2)).taskGroups()).containsExactly("service:web");
    }

    @Test
    void instanceIdIsABuiltInAttribute() {
        ClusterLoad c = cluster(zone(1, "a"), zone(2, "a"));

        PlacementOutcome out = Scheduler.defaults().place(task(1, 1),
                constraints("attribute:berth.instance-id != " + id(1)), 2, c);

        assertThat(out.placements()).containsExactly(id(2), id(2));
    }
}
