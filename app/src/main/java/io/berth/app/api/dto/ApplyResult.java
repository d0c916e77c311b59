package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What applying one document did (or, in a dry run, would do).
 *
 * @param kind           TaskDefinition or Service
 * @param cluster        services only
 * @param result         created, configured or unchanged
 * @param revision       task definitions: the revision the family's spec now has; secrets and configs: their version
 * @param taskDefinition services only: the revision its reference resolved to, e.g. "web:3"
 * @param rollout        services created or configured by an {@code apply?wait=true} only: how their rollout ended
 * @param note           what the result does not cover, e.g. a dry run's "endpoint not probed"; usually absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyResult(String kind, String name, String cluster, Outcome result, Integer revision,
                          String taskDefinition, RolloutSummary rollout, String note) {

    public ApplyResult(String kind, String name, String cluster, Outcome result, Integer revision,
                       String taskDefinition) {
        this(kind, name, cluster, result, revision, taskDefinition, null, null);
    }

    public ApplyResult withRollout(RolloutSummary rollout) {
        return new ApplyResult(kind, name, cluster, result, revision, taskDefinition, rollout, note);
    }

    public ApplyResult withNote(String note) {
        return new ApplyResult(kind, name, cluster, result, revision, taskDefinition, rollout, note);
    }

    public enum Outcome {
        CREATED, CONFIGURED, UNCHANGED;

        /** Lower case on the wire, like kubectl's "configured". */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean changes() {
            return this != UNCHANGED;
        }
    }
}
