package io.berth.reconciler.taskwork;

import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.store.StateStore;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The Docker work one pass does on tasks and the records it writes: each pass has its own (its own tasks in flight),
 * built alike.
 */
public record TaskWork(TaskLaunches launches, TaskStops stops, TaskActionRecorder records,
                       TaskWorkDispatcher dispatcher) {

    public static TaskWork of(StateStore store, EngineRegistry engines, ExecutorSettings settings,
                              InstanceHealth health, Clock clock, Executor io) {
        return new TaskWork(new TaskLaunches(store, engines, settings, health, clock),
                new TaskStops(store, engines, settings, clock), new TaskActionRecorder(store),
                new TaskWorkDispatcher(store, engines, clock, io));
    }
}
