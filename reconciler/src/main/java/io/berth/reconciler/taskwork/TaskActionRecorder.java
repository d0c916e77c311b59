package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.store.StateStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns a plan's task actions into store writes, the same for every pass. In two steps, because they are written at
 * different moments: the intents before any Docker work starts (so that a crash leaves them for the next pass to
 * finish), what the engines showed once the work is under way. Launches, relaunches and new tasks are not written
 * here: their rows are the placing pass's business and their outcome is the launch's ({@link TaskLaunches}).
 */
public final class TaskActionRecorder {

    private final StateStore store;

    TaskActionRecorder(StateStore store) {
        this.store = store;
    }

    /**
     * Stops asked for (all in one commit) and tasks given up with their host.
     *
     * @param tasks the tasks the actions are about, as the pass read them
     */
    public void writeIntents(List<TaskAction> actions, Map<UUID, Task> tasks, Instant now) {
        List<StateStore.StopRequest> stops = new ArrayList<>();
        for (TaskAction action : actions) {
            switch (action) {
                // A stop asked for by an earlier pass or by a user (its Docker work may still run) is written down
                // already; the action carries the stored code and reason, which the store keeps anyway.
                case TaskAction.Stop s when tasks.get(s.taskId()).desiredStatus() == TaskStatus.STOPPED -> {
                }
                case TaskAction.Stop s -> stops.add(new StateStore.StopRequest(s.taskId(), s.code(), s.reason()));
                // The stop is held back while the load balancers drain the task, but it is asked for all the same:
                // desired STOPPED takes it out of the service's count, and deregisters it from its target groups.
                case TaskAction.Deregister d when tasks.get(d.taskId()).desiredStatus() == TaskStatus.RUNNING ->
                        stops.add(new StateStore.StopRequest(d.taskId(), d.code(), d.reason()));
                case TaskAction.MarkLost m -> {
                    Task lost = tasks.get(m.taskId());
                    store.markStopped(m.taskId(), StopCode.HostLost, m.reason(), lost == null ? List.of() : lost.containers(), now);
                }
                default -> {
                }
            }
        }
        store.requestStops(stops, now);
    }

    /**
     * What the engines showed: tasks now running, their containers' changes, tasks whose containers all ended.
     *
     * @param leftToTheirWork tasks whose record is written by Docker work under way when it ends: writing the same
     *                        facts from here as well would only make the two writes collide
     */
    public void writeObservations(List<TaskAction> actions, Predicate<UUID> leftToTheirWork, Instant now) {
        for (TaskAction action : actions) {
            if (leftToTheirWork.test(action.taskId())) {
                continue;
            }
            switch (action) {
                case TaskAction.MarkRunning r -> store.markRunning(r.taskId(), r.containers(), r.startedAt(), now);
                case TaskAction.RecordContainers r -> store.recordContainers(r.taskId(), r.containers(), now);
                case TaskAction.MarkStopped m -> store.markStopped(m.taskId(), null, null, m.containers(), now);
                default -> {
                }
            }
        }
    }
}
