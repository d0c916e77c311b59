package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loads derived by changing a few instances share the earlier map, yet behave as a plain copy would. */
class ClusterLoadTest {

    private static final TaskRequirements TASK = new TaskRequirements(10, 20, Set.of(new HostPort(80, "tcp")),
            new UUID(9, 9));

    private static List<InstanceLoad> instances(int n) {
        List<InstanceLoad> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new InstanceLoad(new UUID(0, (i * 7L + 3) % 101), "h" + i, true, 1024, 2048, 0, 0, Set.of(),
                    Map.of(), Map.of()));
        }
        return list;
    }

    /** What withTask did before: a full copy of the map with one entry replaced. */
    private static Map<UUID, InstanceLoad> copiedWithTask(Map<UUID, InstanceLoad> map, UUID id) {
        Map<UUID, InstanceLoad> copy = new LinkedHashMap<>(map);
        copy.computeIfPresent(id, (k, l) -> l.withTask(TASK));
        return copy;
    }

    @Test
    void aLongChainOfSmallChangesEqualsTheCopiesInOrderAcrossFlattening() {
        List<InstanceLoad> list = instances(100);
        ClusterLoad load = ClusterLoad.of(list);
        Map<UUID, InstanceLoad> expected = new LinkedHashMap<>(load.instances());
        // 60 changes on 100 instances: several overlays, then flattened more than once (threshold 100/8)
        for (int i = 0; i < 60; i++) {
            UUID id = list.get((i * 13) % list.size()).id();
            load = load.withTask(id, TASK);
            expected = copiedWithTask(expected, id);
            assertThat(load.instances()).isEqualTo(expected);
            assertThat(load.instances().hashCode()).isEqualTo(expected.hashCode());
            assertThat(List.copyOf(load.instances().keySet())).isEqualTo(List.copyOf(expected.keySet()));
            assertThat(List.copyOf(load.instances().values())).isEqualTo(List.copyOf(expected.values()));
            assertThat(load.instances().get(id)).isEqualTo(expected.get(id));
        }
        assertThat(load).isEqualTo(new ClusterLoad(expected));
    }

    @Test
    void theEarlierLoadIsUnchangedAndNeitherCanBeModified() {
        ClusterLoad before = ClusterLoad.of(instances(50));
        UUID id = before.instances().keySet().iterator().next();
        ClusterLoad after = before.withTask(id, TASK);

        assertThat(before.instances().get(id).usedCpu()).isZero();
        assertThat(after.instances().get(id).usedCpu()).isEqualTo(10);
        assertThat(after.withoutTask(id, TASK)).isEqualTo(before);
        assertThatThrownBy(() -> after.instances().put(id, before.instances().get(id)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.instances().entrySet().iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.instances().values().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnknownInstanceChangesNothing() {
        ClusterLoad load = ClusterLoad.of(instances(5));
        assertThat(load.withTask(new UUID(7, 7), TASK)).isSameAs(load);
        assertThat(load.withReplaced(Map.of(new UUID(7, 7), instances(1).getFirst()))).isSameAs(load);
        assertThat(load.withTask(new UUID(7, 7), TASK).instances()).hasSize(5);
    }
}
