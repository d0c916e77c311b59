package io.berth.reconciler.traffic;

import java.util.Objects;

/**
 * A target's health as HAProxy's own checks report it, in ELBv2's terms ({@code describe-target-health}).
 *
 * @param state       initial | healthy | unhealthy | draining | unused | unavailable
 * @param reason      ELBv2's reason code (e.g. {@code Target.FailedHealthChecks}); null when healthy
 * @param description HAProxy's words for the last check; null when there is nothing to say
 */
public record TargetHealth(String state, String reason, String description) {

    public TargetHealth {
        Objects.requireNonNull(state, "state");
    }
}
