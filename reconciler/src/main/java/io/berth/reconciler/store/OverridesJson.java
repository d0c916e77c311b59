package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.TaskOverrides;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Storage form of a one-off task's {@link TaskOverrides} ({@code task.overrides}); null/absent = none. */
public final class OverridesJson {

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** @return null when there are no overrides (nothing is stored) */
    public String toJson(TaskOverrides overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return null;
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("containerOverrides");
        for (ContainerOverride o : overrides.containerOverrides()) {
            ObjectNode node = list.addObject();
            node.put("name", o.name());
            if (o.command() != null) {
                ArrayNode command = node.putArray("command");
                o.command().forEach(command::add);
            }
            if (!o.environment().isEmpty()) {
                ObjectNode env = node.putObject("environment");
                o.environment().forEach(env::put);
            }
            if (o.cpu() != null) {
                node.put("cpu", o.cpu());
            }
            if (o.memory() != null) {
                node.put("memory", o.memory());
            }
        }
        return mapper.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not stored overrides */
    public TaskOverrides fromJson(String json) {
        if (json == null || json.isBlank()) {
            return TaskOverrides.NONE;
        }
        try {
            List<ContainerOverride> result = new ArrayList<>();
            JsonNode list = mapper.readTree(json).get("containerOverrides");
            if (list != null) {
                for (JsonNode node : list) {
                    List<String> command = null;
                    if (node.get("command") != null) {
                        command = new ArrayList<>();
                        for (JsonNode c : node.get("command")) {
                            command.add(c.stringValue());
                        }
                    }
                    Map<String, String> env = new LinkedHashMap<>();
                    if (node.get("environment") != null) {
                        node.get("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().stringValue()));
                    }
                    JsonNode name = node.get("name");
                    if (name == null || !name.isString()) {
                        throw new IllegalArgumentException("not stored task overrides: a container override lacks \"name\"");
                    }
                    result.add(new ContainerOverride(name.stringValue(), command, env,
                            node.get("cpu") == null ? null : node.get("cpu").intValue(),
                            node.get("memory") == null ? null : node.get("memory").intValue()));
                }
            }
            return new TaskOverrides(result);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not stored task overrides: " + e.getMessage(), e);
        }
    }
}
