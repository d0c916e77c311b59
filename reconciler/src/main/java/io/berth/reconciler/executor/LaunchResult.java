package io.berth.reconciler.executor;

import io.berth.reconciler.model.TaskContainer;

import java.time.Instant;
import java.util.List;

/** How a launch ended. */
sealed interface LaunchResult {

    record Started(List<TaskContainer> containers, Instant startedAt) implements LaunchResult {
    }

    /**
     * Some containers wait for their dependsOn conditions; the task stays PENDING and the next pass goes on.
     *
     * @param waitingFor the first condition that does not hold yet, in words
     */
    record Waiting(List<TaskContainer> containers, String waitingFor) implements LaunchResult {
    }

    /** @param reason ECS-style: "CannotPullContainerError: ...", "CannotStartContainerError: ..." */
    record Failed(String reason, List<TaskContainer> containers) implements LaunchResult {
    }
}
