package io.berth.reconciler.plan;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pass may launch now or must wait out the crash-loop backoff ({@link LaunchBackoff}: exponential
 * between replacements of failing tasks, reset after a stable run), with the service's own backoff or Berth's. Pure.
 */
final class LaunchPacing {

    private LaunchPacing() {
    }

    /** Launches wait until {@code until}; the event says why (visible in the service's events). */
    record Paused(Instant until, String event) {
    }

    /** @param tasks the service's tasks with this pass's stops of failed tasks already written */
    static Optional<Paused> paused(ServiceState service, List<Task> tasks, PlannerSettings settings, Instant now) {
        return LaunchBackoff.next(tasks, backoffOf(service, settings), settings.stableRun(), now).map(wait -> {
            Task failed = wait.lastFailure();
            return new Paused(wait.until(), "service %s: task %s %s; backing off, next replacement in %s".formatted(
                    service.name(), ServicePlanner.shortIds(List.of(failed.id())), LaunchBackoff.failureWords(failed),
                    DurationWords.of(wait.delay())));
        });
    }

    /** The service's own crash-loop backoff, else Berth's configured one. */
    private static BackoffConfig backoffOf(ServiceState service, PlannerSettings settings) {
        BackoffConfig own = service.deployment().backoff();
        return own != null ? own : new BackoffConfig(settings.backoffInitial(), settings.backoffMax());
    }
}
