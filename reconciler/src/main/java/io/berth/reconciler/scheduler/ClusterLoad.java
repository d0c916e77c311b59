package io.berth.reconciler.scheduler;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The load of every instance of a cluster at one moment. Immutable. */
public record ClusterLoad(Map<UUID, InstanceLoad> instances) {

    public ClusterLoad {
        instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    public static ClusterLoad of(Collection<InstanceLoad> loads) {
        Map<UUID, InstanceLoad> map = new LinkedHashMap<>();
        loads.forEach(l -> map.put(l.id(), l));
        return new ClusterLoad(map);
    }

    public ClusterLoad withTask(UUID instanceId, TaskRequirements req) {
        Map<UUID, InstanceLoad> map = new LinkedHashMap<>(instances);
        map.computeIfPresent(instanceId, (id, load) -> load.withTask(req));
        return new ClusterLoad(map);
    }

    public ClusterLoad withoutTask(UUID instanceId, TaskRequirements req) {
        Map<UUID, InstanceLoad> map = new LinkedHashMap<>(instances);
        map.computeIfPresent(instanceId, (id, load) -> load.withoutTask(req));
        return new ClusterLoad(map);
    }
}
