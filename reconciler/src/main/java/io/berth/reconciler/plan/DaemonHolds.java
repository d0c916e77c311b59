package io.berth.reconciler.plan;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Room held for daemon tasks not placed yet: on every instance a daemon service is eligible for and has no task on,
 * what its task will take. A replica service places into the load with these held (ECS places daemon tasks before
 * replica tasks), so a host that just joined, or a daemon waiting for room, is not filled by replicas first. Pure.
 *
 * @param load     the load with the held room added
 * @param heldFor  per instance id, the daemon services that hold room there
 */
record DaemonHolds(ClusterLoad load, Map<UUID, List<String>> heldFor) {

    static DaemonHolds of(Scheduler scheduler, List<ServiceState> daemons, ClusterLoad load) {
        ClusterLoad held = load;
        Map<UUID, List<String>> heldFor = new LinkedHashMap<>();
        for (ServiceState daemon : daemons) {
            if (daemon.deleting()) {
                continue;
            }
            TaskRequirements req = DaemonPlanner.requirements(daemon);
            var placement = DaemonPlanner.placement(daemon);
            for (InstanceLoad instance : load.instances().values()) {
                if (instance.tasksOf(daemon.id()) == 0 && scheduler.eligible(req, placement, instance)) {
                    held = held.withTask(instance.id(), req);
                    heldFor.computeIfAbsent(instance.id(), i -> new ArrayList<>()).add(daemon.name());
                }
            }
        }
        return new DaemonHolds(held, heldFor);
    }

    boolean isEmpty() {
        return heldFor.isEmpty();
    }

    /** "daemon service agent holds room on host-1, host-2" — what a replica that did not fit is told. */
    String describe(ClusterLoad load) {
        TreeSet<String> services = new TreeSet<>();
        heldFor.values().forEach(services::addAll);
        List<String> hosts = new ArrayList<>();
        heldFor.keySet().forEach(id -> {
            InstanceLoad i = load.instances().get(id);
            hosts.add(i == null || i.name() == null ? id.toString().substring(0, 8) : i.name());
        });
        return "%s %s %s room on %s: daemon tasks are placed before replica tasks".formatted(
                services.size() == 1 ? "daemon service" : "daemon services", String.join(", ", services),
                services.size() == 1 ? "holds" : "hold", String.join(", ", hosts));
    }
}
