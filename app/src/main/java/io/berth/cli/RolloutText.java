package io.berth.cli;

import tools.jackson.databind.JsonNode;

/** One line about a rollout ({@code GET …/rollout}), as {@code apply --wait} and {@code rollout status} print it. */
final class RolloutText {

    private RolloutText() {
    }

    /** e.g. {@code web:2 IN_PROGRESS: 1/3 running, 2 pending, 1 failed task} or {@code web:1 ROLLED_BACK: reason}. */
    static String line(JsonNode rollout) {
        String state = Json.text(rollout, "rolloutState", "?");
        StringBuilder line = new StringBuilder(Json.text(rollout, "taskDefinition", "?")).append(' ').append(state)
                .append(": ").append(Json.number(rollout, "runningCount")).append('/')
                .append(Json.number(rollout, "desiredCount")).append(" running");
        long pending = Json.number(rollout, "pendingCount");
        long failed = Json.number(rollout, "failedTasks");
        if (pending > 0) {
            line.append(", ").append(pending).append(" pending");
        }
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed task").append(failed == 1 ? "" : "s");
        }
        String reason = Json.text(rollout, "reason");
        if (reason != null && !reason.isBlank()) {
            line.append(" (").append(reason).append(')');
        }
        return line.toString();
    }

    static boolean done(JsonNode rollout) {
        return rollout.path("done").asBoolean(false);
    }

    static boolean succeeded(JsonNode rollout) {
        return rollout.path("succeeded").asBoolean(false);
    }
}
