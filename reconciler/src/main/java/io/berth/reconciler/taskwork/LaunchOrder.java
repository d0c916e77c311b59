package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a task's containers are created: a container whose volumes another mounts (volumesFrom) must
 * exist first, because Docker resolves volumesFrom at create time; a dependency (dependsOn) comes before what
 * depends on it, so that one pass can start both when the condition already holds. Otherwise definition order. Pure; validation has
 * refused cycles, and should one slip through, the remaining containers keep definition order.
 */
final class LaunchOrder {

    private LaunchOrder() {
    }

    static List<ContainerDefinition> of(TaskDefinitionSpec spec) {
        Map<String, ContainerDefinition> pending = new LinkedHashMap<>();
        spec.containers().forEach(c -> pending.put(c.name(), c));
        List<ContainerDefinition> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            ContainerDefinition next = pending.values().stream()
                    .filter(c -> c.options().volumesFrom().stream().noneMatch(v -> pending.containsKey(v.sourceContainer()))
                            && c.options().dependsOn().stream().noneMatch(d -> pending.containsKey(d.containerName())))
                    .findFirst()
                    .orElse(pending.values().iterator().next());
            order.add(next);
            pending.remove(next.name());
        }
        return order;
    }
}
