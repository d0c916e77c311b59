package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.HostPort;
import io.berth.reconciler.scheduler.InstanceLoad;
import io.berth.reconciler.scheduler.PlacementFilter;
import io.berth.reconciler.scheduler.TaskRequirements;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Fixed host ports the task maps must be free on the instance (dynamic ports are the engine's business). */
public final class PortFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        for (HostPort p : task.fixedPorts()) {
            if (instance.usedPorts().contains(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        Set<String> taken = new TreeSet<>();
        for (InstanceLoad instance : rejected) {
            for (HostPort p : task.fixedPorts()) {
                if (instance.usedPorts().contains(p)) {
                    taken.add(p.toString());
                }
            }
        }
        return "have host port " + String.join(", ", taken) + " already in use";
    }
}
