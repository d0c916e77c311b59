package io.berth.app.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scheduled task as applied, with what its firings did.
 *
 * @param nextRun       the next firing time (null while suspended, or when the schedule has no more firings)
 * @param lastRun       the latest firing time handled (started, skipped or missed); null before the first
 * @param lastExitCodes the exit codes of the containers of the latest started firing's tasks, by task id then
 *                      container name; empty while they run
 * @param firings       the firings kept (successfulHistoryLimit / failedHistoryLimit), newest first
 */
public record ScheduledTaskView(String name, String cluster, String schedule, String timezone, String taskDefinition,
                                int count, String concurrency, String startingDeadline, boolean suspend,
                                int successfulHistoryLimit, int failedHistoryLimit, Instant nextRun, Instant lastRun,
                                Map<String, Map<String, Integer>> lastExitCodes, List<FiringView> firings,
                                Map<String, String> labels, Instant createdAt, Instant updatedAt) {

    /**
     * @param outcome PENDING, STARTED, SKIPPED (concurrency Forbid), MISSED (past startingDeadline) or FAILED
     * @param reason  why it was skipped, missed or failed
     * @param status  of its tasks: RUNNING while any runs, SUCCEEDED when all exited 0, else FAILED; null when none
     */
    public record FiringView(Instant fireTime, String outcome, String reason, List<String> taskIds, String status,
                             Instant recordedAt) {
    }
}
