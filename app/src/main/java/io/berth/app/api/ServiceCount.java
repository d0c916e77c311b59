package io.berth.app.api;

import io.berth.reconciler.autoscaling.ActionState;
import io.berth.reconciler.autoscaling.ScheduledScalingPlanner;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ServiceSpec;

import java.util.Map;

/**
 * The desired count an apply stores. Without autoScaling, the manifest's. With it, the manifest's count is only the
 * first value, as for an ECS service under Application Auto Scaling: re-applying the manifest (GitOps) keeps the count
 * auto scaling reached, moved into a changed [minCount, maxCount]; the apply result's note says so.
 *
 * @param note null when the stored count is the manifest's
 */
record ServiceCount(int desiredCount, String note) {

    /**
     * Worked, min 2 max 10, manifest 3: new service → 3; running at 7 → 7 ("kept at 7 by autoScaling, the manifest
     * says 3"); running at 7 with max now 5 → 5 ("7 clamped into 2..5"); manifest 1 for a new service → 2.
     *
     * @param running the stored count; null for a new service
     */
    static ServiceCount of(ServiceSpec spec, Integer running) {
        return of(spec, running, Map.of());
    }

    /**
     * As {@link #of(ServiceSpec, Integer)}, inside the range the scheduled actions that fired set (a re-apply at night
     * keeps the night's 0..0, instead of launching minCount's tasks that the next round would stop again).
     *
     * @param actions the stored states of the service's scheduled actions
     */
    static ServiceCount of(ServiceSpec spec, Integer running, Map<String, ActionState> actions) {
        AutoScaling a = spec.autoScaling();
        int manifest = spec.desiredCount();
        if (a == null) {
            return new ServiceCount(manifest, null);
        }
        int[] range = ScheduledScalingPlanner.range(a, actions);
        boolean scheduled = range[0] != a.minCount() || range[1] != a.maxCount();
        int from = running == null ? manifest : running;
        int count = Math.max(range[0], Math.min(range[1], from));
        if (count != from) {
            return new ServiceCount(count, "desiredCount " + from + " clamped into autoScaling's "
                    + (scheduled ? "scheduled range " : "minCount..maxCount ") + range[0] + ".." + range[1] + ": "
                    + count);
        }
        if (count != manifest) {
            return new ServiceCount(count, "desiredCount kept at " + count + " by autoScaling (the manifest says "
                    + manifest + ")");
        }
        return new ServiceCount(count, null);
    }
}
