package io.berth.reconciler.plan;

import java.time.Duration;

/**
 * Bounds and timings of service passes.
 *
 * @param maxLaunchesPerPass cap on new tasks one pass starts (Titus-style bounded passes)
 * @param maxStopsPerPass    cap on live tasks one pass chooses to stop (scale-in, replacement, deletion); tasks that
 *                           already failed are not counted — stopping them kills nothing
 * @param backoffInitial     delay before the 2nd consecutive relaunch after quick failures
 * @param backoffMax         the delay never grows beyond this
 * @param stableRun          a task that ran at least this long before exiting does not count as a quick failure
 * @param eventRepeat        the same event text is recorded again only after this long
 */
public record PlannerSettings(
        int maxLaunchesPerPass,
        int maxStopsPerPass,
        Duration backoffInitial,
        Duration backoffMax,
        Duration stableRun,
        Duration eventRepeat) {

    public static PlannerSettings defaults() {
        return new PlannerSettings(50, 50, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
