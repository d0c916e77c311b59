package io.berth.reconciler.plan;

import java.util.UUID;

/** What a pass decided about the service's deployments. The executor writes it down. */
public sealed interface DeploymentDecision {

    UUID deploymentId();

    /** Every desired task of the primary deployment is healthy and nothing older runs. */
    record Complete(UUID deploymentId, String reason) implements DeploymentDecision {
    }

    /** The rollout failed (circuit breaker, progress deadline) and nothing is rolled back. */
    record Fail(UUID deploymentId, String reason) implements DeploymentDecision {
    }

    /** The rollout failed: end it ROLLED_BACK and start a deployment of {@code targetArn}. */
    record RollBack(UUID deploymentId, String reason, String targetArn) implements DeploymentDecision {
    }

    /** An older deployment whose tasks are all gone. */
    record Deactivate(UUID deploymentId) implements DeploymentDecision {
    }
}
