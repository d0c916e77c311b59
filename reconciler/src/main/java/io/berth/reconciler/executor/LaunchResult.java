package io.berth.reconciler.executor;

import io.berth.reconciler.model.TaskContainer;

import java.time.Instant;
import java.util.List;

/** How a launch ended. */
sealed interface LaunchResult {

    record Started(List<TaskContainer> containers, Instant startedAt) implements LaunchResult {
    }

    /** @param reason ECS-style: "CannotPullContainerError: ...", "CannotStartContainerError: ..." */
    record Failed(String reason, List<TaskContainer> containers) implements LaunchResult {
    }
}
