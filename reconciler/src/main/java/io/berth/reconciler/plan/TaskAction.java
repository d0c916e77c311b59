package io.berth.reconciler.plan;

import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.TaskContainer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One decision about one task. The executor persists it, then does the Docker work it implies. */
public sealed interface TaskAction {

    UUID taskId();

    /** Create a task row (PROVISIONING) on this instance, then create and start its containers. */
    record LaunchNew(UUID taskId, UUID instanceId) implements TaskAction {
    }

    /**
     * (Re)create and start the containers of an existing PROVISIONING/PENDING task that has none running —
     * after a crash between writing the row and starting the containers. Idempotent by container name.
     */
    record Relaunch(UUID taskId) implements TaskAction {
    }

    /** Every container runs: lastStatus RUNNING. */
    record MarkRunning(UUID taskId, List<TaskContainer> containers, Instant startedAt) implements TaskAction {
        public MarkRunning {
            containers = List.copyOf(containers);
        }
    }

    /** Record what changed in the containers (a non-essential one exited) without changing the task status. */
    record RecordContainers(UUID taskId, List<TaskContainer> containers) implements TaskAction {
        public RecordContainers {
            containers = List.copyOf(containers);
        }
    }

    /** desiredStatus STOPPED with a reason; the executor stops containers still running, then marks it STOPPED. */
    record Stop(UUID taskId, StopCode code, String reason, List<TaskContainer> containers) implements TaskAction {
        public Stop {
            containers = List.copyOf(containers);
        }
    }

    /**
     * A stop held back while the task's load balancers drain it (ECS's DEACTIVATING): desiredStatus STOPPED with a
     * reason, as for {@link Stop}, but its containers keep running; a later pass turns it into a {@link Stop} once
     * the task is drained or its deregistration delay has passed ({@link Deregistration}).
     */
    record Deregister(UUID taskId, StopCode code, String reason, List<TaskContainer> containers) implements TaskAction {
        public Deregister {
            containers = List.copyOf(containers);
        }
    }

    /** Its host has been silent for longer than the grace period: STOPPED (HostLost) without asking the host. */
    record MarkLost(UUID taskId, String reason) implements TaskAction {
    }

    /** Desired STOPPED and nothing runs any more: lastStatus STOPPED. */
    record MarkStopped(UUID taskId, List<TaskContainer> containers) implements TaskAction {
        public MarkStopped {
            containers = List.copyOf(containers);
        }
    }
}
