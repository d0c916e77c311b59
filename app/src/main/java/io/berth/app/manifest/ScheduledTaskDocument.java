package io.berth.app.manifest;

import io.berth.reconciler.schedule.ScheduledTaskSpec;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code kind: ScheduledTask}: run-task on a schedule, {@code name} in {@code cluster}.
 *
 * @param spec      as read, without overrides (they are checked against the task definition when applied)
 * @param overrides the spec's {@code overrides} as written (run-task's form), or null
 */
public record ScheduledTaskDocument(String name, String cluster, Map<String, String> labels, ScheduledTaskSpec spec,
                                    JsonNode overrides) implements ManifestDocument {

    public ScheduledTaskDocument {
        labels = Map.copyOf(labels);
    }
}
