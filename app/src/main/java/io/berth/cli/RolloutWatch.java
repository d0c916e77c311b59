package io.berth.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * Follows one deployment until its rollout ends, printing a line whenever its progress changes; returns the
 * exit code (0 completed, 5 failed or rolled back, 4 when the timeout passes first).
 *
 * <p>It follows the deployment by id, as the server's {@code apply?wait} does: when a rollout fails and the
 * circuit breaker rolls back, the service's current rollout becomes the rollback's, which may well complete;
 * the deployment being watched still failed. One superseded by a newer apply or restart before it completed is
 * ended FAILED by the server ("superseded by a newer deployment"), and the watch says so (exit 5), as
 * {@code apply?wait} would; only a watched deployment that has vanished, or is not yet marked, hands over to the
 * current one.
 */
final class RolloutWatch {

    private final ApiClient api;
    private final CliContext context;
    private final ServiceRef service;

    RolloutWatch(ApiClient api, CliContext context, ServiceRef service) {
        this.api = api;
        this.context = context;
        this.service = service;
    }

    /** @param deploymentId the deployment to follow; null = the service's current one */
    int await(String deploymentId, Duration timeout) {
        PrintWriter out = context.out();
        Instant deadline = context.now().plus(timeout);
        String lastLine = null;
        String followed = deploymentId;
        while (true) {
            JsonNode current = api.get(service.path() + "/rollout");
            if (followed == null) {
                followed = Json.text(current, "id");
            }
            JsonNode deployment = current;
            if (followed != null && !followed.equals(Json.text(current, "id"))) {
                deployment = deployment(followed);
                if (deployment == null || !isDone(deployment)) {
                    // replaced by a newer apply or restart, not failed: that one is the rollout now
                    out.println(service.ref() + ": deployment " + GetCommand.shortId(followed)
                            + " was replaced by " + GetCommand.shortId(Json.text(current, "id")) + " ("
                            + Json.text(current, "taskDefinition", "?") + ")");
                    followed = Json.text(current, "id");
                    deployment = current;
                }
            }
            String line = service.ref() + ": " + RolloutText.line(deployment);
            if (!line.equals(lastLine)) {
                out.println(line);
                out.flush();
                lastLine = line;
            }
            if (isDone(deployment)) {
                return finish(deployment);
            }
            if (!context.now().isBefore(deadline)) {
                throw CliException.timeout("timed out after " + Durations.format(timeout) + " waiting for the rollout "
                        + "of " + service.ref() + " (" + Json.text(deployment, "taskDefinition", "?")
                        + " still IN_PROGRESS); the rollout goes on");
            }
            try {
                context.sleeper().sleep(context.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.API_ERROR, "interrupted while waiting for " + service.ref());
            }
        }
    }

    private int finish(JsonNode deployment) {
        String state = Json.text(deployment, "rolloutState", "?");
        if (state.equals("COMPLETED")) {
            context.out().println(service.ref() + " successfully rolled out ("
                    + Json.text(deployment, "taskDefinition", "?") + ")");
            context.out().flush();
            return ExitCodes.OK;
        }
        String reason = Json.text(deployment, "reason");
        throw new CliException(ExitCodes.ROLLOUT_FAILED, service.ref() + ": rollout of "
                + Json.text(deployment, "taskDefinition", "?") + " " + state + (reason == null ? "" : ": " + reason));
    }

    private JsonNode deployment(String id) {
        for (JsonNode deployment : api.getAll(service.path() + "/deployments")) {
            if (id.equals(Json.text(deployment, "id"))) {
                return deployment;
            }
        }
        return null;
    }

    static boolean isDone(JsonNode deployment) {
        return !"IN_PROGRESS".equals(Json.text(deployment, "rolloutState", "IN_PROGRESS"));
    }
}
