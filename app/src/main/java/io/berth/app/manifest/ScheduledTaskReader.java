package io.berth.app.manifest;

import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.schedule.Concurrency;
import io.berth.reconciler.schedule.ScheduleZone;
import io.berth.reconciler.schedule.Schedule;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * Reads a ScheduledTask's spec: the schedule and its zone, run-task's fields ({@code taskDefinition}, {@code count},
 * {@code overrides}, {@code placementConstraints}, {@code placementStrategy}) and Kubernetes CronJob's controls.
 * Errors name the field and say why (a schedule's error says which syntax it was read as).
 */
final class ScheduledTaskReader {

    private ScheduledTaskReader() {
    }

    static ScheduledTaskSpec read(JsonNode node, String path, ErrorCollector errors, JsonNode[] overrides) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        String schedule = fields.requiredString("schedule");
        if (schedule != null) {
            String problem = Schedule.problem(schedule);
            if (problem != null) {
                errors.reject(fields.path("schedule"), problem);
            }
        }
        String timezone = fields.string("timezone");
        if (timezone != null) {
            String problem = ScheduleZone.problem(timezone);
            if (problem != null) {
                errors.reject(fields.path("timezone"), problem);
            }
        }
        String taskDefinition = fields.requiredString("taskDefinition");
        Integer count = fields.integer("count");
        if (count != null && (count < 1 || count > RunTaskPlan.MAX_COUNT)) {
            errors.reject(fields.path("count"), "must be between 1 and " + RunTaskPlan.MAX_COUNT + ", got " + count);
        }
        overrides[0] = fields.get("overrides");
        Placement placement = new Placement(
                PlacementReader.strategies(fields.get("placementStrategy"), fields.path("placementStrategy"), errors),
                PlacementReader.constraints(fields.get("placementConstraints"), fields.path("placementConstraints"),
                        false, errors));
        String concurrencyText = fields.string("concurrency");
        Concurrency concurrency = Concurrency.ALLOW;
        if (concurrencyText != null) {
            concurrency = Concurrency.parse(concurrencyText).orElse(null);
            if (concurrency == null) {
                errors.reject(fields.path("concurrency"), "must be Allow, Forbid or Replace, got \"" + concurrencyText
                        + "\"");
            }
        }
        Duration deadline = fields.duration("startingDeadline");
        if (deadline != null && deadline.toMillis() < 1000) {
            errors.reject(fields.path("startingDeadline"), "must be at least 1s");
        }
        Integer successful = limit(fields, "successfulHistoryLimit", errors);
        Integer failed = limit(fields, "failedHistoryLimit", errors);
        Boolean suspend = fields.bool("suspend");
        fields.rejectUnknown();
        return new ScheduledTaskSpec(schedule == null ? "" : schedule.strip(), timezone == null ? null : timezone.strip(),
                taskDefinition == null ? "" : taskDefinition.strip(), count == null ? 1 : count, null, placement,
                concurrency, deadline,
                successful == null ? ScheduledTaskSpec.DEFAULT_SUCCESSFUL_HISTORY : successful,
                failed == null ? ScheduledTaskSpec.DEFAULT_FAILED_HISTORY : failed, Boolean.TRUE.equals(suspend));
    }

    private static Integer limit(ObjectFields fields, String key, ErrorCollector errors) {
        Integer value = fields.integer(key);
        if (value != null && (value < 0 || value > ScheduledTaskSpec.MAX_HISTORY)) {
            errors.reject(fields.path(key), "must be between 0 and " + ScheduledTaskSpec.MAX_HISTORY + ", got " + value);
        }
        return value;
    }
}
