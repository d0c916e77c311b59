package io.berth.reconciler.schedule;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides one scheduled task's firing: {@code (scheduledTask, lastFire, runningTasks, now) -> FiringDecision}. Pure.
 *
 * <p>Kubernetes CronJob's semantics: of the firing times since the last one handled, only the latest is considered
 * (a Berth that was down for a day runs one firing, not hundreds); it runs if it is within {@code startingDeadline}
 * of its time, else it is recorded as missed. While an earlier run still goes on, Allow starts another, Forbid skips
 * (recorded with why) and Replace stops the earlier run first.
 */
public final class ScheduledTaskPlanner {

    /**
     * @param lastFire the latest firing time already handled; null when none was (then the creation time is the start)
     * @param running  the tasks of earlier firings that have not stopped
     */
    public FiringDecision plan(ScheduledTask task, Instant lastFire, List<Task> running, Instant now) {
        ScheduledTaskSpec spec = task.spec();
        Schedule schedule = spec.parsedSchedule();
        ZoneId zone = spec.zone();
        if (spec.suspend()) {
            return new FiringDecision.Wait(null, "suspended");
        }
        Instant since = lastFire != null && lastFire.isAfter(task.createdAt()) ? lastFire : task.createdAt();
        Optional<Instant> due = schedule.latest(now, zone).filter(t -> t.isAfter(since));
        if (due.isEmpty()) {
            Instant from = now.isAfter(since) ? now : since;
            return new FiringDecision.Wait(schedule.next(from, zone).orElse(null), "not due");
        }
        Instant fireTime = due.get();
        Duration late = Duration.between(fireTime, now);
        if (spec.startingDeadline() != null && late.compareTo(spec.startingDeadline()) > 0) {
            return new FiringDecision.Skip(fireTime, FiringOutcome.MISSED, "missed: looked " + words(late)
                    + " after the firing time, past startingDeadline " + words(spec.startingDeadline()));
        }
        List<Task> stillRunning = running.stream().filter(t -> t.lastStatus() != TaskStatus.STOPPED).toList();
        String token = FiringTokens.token(task.name(), fireTime);
        if (stillRunning.isEmpty()) {
            return new FiringDecision.Fire(fireTime, token, List.of());
        }
        List<UUID> ids = stillRunning.stream().map(Task::id).toList();
        return switch (spec.concurrency()) {
            case ALLOW -> new FiringDecision.Fire(fireTime, token, List.of());
            case REPLACE -> new FiringDecision.Fire(fireTime, token, ids);
            case FORBID -> new FiringDecision.Skip(fireTime, FiringOutcome.SKIPPED, "skipped: concurrency Forbid and "
                    + ids.size() + " task(s) of an earlier run still running (" + ids.getFirst()
                    + (ids.size() > 1 ? ", ..." : "") + ")");
        };
    }

    private static String words(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s >= 3600 && s % 60 == 0 ? (s / 3600) + "h" + (s % 3600 / 60 > 0 ? (s % 3600 / 60) + "m" : "")
                : s >= 60 ? (s / 60) + "m" + (s % 60 > 0 ? (s % 60) + "s" : "") : s + "s";
    }
}
