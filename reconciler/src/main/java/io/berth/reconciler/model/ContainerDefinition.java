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
 * @param options           the rest of ECS's container definition (user, mounts, dependsOn...), never null
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
        HealthCheck healthCheck,
        ContainerOptions options) {

    /** A container with none of {@link ContainerOptions} set. */
    public ContainerDefinition(String name, String image, List<String> command, List<String> entryPoint,
                               Map<String, String> environment, Integer cpu, Integer memory, Integer memoryReservation,
                               boolean essential, List<PortMapping> portMappings, HealthCheck healthCheck) {
        this(name, image, command, entryPoint, environment, cpu, memory, memoryReservation, essential, portMappings,
                healthCheck, ContainerOptions.NONE);
    }

    public ContainerDefinition {
        command = command == null ? List.of() : List.copyOf(command);
        entryPoint = entryPoint == null ? List.of() : List.copyOf(entryPoint);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
        options = options == null ? ContainerOptions.NONE : options;
    }

    /** MiB reserved on the host for placement: the soft reservation if set, else the hard limit. */
    public int reservedMemory() {
        if (memoryReservation != null) {
            return memoryReservation;
        }
        return memory == null ? 0 : memory;
    }
}
