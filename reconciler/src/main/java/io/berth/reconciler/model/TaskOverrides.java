package io.berth.reconciler.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overrides a one-off task was started with. Applied to the task definition's spec wherever the task's
 * containers are described (launch, placement, reservations), so that the revision itself stays immutable.
 */
public record TaskOverrides(List<ContainerOverride> containerOverrides) {

    public static final TaskOverrides NONE = new TaskOverrides(List.of());

    public TaskOverrides {
        containerOverrides = containerOverrides == null ? List.of() : List.copyOf(containerOverrides);
    }

    public boolean isEmpty() {
        return containerOverrides.isEmpty();
    }

    /** The spec with each named container overridden; names the spec lacks are rejected before this (validation). */
    public TaskDefinitionSpec applyTo(TaskDefinitionSpec spec) {
        if (isEmpty()) {
            return spec;
        }
        Map<String, ContainerOverride> byName = new LinkedHashMap<>();
        containerOverrides.forEach(o -> byName.put(o.name(), o));
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ContainerDefinition c : spec.containers()) {
            ContainerOverride o = byName.get(c.name());
            containers.add(o == null ? c : apply(c, o));
        }
        return new TaskDefinitionSpec(containers, spec.cpu(), spec.memory(), spec.options());
    }

    private static ContainerDefinition apply(ContainerDefinition c, ContainerOverride o) {
        Map<String, String> environment = new LinkedHashMap<>(c.environment());
        environment.putAll(o.environment());
        return new ContainerDefinition(c.name(), c.image(),
                o.command() != null ? o.command() : c.command(),
                c.entryPoint(), environment,
                o.cpu() != null ? o.cpu() : c.cpu(),
                o.memory() != null ? o.memory() : c.memory(),
                c.memoryReservation(), c.essential(), c.portMappings(), c.healthCheck(), c.options());
    }
}
