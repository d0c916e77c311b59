package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Derives each instance's load from the tasks stored as placed there — the reservations are never kept apart from the tasks. */
public final class ClusterLoadBuilder {

    private ClusterLoadBuilder() {
    }

    public static ClusterLoad build(List<ContainerInstance> instances, List<Task> activeTasks,
                                    Function<String, TaskDefinitionSpec> specByArn) {
        List<TaskReservation> reservations = new ArrayList<>(activeTasks.size());
        for (Task t : activeTasks) {
            if (t.instanceId() != null && !t.isStopped()) {
                reservations.add(TaskReservation.of(t));
            }
        }
        return fromReservations(instances, reservations, specByArn);
    }

    /**
     * The load from what each placed task that is not STOPPED reserves ({@code StateStore.reservations}): what a pass
     * reads, rather than whole tasks.
     */
    public static ClusterLoad fromReservations(List<ContainerInstance> instances, List<TaskReservation> reservations,
                                               Function<String, TaskDefinitionSpec> specByArn) {
        Map<UUID, List<TaskReservation>> byInstance = new HashMap<>();
        for (TaskReservation r : reservations) {
            byInstance.computeIfAbsent(r.instanceId(), k -> new ArrayList<>()).add(r);
        }
        Map<UUID, Set<HostPort>> portsByInstance = usedPorts(reservations, specByArn); // the API's definition too
        List<InstanceLoad> loads = new ArrayList<>();
        for (ContainerInstance i : instances) {
            int cpu = 0;
            int memory = 0;
            Set<HostPort> ports = portsByInstance.getOrDefault(i.id(), Set.of());
            Map<UUID, Integer> groups = new HashMap<>();
            Map<String, Integer> groupNames = new HashMap<>();
            for (TaskReservation t : byInstance.getOrDefault(i.id(), List.of())) {
                cpu += t.reservedCpu();
                memory += t.reservedMemory();
                if (t.serviceId() != null) {
                    groups.merge(t.serviceId(), 1, Integer::sum);
                }
                groupNames.merge(groupName(t), 1, Integer::sum);
            }
            loads.add(new InstanceLoad(i.id(), i.hostname() == null ? i.endpoint() : i.hostname(), i.schedulable(),
                    i.registeredCpu(), i.registeredMemory(), cpu, memory, ports, groups, i.attributes(), groupNames,
                    i.reservedPorts()));
        }
        return ClusterLoad.of(loads);
    }

    /**
     * The fixed host ports the placed tasks hold on each instance — what {@link InstanceLoad#usedPorts()} is for the
     * scheduler, for readers that need nothing else of the load (the API's remaining ports).
     */
    public static Map<UUID, Set<HostPort>> usedPorts(List<TaskReservation> reservations,
                                                     Function<String, TaskDefinitionSpec> specByArn) {
        Function<String, Set<HostPort>> portsOf = fixedPortsByArn(specByArn);
        Map<UUID, Set<HostPort>> result = new HashMap<>();
        for (TaskReservation t : reservations) {
            Set<HostPort> ports = portsOf.apply(t.taskDefinitionArn());
            if (!ports.isEmpty()) { // most tasks map no fixed port: no set for them
                result.computeIfAbsent(t.instanceId(), k -> new HashSet<>()).addAll(ports);
            }
        }
        return result;
    }

    /** A spec's fixed host ports, worked out once per revision. */
    private static Function<String, Set<HostPort>> fixedPortsByArn(Function<String, TaskDefinitionSpec> specByArn) {
        Map<String, Set<HostPort>> portsByArn = new HashMap<>();
        return arn -> portsByArn.computeIfAbsent(arn, a -> TaskRequirements.of(specByArn.apply(a), null).fixedPorts());
    }

    /** ECS's task group: {@code service:NAME} for a service's tasks, {@code family:FAMILY} for one-off tasks. */
    public static String groupName(Task t) {
        return groupName(TaskReservation.of(t));
    }

    public static String groupName(TaskReservation t) {
        return t.serviceId() != null ? TaskRequirements.serviceGroup(t.serviceName()) : TaskRequirements.familyGroup(t.family());
    }
}
