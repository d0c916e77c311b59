package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of the scheduler property tests' cluster generators that are the same in each: an instance from
 * generated numbers, and ids that are not in listing order (so that no decider can lean on the order).
 */
final class GeneratedInstances {

    private GeneratedInstances() {
    }

    /**
     * @param usedPercent share of CPU and memory in use
     * @param perGroup    tasks of each of {@code groups} already there (group g is the service "service:sg")
     */
    static InstanceLoad instance(boolean schedulable, int cpu, int memory, int usedPercent, Set<HostPort> usedPorts,
                                 List<Integer> perGroup, List<UUID> groups, Map<String, String> attributes) {
        Map<UUID, Integer> byGroup = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            if (perGroup.get(g) > 0) {
                byGroup.put(groups.get(g), perGroup.get(g));
                byName.put("service:s" + g, perGroup.get(g));
            }
        }
        return new InstanceLoad(null, "h", schedulable, cpu, memory, cpu * usedPercent / 100,
                memory * usedPercent / 100, usedPorts, byGroup, attributes, byName);
    }

    /** The same instances with ids 0..1008 scattered (i * 37 + 11 mod 1009) and names host-i. */
    static List<InstanceLoad> withScatteredIds(List<InstanceLoad> list) {
        List<InstanceLoad> withIds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            InstanceLoad l = list.get(i);
            UUID id = new UUID(0, (i * 37L + 11) % 1009);
            withIds.add(new InstanceLoad(id, "host-" + i, l.schedulable(), l.registeredCpu(), l.registeredMemory(),
                    l.usedCpu(), l.usedMemory(), l.usedPorts(), l.tasksByGroup(), l.attributes(), l.tasksByGroupName()));
        }
        return withIds;
    }
}
