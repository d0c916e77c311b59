package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.SecretVersions;
import io.berth.reconciler.model.TaskContainer;

import java.time.Instant;
import java.util.List;

/** How a launch ended; {@link #pull()} is when its images were pulled, null when no pull happened. */
public sealed interface LaunchResult {

    PullWindow pull();

    /** @param secretVersions the versions of the secrets and configs its containers were given */
    record Started(List<TaskContainer> containers, Instant startedAt, PullWindow pull, SecretVersions secretVersions)
            implements LaunchResult {

        public Started(List<TaskContainer> containers, Instant startedAt, PullWindow pull) {
            this(containers, startedAt, pull, SecretVersions.NONE);
        }
    }

    /**
     * Some containers wait for their dependsOn conditions; the task stays PENDING and the next pass goes on.
     *
     * @param waitingFor the first condition that does not hold yet, in words
     */
    record Waiting(List<TaskContainer> containers, String waitingFor, PullWindow pull, SecretVersions secretVersions)
            implements LaunchResult {

        public Waiting(List<TaskContainer> containers, String waitingFor, PullWindow pull) {
            this(containers, waitingFor, pull, SecretVersions.NONE);
        }
    }

    /** @param reason ECS-style: "CannotPullContainerError: ...", "CannotStartContainerError: ..." */
    record Failed(String reason, List<TaskContainer> containers, PullWindow pull) implements LaunchResult {
    }
}
