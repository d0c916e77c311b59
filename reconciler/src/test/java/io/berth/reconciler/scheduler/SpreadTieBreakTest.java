package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ties left after the strategies go to the instance running fewer tasks of any group (cluster-wide), then to the
 * lower id — so services spreading across instances do not all start on the same lowest-id instances.
 */
class SpreadTieBreakTest {

    static final UUID SERVICE = new UUID(5, 5);
    static final UUID OTHER = new UUID(6, 6);
    static final Placement SPREAD_INSTANCES = new Placement(List.of(PlacementStrategy.Spread.INSTANCES), List.of());

    /** Instance {@code n} (id n) running {@code mine} tasks of SERVICE and {@code others} of another service. */
    static InstanceLoad host(int n, int mine, int others) {
        Map<UUID, Integer> groups = new HashMap<>();
        if (mine > 0) {
            groups.put(SERVICE, mine);
        }
        if (others > 0) {
            groups.put(OTHER, others);
        }
        return new InstanceLoad(new UUID(0, n), "h" + n, true, 8192, 16384, 0, 0, Set.of(), groups, Map.of());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // case, hosts, expected host number
                Arguments.of("all alike: the lowest id", List.of(host(3, 0, 0), host(1, 0, 0), host(2, 0, 0)), 1),
                Arguments.of("fewer tasks of another service beats a lower id",
                        List.of(host(1, 0, 3), host(2, 0, 1), host(3, 0, 2)), 2),
                Arguments.of("equally few tasks: the lower id of those",
                        List.of(host(1, 0, 3), host(3, 0, 1), host(2, 0, 1)), 2),
                Arguments.of("the spread itself still dominates: fewest of this service first",
                        List.of(host(1, 1, 0), host(2, 0, 9)), 2),
                Arguments.of("tasks of this service count in the tie-break too (spread by zone ties)",
                        List.of(host(1, 1, 0), host(2, 1, 1)), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void breaksTiesByFewerTasksThenId(String name, List<InstanceLoad> hosts, int expected) {
        TaskRequirements task = new TaskRequirements(1, 1, Set.of(), SERVICE);
        PlacementOutcome out = Scheduler.defaults().place(task, SPREAD_INSTANCES, 1, ClusterLoad.of(hosts));
        assertThat(out.placements()).containsExactly(new UUID(0, expected));
    }

    @Test
    void servicesSpreadingOneAfterAnotherUseEveryHost() {
        List<InstanceLoad> hosts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hosts.add(new InstanceLoad(new UUID(0, i), "h" + i, true, 8192, 16384, 0, 0, Set.of(), Map.of(), Map.of()));
        }
        ClusterLoad load = ClusterLoad.of(hosts);
        Set<UUID> used = new HashSet<>();
        for (int s = 0; s < 10; s++) {
            PlacementOutcome out = Scheduler.defaults().place(new TaskRequirements(1, 1, Set.of(), new UUID(7, s)), 10, load);
            used.addAll(out.placements());
            load = out.after();
        }
        // by id alone every service took hosts 0..9; now each takes hosts no service runs on yet
        assertThat(used).hasSize(100);
        assertThat(load.instances().values()).allSatisfy(h -> assertThat(h.totalTasks()).isEqualTo(1));
    }
}
