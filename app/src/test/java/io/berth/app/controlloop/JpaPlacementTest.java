package io.berth.app.controlloop;

import io.berth.app.BerthContextTest;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JPA state store on real PostgreSQL: placements claim their instances (a pass that read an older placement
 * version stores nothing), and remaining resources follow the tasks — reserved when placed, freed when stopped.
 */
class JpaPlacementTest extends BerthContextTest {

    @Autowired
    StateStore store;
    @Autowired
    ClusterRepository clusters;
    @Autowired
    ContainerInstanceRepository instances;
    @Autowired
    TaskDefinitionRepository taskDefinitions;

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private Task task(String cluster, String family, UUID instance) {
        return new Task(UUID.randomUUID(), cluster, null, null, family, 1, instance, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 512, 1024, List.of(TaskContainer.pending("app")), NOW, null, null);
    }

    private ContainerInstance read(UUID id) {
        return store.instance(id).orElseThrow();
    }

    @Test
    void aPassOnStaleLoadStoresNothingAndRemainingFollowsTheTasks() {
        String cluster = "jpa-" + UUID.randomUUID().toString().substring(0, 8);
        clusters.save(new ClusterEntity(cluster));
        String family = "fam-" + UUID.randomUUID().toString().substring(0, 8);
        taskDefinitions.save(new TaskDefinitionEntity(family, 1, "{\"containers\":[]}", "h"));
        UUID a = instances.save(new ContainerInstanceEntity(cluster, "tcp://a-" + family + ":2376", 2048, 4096)).getId();
        UUID b = instances.save(new ContainerInstanceEntity(cluster, "tcp://b-" + family + ":2376", 2048, 4096)).getId();
        long readA = read(a).placementVersion();
        long readB = read(b).placementVersion();

        Task first = task(cluster, family, a);
        store.placeTasks(List.of(first), Map.of(a, readA, b, readB));
        assertThat(read(a).placementVersion()).isEqualTo(readA + 1);
        assertThat(instances.findById(a).orElseThrow().getRemainingMemory()).isEqualTo(4096 - 1024);

        // a second pass that read the same versions places on a and b: a moved on, so nothing of it is stored
        Task onA = task(cluster, family, a);
        Task onB = task(cluster, family, b);
        assertThatThrownBy(() -> store.placeTasks(List.of(onA, onB), Map.of(a, readA, b, readB)))
                .isInstanceOf(PlacementConflictException.class);
        assertThat(store.tasks(List.of(onA.id(), onB.id()))).isEmpty();
        assertThat(read(b).placementVersion()).as("b's claim was rolled back with the rest").isEqualTo(readB);

        // run again on fresh state: it goes through
        store.placeTasks(List.of(onA, onB), Map.of(a, read(a).placementVersion(), b, readB));
        assertThat(instances.findById(a).orElseThrow().getRemainingCpu()).isEqualTo(2048 - 2 * 512);

        store.markStopped(first.id(), null, null, List.of(), NOW);
        assertThat(instances.findById(a).orElseThrow().getRemainingCpu()).as("freed when stopped").isEqualTo(2048 - 512);
        assertThat(instances.findById(a).orElseThrow().getRemainingMemory()).isEqualTo(4096 - 1024);
    }
}
