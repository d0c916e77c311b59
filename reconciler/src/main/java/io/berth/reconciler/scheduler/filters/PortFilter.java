package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.HostPort;
import io.berth.reconciler.scheduler.InstanceLoad;
import io.berth.reconciler.scheduler.InstancePorts;
import io.berth.reconciler.scheduler.PlacementFilter;
import io.berth.reconciler.scheduler.TaskRequirements;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fixed host ports the task maps must be free on the instance (dynamic ports are the engine's business): neither
 * reserved by every instance nor held by a task placed there ({@link InstancePorts}, which the API shows too).
 */
public final class PortFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        for (HostPort p : task.fixedPorts()) {
            if (InstancePorts.taken(instance, p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        Set<String> reserved = new TreeSet<>();
        Set<String> taken = new TreeSet<>();
        for (HostPort p : task.fixedPorts()) {
            if (InstancePorts.RESERVED.contains(p)) {
                reserved.add(p.toString());
            }
        }
        for (InstanceLoad instance : rejected) {
            for (HostPort p : task.fixedPorts()) {
                if (!InstancePorts.RESERVED.contains(p) && instance.usedPorts().contains(p)) {
                    taken.add(p.toString());
                }
            }
        }
        if (!reserved.isEmpty()) { // no instance will ever take it: say so rather than which are busy
            return "reserve host port " + String.join(", ", reserved) + " (ssh and the Docker engine; no task gets it)";
        }
        return "have host port " + String.join(", ", taken) + " already in use";
    }
}
