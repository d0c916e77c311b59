package io.berth.reconciler.store;

import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.ScheduledTask;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the firing pass reads and writes about scheduled tasks. */
public interface ScheduledTaskStore {

    List<UUID> ids();

    Optional<Stored> get(UUID id);

    /**
     * The latest firing time handled and the history, together (the intent of a firing is its PENDING entry).
     *
     * @return false when the scheduled task was deleted meanwhile
     */
    boolean recordFirings(UUID id, Instant lastFire, List<Firing> firings);

    /** "family" (its newest ACTIVE revision) or "family:revision" (if ACTIVE); empty when there is none. */
    Optional<TaskDefinition> activeTaskDefinition(String reference);

    record Stored(ScheduledTask task, List<Firing> firings) {
        public Stored {
            firings = List.copyOf(firings);
        }
    }
}
