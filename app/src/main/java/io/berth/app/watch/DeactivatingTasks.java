package io.berth.app.watch;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a task showed ECS's {@code DEACTIVATING} at a moment: a status the database does not store (it is
 * RUNNING there, desired STOPPED, while its load balancers drain it), so the stream asks, as the task views do.
 * An interface here because the API package, which decides it, already depends on this one.
 */
public interface DeactivatingTasks {

    DeactivatingTasks NONE = (taskId, at) -> false;

    boolean deactivatingAt(UUID taskId, Instant at);
}
