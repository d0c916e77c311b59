package io.berth.reconciler.plan;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Crash-loop backoff, derived from the service's recently stopped tasks rather than kept as state, so
 * that it survives restarts and a pass stays a function of what is stored.
 *
 * <p>A "quick failure" is a task that failed to start, or whose essential container exited (or which failed
 * its health checks) within {@code stableRun} of starting. The first quick failure is replaced at once (a single crash or kill is
 * not a loop); after n ≥ 2 in a row the next launch waits {@code initial × 2^(n-2)}, capped at {@code max}:
 * the service's {@code deployment.backoff} sets initial and max, Berth's configuration is the default;
 * with initial 1 s and max 5 m, 2 → 1 s, 3 → 2 s, 4 → 4 s, … 10 → 256 s, 11 → 300 s. A task that ran
 * stably ends the streak; while other tasks of the service run, only tasks that failed to start keep it going.
 */
final class LaunchBackoff {

    private LaunchBackoff() {
    }

    /**
     * A replacement held back: until when, how long the whole delay is, and the failure that started it.
     * The delay (not the time left) goes into the service event, so that the text stays the same from pass
     * to pass and is recorded once.
     */
    record Wait(Instant until, Duration delay, Task lastFailure) {
    }

    /** When the next launch may happen with Berth's default backoff; empty when it may happen now. */
    static Optional<Instant> nextLaunchAt(List<Task> tasks, PlannerSettings settings, Instant now) {
        return next(tasks, new BackoffConfig(settings.backoffInitial(), settings.backoffMax()), settings.stableRun(), now)
                .map(Wait::until);
    }

    /** Whether the next launch must wait, with the service's own backoff; empty when it may happen now. */
    static Optional<Wait> next(List<Task> tasks, BackoffConfig backoff, Duration stableRun, Instant now) {
        List<Task> stopped = tasks.stream()
                .filter(Task::isStopped)
                .filter(t -> t.stoppedAt() != null)
                .sorted(Comparator.comparing(Task::stoppedAt).reversed())
                .toList();
        // Tasks that exit after starting are not a loop while others of the service run fine (a kill, a bad node);
        // tasks that cannot even start (image, command) are, whatever else runs.
        boolean someRun = tasks.stream().anyMatch(t -> t.lastStatus() == TaskStatus.RUNNING && t.isActive());
        if (someRun && (stopped.isEmpty() || stopped.getFirst().stopCode() != StopCode.TaskFailedToStart)) {
            return Optional.empty();
        }
        int streak = 0;
        for (Task t : stopped) {
            if (!isQuickFailure(t, stableRun)) {
                break;
            }
            streak++;
        }
        if (streak < 2) {
            return Optional.empty();
        }
        Duration delay = delay(streak, backoff.initial(), backoff.max());
        Instant at = stopped.getFirst().stoppedAt().plus(delay);
        return at.isAfter(now) ? Optional.of(new Wait(at, delay, stopped.getFirst())) : Optional.empty();
    }

    /** How a failed task ended, for events: "exited (code 1)", "failed to start", "failed container health checks". */
    static String failureWords(Task t) {
        return switch (t.stopCode()) {
            case TaskFailedToStart -> "failed to start";
            case TaskFailedHealthChecks -> "failed container health checks";
            case TaskFailedElbHealthChecks -> "failed load balancer health checks";
            default -> t.containers().stream().map(TaskContainer::exitCode).filter(java.util.Objects::nonNull)
                    .findFirst().map(code -> "exited (code " + code + ")").orElse("exited");
        };
    }

    /** initial × 2^(streak-2), capped: streak 2 → initial, 3 → 2×initial, ... */
    static Duration delay(int streak, Duration initial, Duration max) {
        int doublings = Math.min(streak - 2, 30); // 2^30 × 1 ms already exceeds any sensible max
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    static boolean isQuickFailure(Task t, Duration stableRun) {
        if (t.stopCode() == StopCode.TaskFailedToStart) {
            return true;
        }
        if (t.stopCode() != StopCode.EssentialContainerExited && t.stopCode() != StopCode.TaskFailedHealthChecks
                && t.stopCode() != StopCode.TaskFailedElbHealthChecks) {
            return false;
        }
        return t.startedAt() == null || Duration.between(t.startedAt(), t.stoppedAt()).compareTo(stableRun) < 0;
    }
}
