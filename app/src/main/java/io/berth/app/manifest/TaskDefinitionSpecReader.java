package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code spec} of a {@code TaskDefinition} document; type errors only, rules are in the validator. */
final class TaskDefinitionSpecReader {

    private final ContainerDefinitionReader containerReader = new ContainerDefinitionReader(Dialect.MANIFEST);
    private final TaskOptionsReader optionsReader = new TaskOptionsReader();

    TaskDefinitionSpec read(JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return new TaskDefinitionSpec(List.of(), null, null);
        }
        List<ContainerDefinition> containers = containers(fields.require("containers"), fields.path("containers"), errors);
        Integer cpu = fields.integer("cpu");
        Integer memory = fields.integer("memory");
        TaskOptions options = new TaskOptions(optionsReader.networkMode(fields, errors), optionsReader.volumes(fields),
                optionsReader.tagMap(fields));
        List<PlacementConstraint> constraints = PlacementReader.constraints(fields.get("placementConstraints"),
                fields.path("placementConstraints"), true, errors);
        fields.rejectUnknown();
        return new TaskDefinitionSpec(TaskOptionsValidator.hostModePorts(containers, options.networkMode()), cpu, memory,
                options, constraints);
    }

    private List<ContainerDefinition> containers(JsonNode node, String path, ErrorCollector errors) {
        List<ContainerDefinition> containers = new ArrayList<>();
        if (node == null) {
            return containers;
        }
        if (!node.isArray()) {
            errors.reject(path, "must be a list of containers, got " + NodeTypes.describe(node));
            return containers;
        }
        for (int i = 0; i < node.size(); i++) {
            // Even a broken container keeps its index, so later errors point at the right element.
            containers.add(containerReader.read(node.get(i), path + "[" + i + "]", errors));
        }
        return containers;
    }
}
