package io.berth.reconciler.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored scheduled task.
 *
 * @param createdAt when it was first applied: firing times at or before it never run
 * @param lastFire  the latest firing time handled (started, skipped or missed); null before the first
 */
public record ScheduledTask(UUID id, String cluster, String name, ScheduledTaskSpec spec, Instant createdAt,
                            Instant lastFire) {

    /** ECS startedBy of its tasks. */
    public String startedBy() {
        return "schedule/" + name;
    }
}
