package io.berth.app.manifest;

import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.Map;

/**
 * {@code kind: TaskDefinition}. Applying it registers a new revision of family {@code name} unless the
 * latest revision already has an equal spec.
 */
public record TaskDefinitionDocument(String name, Map<String, String> labels, TaskDefinitionSpec spec)
        implements ManifestDocument {

    public TaskDefinitionDocument {
        labels = Map.copyOf(labels);
    }
}
