package io.berth.reconciler.schedule;

/** How a firing ended up, as its history records it. */
public enum FiringOutcome {
    /** Intent written; its tasks are being started (a restarted Berth finishes the start under the same token). */
    PENDING,
    /** Its tasks were started (or found started, under its token). */
    STARTED,
    /** Forbid: an earlier run still ran. */
    SKIPPED,
    /** Too late: past startingDeadline when Berth looked (Berth down, suspended until then). */
    MISSED,
    /** Its tasks could not be started (no ACTIVE revision, nowhere to place them); the reason says why. */
    FAILED
}
