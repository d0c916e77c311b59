package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.HostPort;
import io.berth.reconciler.scheduler.InstanceLoad;
import io.berth.reconciler.scheduler.TaskRequirements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Derives each instance's load from the tasks stored as placed there — the reservations are never kept apart from the tasks. */
public final class ClusterLoads {

    private ClusterLoads() {
    }

    public static ClusterLoad build(List<ContainerInstance> instances, List<Task> activeTasks,
                                    Function<String, TaskDefinitionSpec> specByArn) {
        Map<UUID, List<Task>> byInstance = new HashMap<>();
        for (Task t : activeTasks) {
            if (t.instanceId() != null && !t.isStopped()) {
                byInstance.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t);
            }
        }
        List<InstanceLoad> loads = new ArrayList<>();
        for (ContainerInstance i : instances) {
            int cpu = 0;
            int memory = 0;
            Set<HostPort> ports = new HashSet<>();
            Map<UUID, Integer> groups = new HashMap<>();
            Map<String, Integer> groupNames = new HashMap<>();
            for (Task t : byInstance.getOrDefault(i.id(), List.of())) {
                cpu += t.reservedCpu();
                memory += t.reservedMemory();
                ports.addAll(TaskRequirements.of(specByArn.apply(t.taskDefinitionArn()), null).fixedPorts());
                if (t.serviceId() != null) {
                    groups.merge(t.serviceId(), 1, Integer::sum);
                }
                groupNames.merge(groupName(t), 1, Integer::sum);
            }
            loads.add(new InstanceLoad(i.id(), i.hostname() == null ? i.endpoint() : i.hostname(), i.schedulable(),
                    i.registeredCpu(), i.registeredMemory(), cpu, memory, ports, groups, i.attributes(), groupNames));
        }
        return ClusterLoad.of(loads);
    }

    /** ECS's task group: {@code service:NAME} for a service's tasks, {@code family:FAMILY} for one-off tasks. */
    static String groupName(Task t) {
        return t.serviceId() != null ? TaskRequirements.serviceGroup(t.serviceName()) : TaskRequirements.familyGroup(t.family());
    }
}
