package io.berth.reconciler.model;

import java.time.Duration;
import java.util.List;

/**
 * Docker/ECS health check. {@code command} in Docker form: ["CMD-SHELL", "..."] or ["CMD", "exe", "arg"].
 */
public record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {

    public HealthCheck {
        command = List.copyOf(command);
    }
}
