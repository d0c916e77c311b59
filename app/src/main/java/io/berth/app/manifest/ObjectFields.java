package io.berth.app.manifest;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON/YAML object with their paths, reporting wrong types into an
 * {@link ErrorCollector} instead of throwing, and remembering which fields were asked for so that
 * {@link #rejectUnknown()} can flag the rest: unknown fields are errors, never silently ignored.
 *
 * <p>A field that is absent or explicitly null ({@code cpu: ~}) reads as null. Every reader returns null
 * after reporting a wrong type, so callers substitute a placeholder and carry on.
 */
final class ObjectFields {

    /** Keys that read as a field name in a path as they are. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    private final JsonNode node;
    private final String path;
    private final ErrorCollector errors;
    private final Set<String> allowed = new LinkedHashSet<>();

    private ObjectFields(JsonNode node, String path, ErrorCollector errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** Null (and an error reported) when {@code node} is not an object. */
    static ObjectFields of(JsonNode node, String path, ErrorCollector errors) {
        if (node == null || !node.isObject()) {
            errors.reject(path, "must be an object, got " + NodeTypes.describe(node));
            return null;
        }
        return new ObjectFields(node, path, errors);
    }

    /** The collector this object reports into, for readers of nested lists that check across fields. */
    ErrorCollector errors() {
        return errors;
    }

    String path(String key) {
        // The root of an ECS JSON body has no path of its own: its fields are named plainly ("family").
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw node, or null when absent or null. */
    JsonNode get(String key) {
        allowed.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    JsonNode require(String key) {
        JsonNode value = get(key);
        if (value == null) {
            errors.reject(path(key), "is required");
        }
        return value;
    }

    String string(String key) {
        return NodeTypes.string(get(key), path(key), errors);
    }

    String requiredString(String key) {
        return NodeTypes.string(require(key), path(key), errors);
    }

    Integer integer(String key) {
        return NodeTypes.integer(get(key), path(key), errors);
    }

    Integer requiredInteger(String key) {
        return NodeTypes.integer(require(key), path(key), errors);
    }

    Boolean bool(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.reject(path(key), "must be true or false, got " + NodeTypes.describe(value));
            return null;
        }
        return value.booleanValue();
    }

    Duration duration(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.reject(path(key), "must be a duration string like \"10s\" or \"1m30s\", got "
                    + NodeTypes.describe(value) + (value.isNumber() ? " (units are required)" : ""));
            return null;
        }
        try {
            return DurationText.parse(value.stringValue());
        } catch (IllegalArgumentException e) {
            errors.reject(path(key), e.getMessage());
            return null;
        }
    }

    /** A list of strings; numbers and booleans are taken as written ({@code [sleep, 10]}). */
    List<String> stringList(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            errors.reject(path(key), "must be a list of strings, got " + NodeTypes.describe(value));
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = NodeTypes.scalarText(value.get(i), path(key) + "[" + i + "]", errors);
            result.add(item == null ? "" : item);
        }
        return result;
    }

    /** An object of string values, e.g. labels; scalars are taken as written. */
    Map<String, String> stringMap(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            errors.reject(path(key), "must be a map of strings, got " + NodeTypes.describe(value));
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String text = NodeTypes.scalarText(entry.getValue(), path(key) + "." + entry.getKey(), errors);
            result.put(entry.getKey(), text == null ? "" : text);
        }
        return result;
    }

    /** A list of integers; null when absent or (reported) not a list; wrong elements are reported and left out. */
    List<Integer> integerList(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            errors.reject(path(key), "must be a list of integers, got " + NodeTypes.describe(value));
            return null;
        }
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            Integer item = NodeTypes.integer(value.get(i), path(key) + "[" + i + "]", errors);
            if (item != null) {
                result.add(item);
            }
        }
        return result;
    }

    /** A whole number that may exceed an int (ulimits); null after reporting a wrong type. */
    Long longValue(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.reject(path(key), "must be a whole number, got " + NodeTypes.describe(value));
            return null;
        }
        return value.longValue();
    }

    /**
     * A duration written as text ("30s") or, as ECS writes stopTimeout and health-check intervals, a whole number
     * of seconds.
     */
    Duration durationOrSeconds(String key) {
        JsonNode value = get(key);
        if (value != null && value.isIntegralNumber()) {
            if (value.longValue() < 0) {
                errors.reject(path(key), "must be >= 0 seconds");
                return null;
            }
            return Duration.ofSeconds(value.longValue());
        }
        if (value != null && !value.isString()) {
            errors.reject(path(key), "must be a number of seconds or a duration string like \"30s\", got "
                    + NodeTypes.describe(value));
            return null;
        }
        return duration(key);
    }

    /** The fields of a nested object, or null when absent (or not an object, which is reported). */
    ObjectFields object(String key) {
        JsonNode value = get(key);
        return value == null ? null : of(value, path(key), errors);
    }

    /**
     * A list of objects, each read by {@code reader} from its fields (which should end with rejectUnknown); elements
     * that are not objects are reported and left out. Empty when absent.
     */
    <T> List<T> objects(String key, java.util.function.Function<ObjectFields, T> reader) {
        JsonNode value = get(key);
        List<T> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            errors.reject(path(key), "must be a list, got " + NodeTypes.describe(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            ObjectFields item = of(value.get(i), path(key) + "[" + i + "]", errors);
            if (item != null) {
                T read = reader.apply(item);
                if (read != null) {
                    result.add(read);
                }
            }
        }
        return result;
    }

    /** Reports a rule broken at {@code path} (a value that has the right type but is not allowed). */
    void reject(String fullPath, String message) {
        errors.reject(fullPath, message);
    }

    /**
     * The path of a key that is not a field: as it is when it reads like one, else quoted in brackets
     * ({@code [""]}, {@code spec[" "]}, {@code spec["a.b"]}), so that an empty or blank key, or one with dots,
     * still names a place the user can find.
     */
    String unknownKeyPath(String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path(key);
        }
        StringBuilder quoted = new StringBuilder("[\"");
        key.codePoints().limit(100).forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return path + quoted.append(key.codePointCount(0, key.length()) > 100 ? "…\"]" : "\"]");
    }

    /** Reports every field not asked for; call after all reads. */
    void rejectUnknown() {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                errors.reject(unknownKeyPath(key), "unknown field (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }
}
