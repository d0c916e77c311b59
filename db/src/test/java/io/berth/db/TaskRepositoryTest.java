package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.db.model.ContainerHealth;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskRepositoryTest extends DbTestSupport {

    private TaskEntity newTask(String cluster, TaskDefinitionId td, ServiceEntity service, String... containerNames) {
        var task = new TaskEntity(cluster, td, 256, 128);
        if (service != null) {
            task.setService(service.getId(), service.getName());
        }
        for (String name : containerNames) {
            task.addContainer(name);
        }
        return tasks.save(task);
    }

    @Test
    void taskWithContainersRoundTripInOneQuery() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        UUID instanceId = instances.save(new ContainerInstanceEntity(cluster, "unix:///a.sock", 1024, 1024)).getId();
        var task = new TaskEntity(cluster, td, 512, 256);
        task.setContainerInstanceId(instanceId);
        task.setStartedBy("cli");
        task.setLastStatus(LastStatus.RUNNING);
        task.setStartedAt(Instant.now().truncatedTo(ChronoUnit.MICROS));
        // Added out of order: the collection comes back ordered by name.
        TaskContainerEntity sidecar = task.addContainer("sidecar");
        sidecar.setDockerId("abc123");
        sidecar.setLastStatus(LastStatus.RUNNING);
        sidecar.setHealth(ContainerHealth.HEALTHY);
        sidecar.setHostPorts("[{\"containerPort\":80,\"hostPort\":32768,\"protocol\":\"tcp\"}]");
        task.addContainer("app").setExitCode(137);
        tasks.save(task);

        var statistics = freshStatistics();
        TaskEntity loaded = tasks.findWithContainersById(task.getId()).orElseThrow();
        // Touching every container after the call: they were fetched by the same statement.
        assertThat(loaded.getContainers()).extracting(TaskContainerEntity::getName).containsExactly("app", "sidecar");
        assertThat(loaded.container("sidecar").orElseThrow().getHostPorts()).contains("32768");
        assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);

        assertThat(loaded).usingRecursiveComparison().ignoringFields("containers").isEqualTo(task);
        assertThat(loaded.container("sidecar").orElseThrow()).usingRecursiveComparison().ignoringFields("task")
                .isEqualTo(sidecar);
        assertThat(loaded.container("app").orElseThrow().getExitCode()).isEqualTo(137);
        assertThat(loaded.container("app").orElseThrow().getHealth()).isEqualTo(ContainerHealth.UNKNOWN);
    }

    @Test
    void serviceTasksWithContainersInOneQuery() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        var service = services.save(new ServiceEntity(cluster, "web", td.family(), td, 3, "{}"));
        for (int i = 0; i < 3; i++) {
            newTask(cluster, td, service, "app", "proxy");
        }
        TaskEntity stopped = newTask(cluster, td, service, "app");
        stopped.setDesiredStatus(DesiredStatus.STOPPED);
        tasks.save(stopped);

        var statistics = freshStatistics();
        var all = tasks.findByServiceIdOrderByCreatedAt(service.getId());
        assertThat(all).hasSize(4).allSatisfy(t -> assertThat(t.getContainers()).isNotEmpty());
        var running = tasks.findByServiceIdAndDesiredStatusOrderByCreatedAt(service.getId(), DesiredStatus.RUNNING);
        assertThat(running).hasSize(3).allSatisfy(t -> assertThat(t.getContainers()).hasSize(2));
        assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
    }

    @Test
    void updatingOneContainerWritesOneRowAndRemovedContainersAreDeleted() {
        String cluster = newCluster();
        TaskEntity task = newTask(cluster, newTaskDefinition(), null, "a", "b", "c");

        var statistics = freshStatistics();
        tx.executeWithoutResult(status -> {
            TaskEntity managed = tasks.findWithContainersById(task.getId()).orElseThrow();
            managed.container("b").orElseThrow().setLastStatus(LastStatus.RUNNING);
        });
        assertThat(statistics.getEntityUpdateCount()).isEqualTo(1);

        tx.executeWithoutResult(status -> tasks.findWithContainersById(task.getId()).orElseThrow().removeContainer("c"));
        TaskEntity loaded = tasks.findWithContainersById(task.getId()).orElseThrow();
        assertThat(loaded.getContainers()).extracting(TaskContainerEntity::getName).containsExactly("a", "b");
        assertThat(loaded.container("b").orElseThrow().getLastStatus()).isEqualTo(LastStatus.RUNNING);

        tasks.deleteById(task.getId());
        assertThat(tasks.findWithContainersById(task.getId())).isEmpty();
    }

    @Test
    void clusterInstanceAndCountQueries() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        UUID instanceId = instances.save(new ContainerInstanceEntity(cluster, "unix:///b.sock", 1024, 1024)).getId();
        var web = services.save(new ServiceEntity(cluster, "web", td.family(), td, 2, "{}"));
        var worker = services.save(new ServiceEntity(cluster, "worker", td.family(), td, 1, "{}"));

        TaskEntity running = newTask(cluster, td, web, "app");
        running.setLastStatus(LastStatus.RUNNING);
        running.setContainerInstanceId(instanceId);
        tasks.save(running);
        TaskEntity pending = newTask(cluster, td, web, "app");
        pending.setLastStatus(LastStatus.PENDING);
        pending.setContainerInstanceId(instanceId);
        tasks.save(pending);
        TaskEntity stopped = newTask(cluster, td, worker, "app");
        stopped.setLastStatus(LastStatus.STOPPED);
        stopped.setContainerInstanceId(instanceId);
        tasks.save(stopped);
        TaskEntity standalone = newTask(cluster, td, null, "app");

        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).extracting(TaskEntity::getId)
                .containsExactly(running.getId(), pending.getId(), stopped.getId(), standalone.getId());
        assertThat(tasks.findByServiceIdOrderByCreatedAt(web.getId())).extracting(TaskEntity::getId)
                .containsExactly(running.getId(), pending.getId());
        assertThat(tasks.findNotStoppedByContainerInstanceId(instanceId)).extracting(TaskEntity::getId)
                .containsExactly(running.getId(), pending.getId());
        assertThat(tasks.countRunningByServiceId(web.getId())).isEqualTo(1);
        assertThat(tasks.countRunningByServiceId(worker.getId())).isZero();
    }
}
