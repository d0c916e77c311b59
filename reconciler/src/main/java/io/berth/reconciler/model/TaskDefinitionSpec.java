package io.berth.reconciler.model;

import io.berth.reconciler.scheduler.placement.PlacementConstraint;

import java.util.List;

/**
 * The body of a task definition revision: what a task runs. Immutable; revisions are compared by
 * equality of this record to decide whether an apply creates a new revision.
 *
 * <p>Task-level cpu/memory (ECS's task size) are optional; when absent the sum of the containers'
 * reservations is what placement reserves.
 *
 * @param placementConstraints memberOf constraints every task of the definition must satisfy, whoever places it
 *                             (ECS allows no distinctInstance here)
 */
public record TaskDefinitionSpec(List<ContainerDefinition> containers, Integer cpu, Integer memory,
                                 TaskOptions options, List<PlacementConstraint> placementConstraints) {

    /** A task with the default network (a bridge of its own), no volumes and no tags. */
    public TaskDefinitionSpec(List<ContainerDefinition> containers, Integer cpu, Integer memory) {
        this(containers, cpu, memory, TaskOptions.DEFAULTS, List.of());
    }

    /** A task without placement constraints. */
    public TaskDefinitionSpec(List<ContainerDefinition> containers, Integer cpu, Integer memory, TaskOptions options) {
        this(containers, cpu, memory, options, List.of());
    }

    public TaskDefinitionSpec {
        containers = List.copyOf(containers);
        options = options == null ? TaskOptions.DEFAULTS : options;
        placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
    }

    /** CPU units (1024 per core) the scheduler reserves for one task. */
    public int reservedCpu() {
        if (cpu != null) {
            return cpu;
        }
        return containers.stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
    }

    /** MiB the scheduler reserves for one task: task memory, else per container memoryReservation or memory. */
    public int reservedMemory() {
        if (memory != null) {
            return memory;
        }
        return containers.stream().mapToInt(ContainerDefinition::reservedMemory).sum();
    }
}
