package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.taskwork.ExecutorSettings;
import io.berth.reconciler.taskwork.TaskWork;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the service pass and the one-off pass work with, shared by both.
 *
 * @param exits  recent container exits the engine watcher saw, which tell the passes whom to inspect
 * @param health which hosts are failing or lost: a pass leaves a failing host alone and gives up a lost host's tasks
 * @param locks  the cluster placement locks, shared with run-task (which places one-off tasks)
 * @param io     where the Docker calls of a pass run, in parallel
 */
public record PassEnvironment(StateStore store, EngineRegistry engines, ExecutorSettings settings, ExitHints exits,
                              InstanceHealth health, ClusterLocks locks, Clock clock, Executor io) {

    /** A pass's own Docker work on tasks: each pass keeps its own tasks in flight. */
    TaskWork newTaskWork() {
        return TaskWork.of(store, engines, settings, health, clock, io);
    }
}
