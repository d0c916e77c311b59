package io.berth.app.controlloop;

import io.berth.app.BerthContextTest;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code StateStore.tasksOfService} on real PostgreSQL: the live tasks plus the asked number of newest stopped ones —
 * zero meaning none (Spring Data's {@code Limit.of(0)} throws "Page size must not be less than one").
 */
class JpaTasksOfServiceTest extends BerthContextTest {

    @Autowired
    StateStore store;
    @Autowired
    ClusterRepository clusters;
    @Autowired
    TaskDefinitionRepository taskDefinitions;
    @Autowired
    ServiceRepository services;
    @Autowired
    TaskRepository tasks;

    private UUID service;
    private UUID live;
    private UUID newestStopped;

    @BeforeEach
    void seed() {
        String cluster = "tos-" + UUID.randomUUID().toString().substring(0, 8);
        clusters.save(new ClusterEntity(cluster));
        TaskDefinitionId td = new TaskDefinitionId("fam-" + cluster, 1);
        taskDefinitions.save(new TaskDefinitionEntity(td.family(), 1, "{\"containers\":[]}", "h"));
        service = services.save(new ServiceEntity(cluster, "web", td.family() + ":1", td, 1, "{}")).getId();
        live = task(cluster, td, LastStatus.RUNNING, null);
        task(cluster, td, LastStatus.STOPPED, Instant.parse("2026-11-22T05:00:00Z"));
        newestStopped = task(cluster, td, LastStatus.STOPPED, Instant.parse("2026-11-22T06:00:00Z"));
    }

    private UUID task(String cluster, TaskDefinitionId td, LastStatus last, Instant stoppedAt) {
        TaskEntity t = new TaskEntity(cluster, td, 0, 64);
        t.setService(service, "web");
        t.setLastStatus(last);
        t.setDesiredStatus(stoppedAt == null ? DesiredStatus.RUNNING : DesiredStatus.STOPPED);
        t.setStoppedAt(stoppedAt);
        return tasks.saveAndFlush(t).getId();
    }

    /** A pass's stops are written in one transaction. */
    @Test
    void requestStopsWritesEveryStop() {
        store.requestStops(java.util.List.of(new StateStore.StopRequest(live,
                io.berth.reconciler.model.StopCode.ServiceSchedulerInitiated, "Task replaced by revision web:2")), Instant.now());

        Task stopping = store.tasksOfService(service, 0).getFirst();
        assertThat(stopping.id()).isEqualTo(live);
        assertThat(stopping.desiredStatus()).isEqualTo(io.berth.reconciler.model.TaskStatus.STOPPED);
        assertThat(stopping.stopCode()).isEqualTo(io.berth.reconciler.model.StopCode.ServiceSchedulerInitiated);
        assertThat(stopping.stoppedReason()).isEqualTo("Task replaced by revision web:2");
    }

    @Test
    void zeroStoppedMeansTheLiveTasksOnly() {
        assertThat(store.tasksOfService(service, 0)).extracting(Task::id).containsExactly(live);
    }

    @Test
    void otherwiseTheNewestStoppedOnesComeWithThem() {
        assertThat(store.tasksOfService(service, 1)).extracting(Task::id).containsExactly(live, newestStopped);
        assertThat(store.tasksOfService(service, 5)).hasSize(3);
    }

    @Test
    void aNegativeCountIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> store.tasksOfService(service, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentStopped");
    }
}
