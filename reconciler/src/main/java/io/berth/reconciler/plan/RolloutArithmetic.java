package io.berth.reconciler.plan;

/**
 * How many tasks a service pass starts and stops while tasks of an older revision remain, with ECS's
 * deployment bounds: at most {@code maximumPercent} of desiredCount active, at least
 * {@code minimumHealthyPercent} of desiredCount healthy. Each function is small and carries worked numbers,
 * like Kubernetes' rolling.go.
 */
final class RolloutArithmetic {

    private RolloutArithmetic() {
    }

    /**
     * Active tasks allowed at once: desired × maximumPercent / 100, rounded down (as ECS), never below desired.
     * <p>desired 4 at 200 % → 8. desired 3 at 150 % → 4 (4.5 rounded down). desired 3 at 100 % → 3.
     */
    static int maximumActive(int desired, int maximumPercent) {
        return Math.max(desired, Math.floorDiv(desired * maximumPercent, 100));
    }

    /**
     * Healthy tasks that must remain: desired × minimumHealthyPercent / 100, rounded up (as ECS).
     * <p>desired 4 at 50 % → 2. desired 3 at 50 % → 2 (1.5 rounded up). desired 1 at 0 % → 0. desired 3 at 100 % → 3.
     */
    static int minimumHealthy(int desired, int minimumHealthyPercent) {
        return Math.ceilDiv(desired * minimumHealthyPercent, 100);
    }

    /**
     * New-revision tasks to start: enough to reach desired, within the room maximumPercent leaves.
     * <p>4 tasks at 50/200, 4 old active, 0 new: wanted 4, room 8 − 4 = 4 → start 4.
     * <p>1 task at 0/100, 1 old active: wanted 1, room 1 − 1 = 0 → start 0 (the old one must go first).
     * <p>3 tasks at 100/100, 3 old active: room 0 → start 0.
     * <p>Plain replacement, desired 3, 2 new active, no old: → start 1.
     */
    static int toStart(int desired, int currentActive, int allActive, int maximumActive) {
        int wanted = Math.max(0, desired - currentActive);
        int room = Math.max(0, maximumActive - allActive);
        return Math.min(wanted, room);
    }

    /**
     * Old-revision tasks to stop: every unhealthy one (it serves nothing), and as many healthy ones as keep
     * the healthy count at or above the minimum.
     * <p>4 tasks at 50/200, 4 old healthy, 0 new healthy: healthy 4, minimum 2 → stop 2 now.
     * <p>1 task at 0/100, 1 old healthy: minimum 0 → stop 1.
     * <p>3 tasks at 100/200, 3 old healthy, 1 new healthy: 4 − 3 → stop 1.
     * <p>3 tasks at 100/100, 3 old healthy, nothing new: 3 − 3 → stop 0 (and start 0: see {@link #stuck}).
     */
    static int oldToStop(int oldActive, int oldHealthy, int allHealthy, int minimumHealthy) {
        int unhealthy = oldActive - oldHealthy;
        int surplus = Math.max(0, allHealthy - minimumHealthy);
        return unhealthy + Math.min(oldHealthy, surplus);
    }

    /**
     * A rollout that can neither start nor stop anything although nothing is in flight will never move:
     * 3 tasks at 100/100 — no room above 100 %, nothing may go below 100 %.
     */
    static boolean stuck(int oldActive, int toStart, int oldToStop, boolean anyInFlight) {
        return oldActive > 0 && toStart == 0 && oldToStop == 0 && !anyInFlight;
    }
}
