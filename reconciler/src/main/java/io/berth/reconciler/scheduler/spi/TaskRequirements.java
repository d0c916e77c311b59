package io.berth.reconciler.scheduler.spi;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What one task needs from a host.
 *
 * @param group     the placement group (the service id for service tasks) spread and distinctInstance count by
 * @param groupName its ECS task group name ({@code service:web}), recorded on the instance for {@code task:group}
 */
public record TaskRequirements(int cpu, int memory, Set<HostPort> fixedPorts, UUID group, String groupName) {

    public TaskRequirements {
        fixedPorts = Set.copyOf(fixedPorts);
    }

    public TaskRequirements(int cpu, int memory, Set<HostPort> fixedPorts, UUID group) {
        this(cpu, memory, fixedPorts, group, null);
    }

    /** ECS's task group of a service's tasks. */
    public static String serviceGroup(String serviceName) {
        return "service:" + serviceName;
    }

    /** ECS's default task group of a one-off task. */
    public static String familyGroup(String family) {
        return "family:" + family;
    }

    public TaskRequirements withGroupName(String name) {
        return new TaskRequirements(cpu, memory, fixedPorts, group, name);
    }

    public static TaskRequirements of(TaskDefinitionSpec spec, UUID group) {
        Set<HostPort> ports = new LinkedHashSet<>();
        for (ContainerDefinition c : spec.containers()) {
            for (PortMapping p : c.portMappings()) {
                if (!p.isDynamic()) {
                    ports.add(new HostPort(p.hostPort(), p.protocol()));
                }
            }
        }
        return new TaskRequirements(spec.reservedCpu(), spec.reservedMemory(), ports, group);
    }
}
