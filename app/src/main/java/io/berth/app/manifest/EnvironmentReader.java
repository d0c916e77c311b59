package io.berth.app.manifest;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a container's {@code environment} in either form: a map ({@code {PORT: "8080"}}) or ECS's list
 * ({@code [{name: PORT, value: "8080"}]}), so task definitions copied from ECS work unchanged.
 */
final class EnvironmentReader {

    Map<String, String> read(JsonNode node, String path, ErrorCollector errors) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String value = NodeTypes.scalarText(entry.getValue(), path + "." + entry.getKey(), errors);
                checkName(entry.getKey(), path + "." + entry.getKey(), errors);
                result.put(entry.getKey(), value == null ? "" : value);
            }
            return result;
        }
        if (!node.isArray()) {
            errors.reject(path, "must be a map of names to values or a list of {name, value}, got "
                    + NodeTypes.describe(node));
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectFields fields = ObjectFields.of(node.get(i), itemPath, errors);
            if (fields == null) {
                continue;
            }
            String name = fields.requiredString("name");
            JsonNode rawValue = fields.get("value");
            // ECS treats a missing value as the empty string.
            String value = rawValue == null ? "" : NodeTypes.scalarText(rawValue, fields.path("value"), errors);
            fields.rejectUnknown();
            if (name == null) {
                continue;
            }
            checkName(name, fields.path("name"), errors);
            if (result.containsKey(name)) {
                errors.reject(fields.path("name"), "duplicate environment variable \"" + name + "\"");
            }
            result.put(name, value == null ? "" : value);
        }
        return result;
    }

    /** Docker splits {@code NAME=value} at the first '=', so a name cannot contain one. */
    private static void checkName(String name, String path, ErrorCollector errors) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            errors.reject(path, "environment variable name must be non-empty and contain no '='");
        }
    }
}
