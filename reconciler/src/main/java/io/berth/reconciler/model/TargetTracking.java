package io.berth.reconciler.model;

import java.time.Duration;

/**
 * A target tracking policy: keep {@code metric} near {@code target} by changing the service's desired count.
 *
 * @param targetGroup      for {@link ScalingMetric#REQUESTS_PER_TARGET} only: the group whose requests are counted
 * @param scaleOutCooldown after a scale-out, no further scale-out before it has passed (ECS default 300 s)
 * @param scaleInCooldown  after any scaling, no scale-in before it has passed (ECS default 300 s)
 * @param disableScaleIn   the policy only ever adds tasks
 */
public record TargetTracking(ScalingMetric metric, double target, String targetGroup, Duration scaleOutCooldown,
                             Duration scaleInCooldown, boolean disableScaleIn) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);

    public TargetTracking {
        scaleOutCooldown = scaleOutCooldown == null ? DEFAULT_COOLDOWN : scaleOutCooldown;
        scaleInCooldown = scaleInCooldown == null ? DEFAULT_COOLDOWN : scaleInCooldown;
    }
}
