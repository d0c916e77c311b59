package io.berth.reconciler.schedule;

import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.scheduler.placement.Placement;

import java.time.Duration;
import java.time.ZoneId;

/**
 * What a {@code kind: ScheduledTask} asks for: run-task's request ({@code taskDefinition}, {@code count},
 * {@code overrides}, placement) on a schedule, with Kubernetes CronJob's controls.
 *
 * @param schedule         the expression ({@link Schedule}), checked when applied
 * @param timezone         IANA name of the zone of the expression's wall-clock times; null = UTC
 * @param taskDefinition   "family" (newest ACTIVE revision when firing) or "family:revision"
 * @param startingDeadline how late a firing may still start (a Berth that was down, a busy loop); null = any lateness
 */
public record ScheduledTaskSpec(String schedule, String timezone, String taskDefinition, int count,
                                TaskOverrides overrides, Placement placement, Concurrency concurrency,
                                Duration startingDeadline, int successfulHistoryLimit, int failedHistoryLimit,
                                boolean suspend) {

    public static final int DEFAULT_SUCCESSFUL_HISTORY = 3;
    public static final int DEFAULT_FAILED_HISTORY = 1;
    /** More firings than this are never kept per scheduled task, whatever the limits say. */
    public static final int MAX_HISTORY = 100;

    public ScheduledTaskSpec {
        overrides = overrides == null ? TaskOverrides.NONE : overrides;
        placement = placement == null ? Placement.SERVICE_DEFAULT : placement;
        concurrency = concurrency == null ? Concurrency.ALLOW : concurrency;
    }

    /** @throws InvalidScheduleException when the stored expression is no longer one (never, once applied) */
    public Schedule parsedSchedule() {
        return Schedule.parse(schedule);
    }

    public ZoneId zone() {
        return ScheduleZone.parse(timezone);
    }
}
