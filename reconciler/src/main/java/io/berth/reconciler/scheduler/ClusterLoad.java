package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The load of every instance of a cluster at one moment. Immutable. A load derived from another by changing a few
 * instances ({@link #withTask}, {@link #withReplaced}) shares the other's map and costs only the changed entries.
 */
public record ClusterLoad(Map<UUID, InstanceLoad> instances) {

    public ClusterLoad {
        if (!(instances instanceof OverlaidLoadMap)) {
            instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        }
    }

    public static ClusterLoad of(Collection<InstanceLoad> loads) {
        Map<UUID, InstanceLoad> map = new LinkedHashMap<>();
        loads.forEach(l -> map.put(l.id(), l));
        return new ClusterLoad(map);
    }

    /** This load with the given instances' loads replaced; ids it does not hold are ignored. */
    public ClusterLoad withReplaced(Map<UUID, InstanceLoad> changes) {
        Map<UUID, InstanceLoad> map = OverlaidLoadMap.of(instances, changes);
        return map == instances ? this : new ClusterLoad(map);
    }

    public ClusterLoad withTask(UUID instanceId, TaskRequirements req) {
        InstanceLoad load = instances.get(instanceId);
        return load == null ? this : withReplaced(Map.of(instanceId, load.withTask(req)));
    }

    public ClusterLoad withoutTask(UUID instanceId, TaskRequirements req) {
        InstanceLoad load = instances.get(instanceId);
        return load == null ? this : withReplaced(Map.of(instanceId, load.withoutTask(req)));
    }
}
