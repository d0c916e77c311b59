package io.berth.reconciler.schedule;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Which firings a scheduled task keeps (Kubernetes' successfulJobsHistoryLimit / failedJobsHistoryLimit): the newest
 * {@code successful} firings whose tasks all exited 0, the newest {@code failed} of the others (failed, skipped,
 * missed, a non-zero exit), and every firing still pending or running. Pure.
 */
public final class FiringHistory {

    private FiringHistory() {
    }

    /** @param tasks the stored tasks of the firings (a task whose record is gone counts as finished with exit 0) */
    public static List<Firing> retain(List<Firing> firings, Map<UUID, Task> tasks, int successful, int failed) {
        List<Firing> newestFirst = firings.stream().sorted(Comparator.comparing(Firing::fireTime).reversed()).toList();
        List<Firing> kept = new ArrayList<>();
        int ok = 0;
        int bad = 0;
        for (Firing f : newestFirst) {
            switch (state(f, tasks)) {
                case RUNNING -> kept.add(f);
                case SUCCEEDED -> {
                    if (ok++ < successful) {
                        kept.add(f);
                    }
                }
                case FAILED -> {
                    if (bad++ < failed) {
                        kept.add(f);
                    }
                }
            }
        }
        // Bounded whatever the limits: a firing that never finishes is dropped last.
        return kept.stream().limit(ScheduledTaskSpec.MAX_HISTORY).toList();
    }

    /** The tasks of earlier firings that have not stopped (Forbid and Replace look at them). */
    public static List<Task> running(List<Firing> firings, Map<UUID, Task> tasks) {
        return firings.stream().flatMap(f -> f.taskIds().stream()).map(tasks::get).filter(Objects::nonNull)
                .filter(t -> t.lastStatus() != TaskStatus.STOPPED).toList();
    }

    enum State { RUNNING, SUCCEEDED, FAILED }

    static State state(Firing f, Map<UUID, Task> tasks) {
        return switch (f.outcome()) {
            case PENDING -> State.RUNNING;
            case SKIPPED, MISSED, FAILED -> State.FAILED;
            case STARTED -> {
                boolean failedExit = false;
                for (UUID id : f.taskIds()) {
                    Task t = tasks.get(id);
                    if (t == null) {
                        continue;
                    }
                    if (t.lastStatus() != TaskStatus.STOPPED) {
                        yield State.RUNNING;
                    }
                    failedExit |= t.containers().stream().anyMatch(c -> c.exitCode() == null || c.exitCode() != 0);
                }
                yield failedExit ? State.FAILED : State.SUCCEEDED;
            }
        };
    }
}
