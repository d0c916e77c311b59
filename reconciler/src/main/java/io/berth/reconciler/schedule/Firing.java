package io.berth.reconciler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One firing in a scheduled task's history.
 *
 * @param fireTime   the scheduled time (not when it ran)
 * @param reason     why it was skipped, missed or failed; null when started
 * @param taskIds    the tasks it started
 * @param recordedAt when Berth handled it
 */
public record Firing(Instant fireTime, FiringOutcome outcome, String reason, List<UUID> taskIds, Instant recordedAt) {

    public Firing {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    public Firing started(List<UUID> ids, Instant now) {
        return new Firing(fireTime, FiringOutcome.STARTED, null, ids, now);
    }
}
