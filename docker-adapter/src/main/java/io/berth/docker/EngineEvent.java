package io.berth.docker;

import java.time.Instant;
import java.util.Map;

/**
 * A container event from the engine's event stream.
 *
 * @param action Docker's action: create, start, die, oom, kill, stop, destroy, health_status, ...
 *               ("health_status: healthy" is reported as action "health_status" with {@code detail} "healthy")
 * @param detail extra text after the action (health status), else null
 */
public record EngineEvent(String containerId, String action, String detail, Map<String, String> labels, Instant time) {
    public EngineEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
