package io.berth.reconciler.plan;

/**
 * How many tasks a service pass starts and stops when the service's revision changes, with ECS's
 * default deployment bounds (minimumHealthyPercent 100, maximumPercent 200). Health-gated rolling updates
 * with configurable bounds come with deployments; until then these are the fixed defaults.
 */
final class ReplacementArithmetic {

    private ReplacementArithmetic() {
    }

    /**
     * New-revision tasks to start: enough to reach {@code desired}, never pushing the service above
     * maximumPercent (200 %) of desired.
     * <p>desired 3, 3 old active, 0 new → ceiling 6, room 3 → start 3.
     * <p>desired 3, 0 old, 1 new → start 2 (plain scale-up / replacement).
     * <p>desired 0 → start 0.
     */
    static int toStart(int desired, int oldActive, int newActive) {
        int wanted = Math.max(0, desired - newActive);
        int ceiling = maximumRunning(desired);
        int room = Math.max(0, ceiling - oldActive - newActive);
        return Math.min(wanted, room);
    }

    /**
     * Old-revision tasks to stop: as many as can go while RUNNING tasks stay at or above
     * minimumHealthyPercent (100 %) of desired. Old tasks that are not running count for nothing and may
     * always go.
     * <p>desired 3, old 3 running, new 1 running → 3+1-3 = 1 may stop.
     * <p>desired 3, old 3 running, new 3 running → all 3 old stop.
     * <p>desired 0 → every old task stops.
     */
    static int oldToStop(int desired, int oldRunning, int oldNotRunning, int newRunning) {
        int floor = minimumHealthy(desired);
        int runningSurplus = Math.max(0, oldRunning + newRunning - floor);
        return oldNotRunning + Math.min(oldRunning, runningSurplus);
    }

    /** maximumPercent 200: desired 3 → 6 tasks may be active at once. */
    static int maximumRunning(int desired) {
        return desired * 2;
    }

    /** minimumHealthyPercent 100: desired 3 → 3 tasks must keep running. */
    static int minimumHealthy(int desired) {
        return desired;
    }
}
