package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.InstancePorts;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fixed host ports the task maps must be free on the instance (dynamic ports are the engine's business): neither
 * reserved by the instance nor held by a task placed there ({@link InstancePorts}, which the API shows too).
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
        for (InstanceLoad instance : rejected) {
            for (HostPort p : task.fixedPorts()) {
                if (instance.reservedPorts().contains(p)) {
                    reserved.add(p.toString());
                } else if (instance.usedPorts().contains(p)) {
                    taken.add(p.toString());
                }
            }
        }
        // A reserved port never frees up there: say so, as it is not a matter of waiting for a task to stop.
        String reservedText = "reserve host port " + String.join(", ", reserved)
                + " (ssh, the Docker engine or the instance's reservedPorts; no task gets it)";
        String takenText = "have host port " + String.join(", ", taken) + " already in use";
        if (taken.isEmpty()) {
            return reservedText;
        }
        return reserved.isEmpty() ? takenText : takenText + " or " + reservedText;
    }
}
