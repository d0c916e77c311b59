package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedResource;
import io.berth.reconciler.model.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which networks and task-scoped volumes Berth created for tasks on one instance can go: those of a task
 * that has no container left there and is stopped (or unknown). A task still being launched has its network before
 * its containers, so an active task's resources always stay. Pure.
 */
public final class TaskResourceGcPlanner {

    /** Something to remove, and why (for the log). */
    public record Removal(String name, String reason) {
    }

    private TaskResourceGcPlanner() {
    }

    /**
     * @param resources           networks or volumes labelled with a task id
     * @param tasksWithContainers ids of the tasks that still have a container on this instance
     * @param tasksById           the tasks the resources name (unknown ids absent)
     */
    public static List<Removal> plan(List<ObservedResource> resources, Set<UUID> tasksWithContainers,
                                     Map<UUID, Task> tasksById) {
        List<Removal> result = new ArrayList<>();
        for (ObservedResource r : resources) {
            UUID taskId = parse(r.labels().get(ContainerLabels.TASK_ID));
            if (taskId == null || tasksWithContainers.contains(taskId)) {
                continue;
            }
            Task task = tasksById.get(taskId);
            if (task == null) {
                result.add(new Removal(r.name(), "no task accounts for it (task " + taskId + " unknown)"));
            } else if (task.isStopped()) {
                result.add(new Removal(r.name(), "its task " + taskId + " is STOPPED and its containers are gone"));
            }
        }
        return result;
    }

    /** The task id of a label, or null when it is not one. */
    public static UUID parse(String s) {
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
