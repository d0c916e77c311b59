package io.berth.app.manifest;

import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.schedule.Schedule;
import io.berth.reconciler.schedule.ScheduleZone;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code autoScaling.scheduled: [{name, schedule, timezone, minCount, maxCount}]}: scheduled actions (ECS
 * put-scheduled-update-group-action), every rule checked here with the field it concerns.
 */
final class ScheduledActionReader {

    /** Names appear in events, tables and URLs: short and plain. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** A service's actions are a handful (day and night, weekday and weekend); a bound keeps each pass small. */
    static final int MAX_ACTIONS = 50;

    private ScheduledActionReader() {
    }

    /** The valid actions; every problem is reported. Empty when absent. */
    static List<ScheduledScalingAction> read(ObjectFields autoScaling) {
        var node = autoScaling.get("scheduled");
        if (node != null && node.isArray() && node.size() > MAX_ACTIONS) {
            autoScaling.reject(autoScaling.path("scheduled"), "must have at most " + MAX_ACTIONS + " actions, got "
                    + node.size());
            return List.of();
        }
        Set<String> names = new HashSet<>();
        return autoScaling.objects("scheduled", a -> action(a, names));
    }

    private static ScheduledScalingAction action(ObjectFields a, Set<String> names) {
        String name = a.requiredString("name");
        if (name != null) {
            if (!NAME.matcher(name).matches()) {
                a.reject(a.path("name"), "must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or"
                        + " digit");
                name = null;
            } else if (!names.add(name)) {
                a.reject(a.path("name"), "duplicates the name of another scheduled action: \"" + name + "\"");
                name = null;
            }
        }
        String schedule = a.requiredString("schedule");
        if (schedule != null) {
            String problem = Schedule.problem(schedule);
            if (problem != null) {
                a.reject(a.path("schedule"), problem);
                schedule = null;
            }
        }
        String timezone = a.string("timezone");
        if (timezone != null) {
            String problem = ScheduleZone.problem(timezone);
            if (problem != null) {
                a.reject(a.path("timezone"), problem);
                timezone = null;
            }
        }
        Integer min = a.integer("minCount");
        Integer max = a.integer("maxCount");
        boolean ok = true;
        if (min != null && (min < 0 || min > AutoScalingReader.MAX_COUNT)) {
            a.reject(a.path("minCount"), "must be between 0 and " + AutoScalingReader.MAX_COUNT + ", got " + min);
            ok = false;
        }
        if (max != null && (max < 0 || max > AutoScalingReader.MAX_COUNT)) {
            a.reject(a.path("maxCount"), "must be between 0 and " + AutoScalingReader.MAX_COUNT + ", got " + max);
            ok = false;
        }
        if (min != null && max != null && max < min) {
            a.reject(a.path("maxCount"), "must be >= minCount (" + min + "), got " + max);
            ok = false;
        }
        if (min == null && max == null && a.get("minCount") == null && a.get("maxCount") == null) {
            a.reject(a.path("minCount"), "is required, or maxCount: an action sets at least one of them");
            ok = false;
        }
        a.rejectUnknown();
        return ok && name != null && schedule != null && (timezone != null || a.get("timezone") == null)
                ? new ScheduledScalingAction(name, schedule.strip(), timezone == null ? null : timezone.strip(), min,
                max) : null;
    }
}
