package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides which of Berth's containers on one instance no task accounts for any more. Pure.
 *
 * <p>Safe against the launch race because the executor writes a task's row before it creates its
 * containers: any container listed here has a row, unless the row is really gone.
 */
public final class InstanceGcPlanner {

    private InstanceGcPlanner() {
    }

    /**
     * @param tasksById the tasks named by the containers' labels (unknown ids absent)
     * @param retention how long containers of a stopped task stay for inspection (logs, exit codes)
     */
    public static List<ContainerCleanup> plan(UUID instanceId, List<ObservedContainer> containers,
                                              Map<UUID, Task> tasksById, Instant now, Duration retention) {
        List<ContainerCleanup> result = new ArrayList<>();
        for (ObservedContainer c : containers) {
            String label = c.labels().get(ContainerLabels.TASK_ID);
            UUID taskId = parse(label);
            if (taskId == null) {
                continue; // not in Berth's format: not ours to judge
            }
            Task task = tasksById.get(taskId);
            if (task == null) {
                result.add(new ContainerCleanup(c.id(), c.running(), "no task accounts for it (task " + label + " unknown)"));
            } else if (!instanceId.equals(task.instanceId())) {
                result.add(new ContainerCleanup(c.id(), c.running(), "its task " + label + " is placed on another instance"));
            } else if (task.isStopped() && c.running()) {
                result.add(new ContainerCleanup(c.id(), true, "its task " + label + " is STOPPED"));
            } else if (task.isStopped() && retentionOver(task, now, retention)) {
                result.add(new ContainerCleanup(c.id(), false, "its task " + label + " stopped more than " + retention + " ago"));
            } else if (task.isStopped() && task.serviceId() == null && task.serviceName() != null) {
                result.add(new ContainerCleanup(c.id(), false, "its service " + task.serviceName() + " was deleted"));
            }
        }
        return result;
    }

    private static boolean retentionOver(Task task, Instant now, Duration retention) {
        return task.stoppedAt() == null || !task.stoppedAt().plus(retention).isAfter(now);
    }

    private static UUID parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
