package io.berth.reconciler.store.jpa;

import io.berth.db.model.ContainerHealth;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Entity ↔ record conversions of the JPA store. The JSON columns are written and read here only. */
final class EntityMapping {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<HostPortJson>> PORTS = new TypeReference<>() {
    };

    /** The stored shape of a bound port; kept apart from PortMapping so that its helpers never reach the JSON. */
    private record HostPortJson(int containerPort, int hostPort, String protocol) {
    }

    private final JsonMapper json = JsonMapper.builder().build();

    Deployment deployment(DeploymentEntity d, int failedTasks) {
        return new Deployment(d.getId(), d.getTaskDefinition().family() + ":" + d.getTaskDefinition().revision(),
                Deployment.Status.valueOf(d.getStatus().name()), Deployment.RolloutState.valueOf(d.getRolloutState().name()),
                d.getRolloutReason(), Deployment.Trigger.valueOf(d.getTrigger().name()), d.getDesiredCount(), failedTasks,
                d.getCreatedAt(), d.getFinishedAt());
    }

    Task task(TaskEntity e) {
        List<TaskContainer> containers = e.getContainers().stream().map(this::container).toList();
        return new Task(e.getId(), e.getCluster(), e.getServiceId(), e.getServiceName(), e.getTaskFamily(),
                e.getTaskRevision(), e.getContainerInstanceId(), desired(e.getDesiredStatus()), last(e.getLastStatus()),
                e.getStopCode() == null ? null : StopCode.valueOf(e.getStopCode()), e.getStoppedReason(),
                e.getReservedCpu(), e.getReservedMemory(), containers, e.getCreatedAt(), e.getStartedAt(), e.getStoppedAt(),
                e.getDeploymentId());
    }

    TaskContainer container(TaskContainerEntity e) {
        return new TaskContainer(e.getName(), e.getDockerId(), last(e.getLastStatus()), e.getExitCode(), e.getReason(),
                json.readValue(e.getHostPorts(), PORTS).stream()
                        .map(p -> new PortMapping(p.containerPort(), p.hostPort(), p.protocol())).toList(),
                HealthStatus.valueOf(e.getHealth().name()));
    }

    /** Writes the observed state of each container into the task's rows, adding rows for new names. */
    void applyContainers(TaskEntity task, List<TaskContainer> containers) {
        for (TaskContainer c : containers) {
            TaskContainerEntity row = task.container(c.name()).orElseGet(() -> task.addContainer(c.name()));
            row.setDockerId(c.dockerId());
            row.setLastStatus(lastStatus(c.lastStatus()));
            row.setExitCode(c.exitCode());
            row.setReason(c.reason());
            row.setHostPorts(hostPortsJson(c.hostPorts()));
            row.setHealth(ContainerHealth.valueOf(c.health().name()));
        }
        task.setHealthStatus(ContainerHealth.valueOf(HealthStatus.ofTask(task.getContainers().stream()
                .map(this::container).toList()).name()));
    }

    /** The {@code task_container.host_ports} column: a JSON array of {containerPort, hostPort, protocol}. */
    String hostPortsJson(List<PortMapping> ports) {
        if (ports.isEmpty()) {
            return "[]";
        }
        return json.writeValueAsString(ports.stream()
                .map(p -> new HostPortJson(p.containerPort(), p.hostPort(), p.protocol())).toList());
    }

    ContainerInstance instance(ContainerInstanceEntity e) {
        return new ContainerInstance(e.getId(), e.getCluster(), e.getEndpoint(), e.getEngineId(), e.getHostname(),
                ContainerInstance.InstanceStatus.valueOf(e.getStatus().name()), e.isConnected(), e.getLastSeen(),
                e.getRegisteredCpu(), e.getRegisteredMemory(), json.readValue(e.getAttributes(), STRING_MAP),
                e.getPlacementVersion(),
                ContainerInstance.storedReservedPorts(e.getReservedPorts()));
    }

    static TaskStatus desired(DesiredStatus s) {
        return switch (s) {
            case RUNNING -> TaskStatus.RUNNING;
            case STOPPED -> TaskStatus.STOPPED;
        };
    }

    static TaskStatus last(LastStatus s) {
        return TaskStatus.valueOf(s.name());
    }

    static LastStatus lastStatus(TaskStatus s) {
        return LastStatus.valueOf(s.name());
    }

    static InstanceStatus instanceStatus(ContainerInstance.InstanceStatus s) {
        return InstanceStatus.valueOf(s.name());
    }
}
