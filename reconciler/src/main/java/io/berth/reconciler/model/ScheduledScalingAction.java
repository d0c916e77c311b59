package io.berth.reconciler.model;

/**
 * One of a service's {@code autoScaling.scheduled} actions (ECS put-scheduled-update-group-action): at each firing of
 * its schedule the service's minCount and maxCount become these; a null one stays as it is.
 *
 * @param schedule a schedule expression (cron, cron(...) or rate(...)), checked when applied
 * @param timezone IANA name of the zone of a cron expression's wall-clock times; null = UTC
 */
public record ScheduledScalingAction(String name, String schedule, String timezone, Integer minCount,
                                     Integer maxCount) {

    /** "min 0 max 0", "max 5": what the action sets, as events and tables say it. */
    public String sets() {
        String min = minCount == null ? "" : "min " + minCount;
        String max = maxCount == null ? "" : "max " + maxCount;
        return (min + " " + max).strip();
    }
}
