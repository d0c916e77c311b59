package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What one task needs from a host.
 *
 * @param group the placement group (the service id for service tasks) spread scorers count by
 */
public record TaskRequirements(int cpu, int memory, Set<HostPort> fixedPorts, UUID group) {

    public TaskRequirements {
        fixedPorts = Set.copyOf(fixedPorts);
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
