package io.berth.reconciler.plan;

/**
 * How many daemon tasks a rollout may take down at once. A daemon has one task per eligible instance and no room for
 * a second beside it (its host ports, its purpose), so ECS replaces it <em>stop first, then start</em> on the same
 * host: {@code maximumPercent} plays no part, {@code minimumHealthyPercent} of the eligible instances bounds how many
 * hosts are without a healthy task at once. Each function is small and carries worked numbers.
 */
final class DaemonArithmetic {

    private DaemonArithmetic() {
    }

    /**
     * Healthy daemon tasks that must remain: eligible instances × minimumHealthyPercent / 100, rounded up (as ECS).
     * <p>4 instances at 50 % → 2. 3 instances at 50 % → 2 (1.5 rounded up). 5 instances at 0 % → 0. 3 at 100 % → 3.
     */
    static int minimumHealthy(int eligibleInstances, int minimumHealthyPercent) {
        return Math.ceilDiv(eligibleInstances * minimumHealthyPercent, 100);
    }

    /**
     * Old-revision daemon tasks to stop now: every unhealthy one (it serves nothing), and as many healthy ones as keep
     * the healthy count at or above the minimum. Each stop frees its host for the new revision's task.
     * <p>4 instances at 50 %, 4 old healthy: minimum 2, healthy 4 → stop 2 now, the other 2 once 2 new are healthy.
     * <p>3 instances at 0 %, 3 old healthy: minimum 0 → stop 3 (every host restarts at once).
     * <p>3 instances at 50 %, 2 old (1 of them unhealthy), 1 new healthy: minimum 2, healthy 2 → stop the unhealthy
     * one only.
     * <p>3 instances at 100 %, 3 old healthy: minimum 3 → stop 0; the rollout cannot move (see {@link #stuck}).
     */
    static int oldToStop(int oldActive, int oldHealthy, int allHealthy, int minimumHealthy) {
        int unhealthy = oldActive - oldHealthy;
        int surplus = Math.max(0, allHealthy - minimumHealthy);
        return unhealthy + Math.min(oldHealthy, surplus);
    }

    /**
     * A rollout with old tasks left that may stop none while nothing is starting will never move: at 100 % every host
     * must keep its healthy task, and a host holds only one.
     * <p>3 old, stop 0, nothing starting → stuck. 3 old, stop 0, a new task on its way to healthy → waits for it.
     */
    static boolean stuck(int oldActive, int oldToStop, boolean anyInFlight) {
        return oldActive > 0 && oldToStop == 0 && !anyInFlight;
    }
}
