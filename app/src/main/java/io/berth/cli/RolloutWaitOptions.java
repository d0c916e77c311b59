package io.berth.cli;

import java.time.Duration;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code --wait [--timeout D]} of {@code rollout undo} and {@code rollout restart}: follow the new deployment. */
final class RolloutWaitOptions {

    @Option(names = "--wait", description = "Follow the new deployment until it ends; exit 0 completed, "
            + "5 failed or rolled back, 4 on timeout")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE})")
    Duration timeout;

    int afterwards(BerthCli root, ServiceRef ref, JsonNode deployment) {
        if (!wait) {
            return ExitCodes.OK;
        }
        return new RolloutWatch(root.api(), root.context(), ref).await(Json.text(deployment, "id"), timeout);
    }
}
