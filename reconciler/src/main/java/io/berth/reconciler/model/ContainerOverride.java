package io.berth.reconciler.model;

import java.util.List;
import java.util.Map;

/**
 * ECS's containerOverride of run-task: what one container of a one-off task runs differently from its
 * definition. Null fields keep the definition's value.
 *
 * @param command     replaces the definition's command when not null
 * @param environment added to the definition's environment; the override wins for a name set in both
 * @param cpu         replaces the container's CPU units when not null
 * @param memory      replaces the container's hard memory limit (MiB) when not null
 */
public record ContainerOverride(String name, List<String> command, Map<String, String> environment, Integer cpu,
                                Integer memory) {

    public ContainerOverride {
        command = command == null ? null : List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }
}
