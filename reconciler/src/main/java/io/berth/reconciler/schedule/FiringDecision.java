package io.berth.reconciler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the scheduled-task planner decided for one scheduled task at one moment. */
public sealed interface FiringDecision {

    /** Nothing is due. {@code next} is the next firing time, null when there is none (or while suspended). */
    record Wait(Instant next, String why) implements FiringDecision {
    }

    /**
     * Start the firing of {@code fireTime}: stop {@code stop} first (Replace), then run the tasks under
     * {@code clientToken}, which is the same for every attempt at this firing (so it never runs twice).
     */
    record Fire(Instant fireTime, String clientToken, List<UUID> stop) implements FiringDecision {
        public Fire {
            stop = List.copyOf(stop);
        }
    }

    /** The firing of {@code fireTime} does not run (Forbid while a run goes on, or too late); recorded with why. */
    record Skip(Instant fireTime, FiringOutcome outcome, String reason) implements FiringDecision {
    }
}
