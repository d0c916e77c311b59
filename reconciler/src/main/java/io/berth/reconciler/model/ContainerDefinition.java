package io.berth.reconciler.model;

import java.util.List;
import java.util.Map;

/**
 * One container of a task definition, with ECS's names and meanings.
 *
 * @param cpu               CPU units (1024 = one core), null = none reserved
 * @param memory            hard limit in MiB, null = none
 * @param memoryReservation soft limit in MiB, null = none
 * @param essential         when an essential container stops, the task stops
 */
public record ContainerDefinition(
        String name,
        String image,
        List<String> command,
        List<String> entryPoint,
        Map<String, String> environment,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        boolean essential,
        List<PortMapping> portMappings,
        HealthCheck healthCheck) {

    public ContainerDefinition {
        command = command == null ? List.of() : List.copyOf(command);
        entryPoint = entryPoint == null ? List.of() : List.copyOf(entryPoint);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    }

    /** MiB reserved on the host for placement: the soft reservation if set, else the hard limit. */
    public int reservedMemory() {
        if (memoryReservation != null) {
            return memoryReservation;
        }
        return memory == null ? 0 : memory;
    }
}
